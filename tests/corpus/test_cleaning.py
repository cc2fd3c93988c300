"""Boilerplate cleaning on the real scraped article, with its audit."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt

from conftest import SEED
from toolkit import DEFAULT_RULES, CleaningRule, clean_audit, clean_text, load_corpus
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline

SEED_TEXT = SEED.read_text("utf-8")


def test_seed_article_audit_lists_each_removed_line():
    audit = clean_audit(load_corpus(SEED.parent))
    expected = pd.DataFrame(
        {
            "doc_id": [SEED.name] * 6,
            "line": [3, 4, 8, 38, 40, 41],
            "rule": ["share counter", "share counter", "advertisement", "comment form", "comment form", "comment form"],
            "text": [
                "0",
                "20",
                "ADVERTISEMENT",
                "LEAVE A REPLY",
                "Please enter your comment!",
                "Please enter your name here",
            ],
        }
    )
    pdt.assert_frame_equal(audit, expected)
    lines = SEED_TEXT.splitlines()
    assert all(lines[row.line - 1].strip() == row.text for row in audit.itertuples())


def test_cleaning_blanks_lines_and_keeps_everything_else_byte_for_byte():
    cleaned, removed = clean_text(SEED_TEXT)
    assert len(removed) == 6
    assert cleaned.count("\n") == SEED_TEXT.count("\n")  # line numbers still match the file
    kept = [line for i, line in enumerate(SEED_TEXT.splitlines(), 1) if i not in {r[0] for r in removed}]
    assert [line for line in cleaned.splitlines() if line] == [line for line in kept if line]
    assert "Additional sources • EBU" in cleaned  # attribution is content, not boilerplate


def test_cleaning_off_counts_exactly_the_file_text():
    off = Pipeline(TokenOptions(tokenizer="wordpunct", clean=False, lowercase=False, drop_punct=False))
    assert off.prepare(SEED_TEXT) == SEED_TEXT
    assert off.tokens(SEED_TEXT).count("ADVERTISEMENT") == 1
    on = Pipeline(TokenOptions(tokenizer="wordpunct", lowercase=False, drop_punct=False))
    assert "ADVERTISEMENT" not in on.tokens(SEED_TEXT)


def test_rules_are_configurable_and_a_number_inside_prose_stays():
    text = "Sign up for our newsletter\nIn 2020, 20 people came.\n20\n"
    rules = (*DEFAULT_RULES, CleaningRule("newsletter", r"(?i)sign up for our newsletter"))
    cleaned, removed = clean_text(text, rules)
    assert cleaned == "\nIn 2020, 20 people came.\n\n"
    assert [r[1] for r in removed] == ["newsletter", "share counter"]
    assert clean_text(text, rules=())[0] == text
    crlf = "Title\r\nADVERTISEMENT\r\nBody\r\n"
    assert clean_text(crlf)[0] == "Title\r\n\r\nBody\r\n"


def test_line_numbers_count_only_line_feeds_and_years_stay():
    cleaned, removed = clean_text("Page\x0cbreak\n0\nResults\n1945\n12.5K\n")
    assert removed == [(2, "share counter", "0"), (5, "share counter", "12.5K")]
    assert "1945" in cleaned and "Page\x0cbreak" in cleaned


def test_rules_in_one_regex_pick_the_same_first_rule_as_trying_them_in_order():
    import random

    from toolkit.corpus.cleaning import DEFAULT_RULES, CleaningRule, clean_text

    lines = ["ADVERTISEMENT", " 12 ", "1.2K", "Share this", "Leave a Reply", "ad", "sponsored content", "Email", "xX"]
    lines += ["1945", "Please enter your name here", "Notify me of new posts by email.", "Tweet", "aa", "Body."]
    own = (*DEFAULT_RULES, CleaningRule("mine", r"(?i)x+"), CleaningRule("backreference", r"(a)\1"))
    rng = random.Random(7)
    for _ in range(1000):
        text = "\n".join(rng.choice(lines) for _ in range(6))
        for rules in (DEFAULT_RULES, own):
            expected = []
            for i, line in enumerate(text.split("\n"), start=1):
                rule = next((r for r in rules if r.regex.fullmatch(line.strip())), None)
                if line.strip() and rule:
                    expected.append((i, rule.name, line.strip()))
            assert clean_text(text, rules)[1] == expected, text
    assert clean_text("aa\nxX", own)[1] == [(1, "backreference", "aa"), (2, "mine", "xX")]
