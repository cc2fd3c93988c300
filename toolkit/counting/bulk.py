"""Count words with the ``regexp`` tokeniser in bulk, in worker processes, with exactly its tokens.

The ``regexp`` tokeniser finds ``\\w+(?:[-'’]\\w+)*`` with the ``regex`` module,
as :class:`nltk.tokenize.RegexpTokenizer` does. Counting its tokens one
``findall`` at a time spends most of its time creating and hashing a Python
string per token; here a batch of documents is counted by polars (Rust):

1. encode each cleaned text as UTF-8, lower-case A-Z, and turn every ASCII
   character that is neither a word character nor a joiner into a space
   (``bytes.translate``). The words that are left, the *chunks*, are runs of
   word characters, joiners and non-ASCII characters, and every token lies
   inside one chunk;
2. polars blanks common non-ASCII punctuation (curly quotes, dashes, no-break
   spaces: caseless, never in a token) and writes the joiner ``’`` as an
   ASCII placeholder. Most texts are then ASCII, and lower-cased already. The
   others are lower-cased by Python, when that changes no character's length
   (then lower-casing first and last give the same tokens), and prepared
   again;
3. polars blanks runs of two or more joiners and the joiners at a chunk's
   ends, and splits the texts into chunks: an ASCII chunk is then exactly one
   token (or nothing). A chunk with another non-ASCII character (``café``,
   ``Москва``) is tokenised by the ``regex`` module, once per distinct chunk,
   and joined back (steps 2 and 3: :mod:`toolkit.counting.chunking`);
4. polars groups the tokens by group and term: occurrences, and the number
   of distinct documents.

Stopwords, ``min_length`` and punctuation are removed afterwards, once per
distinct word (:func:`~toolkit.counting.ranking.rank`), which gives the same
counts because removing never merges two words; ASCII stopwords and short
words are dropped already before polars groups (``Settings.stopwords``), as
they would be then. A text that lower-casing lengthens (``"İ"``) or that holds ``"Σ"``
(whose lower case depends on what follows) is tokenised first and lower-cased
token by token, in Python; so is a large file, piece by piece (tokens never
hold a line break). ``tests/counting/test_bulk.py`` checks the counts against
the ordinary pipeline on real corpora and on every Unicode character.

Documents go to worker processes (:mod:`toolkit.counting.workers`) in
batches of about a megabyte; each worker keeps its own table of counts and
writes it to a file when it grows large and at the end, so little crosses
between processes. The workers import only this module and polars (no NLTK,
no pandas), and each runs polars on one thread.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from toolkit.corpus.cleaning import CleaningRule, clean_text
from toolkit.counting.chunking import MARK, WORD_CHAR, mark_typography, plain_tokens, regex_tokens, split_chunks
from toolkit.tokens.regexp import FLAGS, JOINERS, find_tokens

if TYPE_CHECKING:
    from toolkit.counting.counted import Counted
    from toolkit.tokens.options import TokenOptions

_LOOSE_JOINERS = regex.compile(r"(?<!\w)[-'’]+|[-'’]+(?!\w)", FLAGS)
_PART_CHARS = 1 << 18


class _Table(dict):
    """``str.translate`` table: word characters and joiners map to themselves, all else to a space."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        value = code if char in JOINERS or WORD_CHAR(char) else 32
        self[code] = value
        return value


_TABLE = _Table()

#: ``bytes.translate`` table for UTF-8: ASCII characters that are neither word characters nor joiners become
#: spaces; the bytes of non-ASCII characters stay (a chunk that holds one is tokenised by ``regex``).
_ASCII_TABLE = bytes(code if code > 127 or chr(code) in JOINERS or WORD_CHAR(chr(code)) else 32 for code in range(256))
#: The same, lower-casing A-Z too: an ASCII text is lower-cased and blanked in one pass.
_ASCII_LOWER_TABLE = bytes(_ASCII_TABLE).replace(bytes(range(65, 91)), bytes(range(97, 123)))
#: Rows of counts a worker gathers before it first sums them (memory against time); then it sums when they double.
COMPACT_ROWS = 200_000


@dataclass(frozen=True)
class Settings:
    """What a worker needs to turn a text into terms (a picklable part of ``TokenOptions``).

    ``stopwords`` (lower case) and ``min_length`` let polars drop ASCII terms
    that would be removed anyway before it counts them (stopwords are about
    half of all tokens); every other term is judged once, when the counts are
    ranked.

    Examples
    --------
    >>> Settings(lowercase=False).lowercase, Settings().min_length
    (False, 1)
    """

    lowercase: bool = True
    clean: bool = True
    rules: tuple[CleaningRule, ...] | None = None
    min_length: int = 1
    stopwords: frozenset[str] = frozenset()

    @classmethod
    def of(cls, options: TokenOptions, stopwords: frozenset[str] = frozenset()) -> Settings:
        """Return the part of ``options`` that counting here needs, with the stopwords to drop early.

        Examples
        --------
        >>> from toolkit.tokens.options import TokenOptions
        >>> Settings.of(TokenOptions(tokenizer="regexp", min_length=3))
        Settings(lowercase=True, clean=True, rules=None, min_length=3, stopwords=frozenset())
        """
        return cls(options.lowercase, options.clean, options.rules, options.min_length, stopwords)


def text_terms(text: str, settings: Settings) -> list[str]:
    """Return the tokens of ``text``, lower-cased when asked, in order: the ``regexp`` tokeniser's, fast.

    Examples
    --------
    >>> text_terms("Baku's 'talks' -- with Moscow.\\nADVERTISEMENT\\n", Settings())
    ["baku's", 'talks', 'with', 'moscow']
    """
    if settings.clean:
        text = clean_text(text, settings.rules)[0]
    if settings.lowercase:
        lowered = text.lower()
        # "İ" lower-cases to two characters, and "Σ" to "σ" or "ς" by what follows it, even past a
        # token's end: then lower-case token by token, after the length test that precedes it.
        if len(lowered) != len(text) or "Σ" in text:
            return [token.lower() for token in find_tokens(text) if len(token) >= settings.min_length]
        text = lowered
    if "-" in text or "'" in text or "’" in text:
        text = _LOOSE_JOINERS.sub(" ", text)
    return text.translate(_TABLE).split()


def _prepared(text: str, settings: Settings) -> tuple[bytes, bool, str] | None:
    """Return a text as UTF-8 with ASCII non-word characters blanked, whether it is ASCII, and the cleaned text.

    A-Z are lower-cased (when asked) in the same pass: all of a text's case
    when it is ASCII, or once polars has blanked its typography (caseless);
    :func:`_lowered` prepares the other texts again. ``None`` for a lone
    surrogate (possible in a data frame): tokenised in Python.

    Examples
    --------
    >>> _prepared("Baku's “Talks”, 2024.", Settings())[:2]
    (b"baku's \xe2\x80\x9ctalks\xe2\x80\x9d  2024 ", False)
    >>> _prepared("Talks", Settings())[:2]
    (b'talks', True)
    """
    if settings.clean:
        text = clean_text(text, settings.rules)[0]
    table = _ASCII_LOWER_TABLE if settings.lowercase else _ASCII_TABLE
    if text.isascii():
        return text.encode("ascii").translate(table), True, text
    try:  # A-Z lower-cased: all the case a text has that is ASCII once its typography is blanked
        return text.encode("utf-8").translate(table), False, text
    except UnicodeEncodeError:
        return None


def _lowered(text: str, settings: Settings) -> bytes | None:
    """Return a cleaned text that is not ASCII, lower-cased (when asked) by Python, as UTF-8, blanked as above.

    ``None`` when the text must be tokenised before lower-casing (see :func:`text_terms`).

    Examples
    --------
    >>> _lowered("Café “Baku”", Settings())
    b'caf\xc3\xa9 \xe2\x80\x9cbaku\xe2\x80\x9d'
    >>> _lowered("İstanbul", Settings()) is None
    True
    """
    if settings.lowercase:
        lowered = text.lower()
        if len(lowered) != len(text) or "Σ" in text:
            return None
        text = lowered
    return text.encode("utf-8").translate(_ASCII_TABLE)


def _polars() -> Any:
    import polars

    return polars


def _parts(text: str, size: int = _PART_CHARS) -> Iterator[str]:
    """Cut a long text at line breaks into parts of about ``size`` characters (a line is never cut).

    Every step copies the text and the tokens list holds ~60 bytes a token, so
    parts keep the memory of a large file's piece small.

    Examples
    --------
    >>> list(_parts("a b\\nc d\\ne", size=3))
    ['a b\\n', 'c d\\n', 'e']
    """
    start = 0
    while len(text) - start > size:
        cut = text.find("\n", start + size - 1) + 1 or len(text)
        yield text[start:cut]
        start = cut
    if start < len(text) or not text:
        yield text[start:]


class Totals:
    """Running counts per group: ``n`` (occurrences) and ``docs`` (documents containing the term).

    Examples
    --------
    >>> totals = Totals()
    >>> totals.add("2024", ["War and war.\\n", "Peace."], Settings())
    >>> totals.n["2024"]["war"], totals.docs["2024"]["war"]
    (2, 1)
    """

    def __init__(self) -> None:
        self.n: dict[str, Counter[str]] = {}
        self.docs: dict[str, Counter[str]] = {}

    def add(self, group: str, pieces: Iterable[str], settings: Settings) -> None:
        """Count one document, given whole or in pieces that end at line breaks.

        Examples
        --------
        >>> totals = Totals()
        >>> totals.add("a", ["Baku talks, Baku."], Settings())
        >>> sorted(totals.n["a"].items()), sorted(totals.docs["a"].items())
        ([('baku', 2), ('talks', 1)], [('baku', 1), ('talks', 1)])
        """
        n = self.n.setdefault(group, Counter())
        seen: set[str] = set()
        for piece in pieces:
            for part in _parts(piece):
                terms = text_terms(part, settings)
                n.update(terms)
                seen.update(terms)
        self.docs.setdefault(group, Counter()).update(seen)

    def merge(self, other: Totals) -> None:
        """Add another worker's counts.

        Examples
        --------
        >>> first, second = Totals(), Totals()
        >>> first.add("a", ["war"], Settings())
        >>> second.add("a", ["war and peace"], Settings())
        >>> first.merge(second)
        >>> first.n["a"]["war"], first.docs["a"]["war"]
        (2, 2)
        """
        for group, n in other.n.items():
            self.n.setdefault(group, Counter()).update(n)
        for group, docs in other.docs.items():
            self.docs.setdefault(group, Counter()).update(docs)


class Counting:
    """Count whole documents a batch at a time with polars, keeping one small table of counts.

    Examples
    --------
    >>> counting = Counting(Settings())
    >>> counting.add([("a", "“War” and war-time war."), ("a", "Peace -- war")])
    >>> totals = counting.totals()
    >>> totals.n["a"]["war"], totals.docs["a"]["war"], totals.n["a"]["war-time"], totals.n["a"]["peace"]
    (3, 2, 1, 1)
    """

    def __init__(self, settings: Settings, compact_rows: int = COMPACT_ROWS, turn: Any = None) -> None:
        self.settings = settings
        self.turn = turn if turn is not None else contextlib.nullcontext()  # held while summing (see workers)
        self.groups: dict[str, int] = {}
        from toolkit.counting.counted import Sums  # counted imports this module

        self.sums = Sums(compact_rows)  # polars tables of g, term, n, docs
        self.exact = Totals()  # texts tokenised in Python (see text_terms)
        self.documents = 0

    def add(self, batch: Iterable[tuple[str, str]]) -> None:
        """Count a batch of ``(group, text)`` documents.

        Examples
        --------
        >>> counting = Counting(Settings())
        >>> counting.add([("a", "Talks in Baku."), ("b", "Baku")])
        >>> counting.totals().n["b"]
        Counter({'baku': 1})
        """
        pl = _polars()
        ascii_texts, typeset = _Texts(), _Texts()
        for group, text in batch:
            g = self.groups.setdefault(group, len(self.groups))
            prepared = _prepared(text, self.settings)
            if prepared is None:
                self.exact.add(group, (text,), self.settings)
                continue
            (ascii_texts if prepared[1] else typeset).append(g, self.documents, prepared[0], prepared[2])
            self.documents += 1
        # One group in the batch (always, without ``by``): grouping by the term alone is a third faster.
        seen = set(ascii_texts.ids) | set(typeset.ids)
        one = len(seen) == 1
        plain = [ascii_texts.frame(pl, one).with_columns(pl.col("text").cast(pl.String))]
        others = _Texts()
        if typeset.ids:
            # Most texts that are not ASCII are ASCII once typography is blanked: those are counted with the
            # ASCII ones. The rest are lower-cased by Python and tokenised chunk by chunk where a chunk is not ASCII
            # (at 50 MB of news: 9,453 of 9,879 texts go the first way, and the worker's time fell by a fifth).
            marked = typeset.frame(pl, one).with_columns(mark_typography(pl))
            is_ascii = marked["text"].str.len_bytes() == marked["text"].str.len_chars()
            plain.append(marked if is_ascii.all() else marked.filter(is_ascii))
            names = list(self.groups)  # group ids to names, for the texts tokenised in Python
            for i in (~is_ascii).arg_true().to_list():
                data = _lowered(typeset.texts[i], self.settings)
                if data is None:
                    self.exact.add(names[typeset.ids[i]], (typeset.texts[i],), self.settings)
                else:
                    others.append(typeset.ids[i], typeset.docs[i], data, "")
        rows = [plain_tokens(pl, split_chunks(pl, pl.concat([frame.lazy() for frame in plain])), self.settings)]
        if others.ids:
            chunks = split_chunks(pl, others.frame(pl, one).lazy().with_columns(mark_typography(pl))).collect()
            odd = chunks["text"].str.len_bytes() != chunks["text"].str.len_chars()
            rows.append(plain_tokens(pl, chunks.filter(~odd).lazy(), self.settings))
            rows.append(regex_tokens(pl, chunks.filter(odd)).lazy())
        if seen:
            counted = (
                pl.concat(rows)
                .group_by(*([] if one else ["g"]), "term")
                .agg(pl.len().cast(pl.Int64).alias("n"), pl.col("doc").n_unique().cast(pl.Int64).alias("docs"))
            )
            if one:
                counted = counted.select(pl.lit(seen.pop(), dtype=pl.UInt32).alias("g"), pl.all())
            if self.sums.add(counted.collect()):  # summed when the rows have doubled (see Sums)
                with self.turn:
                    self._compact()

    def drain(self, summed: bool = True) -> Any:
        """Return the polars table of :meth:`result` and forget it (a worker writes it to disk and counts on).

        ``summed=False`` leaves the tables as they were counted, one after
        another, so that a term may have a row in each: a worker's last table,
        which the command sums with all the others on both cores, where the
        worker would sum it on one while the command waits (50 MB of news,
        ``--jobs 2``: 16 ms).

        Examples
        --------
        >>> counting = Counting(Settings())
        >>> counting.add([("a", "War and war.")])
        >>> sorted(counting.drain().rows()), counting.result().frame.height, counting.groups
        ([('a', 'and', 1, 1), ('a', 'war', 2, 1)], 0, {'a': 0})
        >>> counting.add([("a", "War.")])
        >>> counting.add([("a", "War and peace.")])
        >>> sorted(counting.drain(summed=False).rows())
        [('a', 'and', 1, 1), ('a', 'peace', 1, 1), ('a', 'war', 1, 1), ('a', 'war', 1, 1)]
        """
        if summed or len(self.sums.frames) <= 1:
            frame = self.result().frame
        else:
            frame = self._named(_polars().concat(self.sums.frames, rechunk=False))  # the rows are not copied
        self.sums.clear()
        return frame

    def _compact(self) -> None:
        self.sums.sum("g", range(len(self.groups)))

    def result(self) -> Counted:
        """Return the counts so far: one polars table of every group's terms, and what Python counted.

        Examples
        --------
        >>> counting = Counting(Settings())
        >>> counting.add([("a", "War and war."), ("b", "İstanbul")])  # "İ": tokenised in Python
        >>> counted = counting.result()
        >>> counted.frame.sort("term").rows(), counted.groups, dict(counted.exact.n["b"])
        ([('a', 'and', 1, 1), ('a', 'war', 2, 1)], ['a', 'b'], {'i̇stanbul': 1})
        """
        from toolkit.counting.counted import Counted, empty_frame  # Counted holds Totals: imported once used

        self._compact()
        if not self.sums.frames:
            return Counted(empty_frame(), self.exact, list(self.groups))
        return Counted(self._named(self.sums.frames[0]), self.exact, list(self.groups))

    def _named(self, frame: Any) -> Any:
        """Return a table of ``g, term, n, docs`` as ``group, term, n, docs``, each term with its "’" back."""
        pl = _polars()
        term = pl.col("term").str.replace_all(MARK, "’", literal=True)
        marked = frame["term"].str.contains(MARK, literal=True).any()  # else the terms are not copied
        group = pl.Series("group", list(self.groups), dtype=pl.String).gather(frame["g"])
        return frame.select(group, term if marked else "term", "n", "docs")

    def totals(self) -> Totals:
        """Return the counts so far as :class:`Totals` (see :meth:`result`).

        Examples
        --------
        >>> counting = Counting(Settings())
        >>> counting.add([("a", "İstanbul talks"), ("a", "talks")])  # "İ": tokenised in Python
        >>> counting.totals().n["a"]
        Counter({'talks': 2, 'i̇stanbul': 1})
        """
        return self.result().totals()


@dataclass
class _Texts:
    """Prepared texts of a batch, with their group ids and document numbers, as lists."""

    ids: list[int] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)
    blobs: list[bytes] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def append(self, g: int, doc: int, blob: bytes, text: str) -> None:
        self.ids.append(g)
        self.docs.append(doc)
        self.blobs.append(blob)
        self.texts.append(text)

    def frame(self, pl: Any, one: bool) -> Any:
        """Return a polars table of ``doc``, ``g`` (unless the batch has one group) and ``text`` (binary)."""
        columns = {"doc": pl.Series(self.docs, dtype=pl.UInt32), "text": pl.Series(self.blobs, dtype=pl.Binary)}
        if not one:
            columns["g"] = pl.Series(self.ids, dtype=pl.UInt32)
        return pl.DataFrame(columns)
