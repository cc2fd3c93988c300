"""Near-duplicate detection on real text: syndicated copies of inaugural addresses found, listed and removed."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import count_terms, find_duplicates, remove_duplicates


def wire_copies(inaugural: pd.DataFrame) -> pd.DataFrame:
    """The corpus with two syndicated copies: Trump's address with a credit line, Biden's without its start."""
    wire = inaugural.iloc[[57, 58]].copy()
    wire["doc_id"] = ["wire/trump-ap.txt", "wire/biden-reuters.txt"]
    wire["text"] = [
        wire.iloc[0]["text"] + "\n(Associated Press)\n",
        "\n".join(wire.iloc[1]["text"].split("\n")[2:]),  # first paragraph cut by the syndicator
    ]
    return pd.concat([inaugural, wire], ignore_index=True)


def test_duplicates_found_listed_and_removable(inaugural: pd.DataFrame):
    corpus = wire_copies(inaugural)
    found = find_duplicates(corpus)
    assert list(found.columns) == ["doc_id", "duplicate_of", "similarity"]
    pairs = dict(zip(found["doc_id"], found["duplicate_of"], strict=True))
    assert pairs == {"wire/biden-reuters.txt": "2021-Biden.txt", "wire/trump-ap.txt": "2017-Trump.txt"}
    assert found["similarity"].between(0.8, 1.0).all()
    cleaned = remove_duplicates(corpus, found)
    assert len(cleaned) == 59 and "wire/trump-ap.txt" not in set(cleaned["doc_id"])
    assert cleaned.attrs["removed_duplicates"].equals(found)
    pd.testing.assert_frame_equal(count_terms(cleaned), count_terms(inaugural))


def test_near_duplicates_just_above_the_threshold_are_found(inaugural: pd.DataFrame):
    # each copy shares about 85% of its shingles with the original: all must be found at 0.8
    texts = list(inaugural["text"].iloc[:20])
    copies = []
    for i, text in enumerate(texts):
        words = text.split()
        cut = len(words) // 14
        copies.append(" ".join(words[cut:]) if i % 2 else " ".join(words[:-cut]))
    corpus = pd.DataFrame({"doc_id": [f"a{i:02d}" for i in range(20)] + [f"b{i:02d}" for i in range(20)],
                           "text": texts + copies})  # fmt: skip
    found = find_duplicates(corpus)
    assert dict(zip(found["doc_id"], found["duplicate_of"], strict=True)) == {
        f"b{i:02d}": f"a{i:02d}" for i in range(20)
    }


def test_remove_duplicates_passes_its_keyword_arguments_to_find_duplicates(inaugural: pd.DataFrame):
    corpus = wire_copies(inaugural)
    found = find_duplicates(corpus, threshold=0.99)
    assert list(found["doc_id"]) == ["wire/trump-ap.txt"]  # the cut copy shares 0.976 of its shingles
    assert found["similarity"].iloc[0] > 0.99
    cleaned = remove_duplicates(corpus, threshold=0.99)
    assert cleaned.attrs["removed_duplicates"].equals(found)
    assert "wire/biden-reuters.txt" in set(cleaned["doc_id"]) and len(cleaned) == 60
    with pytest.raises(TypeError, match=r"got duplicates= and threshold=, which only find_duplicates\(\) uses"):
        remove_duplicates(corpus, found, threshold=0.95)
    with pytest.raises(TypeError, match="unexpected keyword argument 'treshold'"):
        remove_duplicates(corpus, treshold=0.95)
