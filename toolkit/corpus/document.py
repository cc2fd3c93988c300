"""One document of a corpus (text or a large file read in pieces), and the error a load raises."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class CorpusError(Exception):
    """A corpus could not be loaded; the message names the file and where.

    Examples
    --------
    >>> from toolkit.corpus.loading import load_corpus
    >>> try:
    ...     load_corpus("/no/such/folder")
    ... except CorpusError as err:
    ...     print(err)
    /no/such/folder: no such file or folder
    """


def encoding_refused(where: str, problem: str) -> CorpusError:
    """Return the error of strict-encoding mode for bytes that needed the fallback codec.

    Examples
    --------
    >>> str(encoding_refused("a.txt", "not utf-8 at byte 3; decoded as cp1252"))
    'a.txt: not utf-8 at byte 3 (strict encoding)'
    """
    return CorpusError(f"{where}: {problem.split(';')[0]} (strict encoding)")


#: Files larger than this many bytes are streamed in pieces when counted, never read whole.
LARGE_FILE = 32 * 1024 * 1024


#: Bytes read at a time from a large file.
PIECE_BYTES = 1024 * 1024


def error_offset(err: UnicodeDecodeError, fed: int) -> int:
    """Return the offset in the file of the first bad byte an incremental decoder found.

    Parameters
    ----------
    err : UnicodeDecodeError
        Raised by an incremental decoder; its ``object`` is the bytes it held
        back from earlier blocks followed by the block it was given.
    fed : int
        Bytes given to the decoder so far, the failing block included.

    Returns
    -------
    int
        Counted from the start of the file, however many blocks came before.

    Examples
    --------
    >>> decoder = codecs.getincrementaldecoder("utf-8")()
    >>> _ = decoder.decode(b"caf\\xc3")  # held back: the start of a character
    >>> try:
    ...     decoder.decode(b"(")
    ... except UnicodeDecodeError as err:
    ...     error_offset(err, fed=5)
    3
    """
    return fed - len(err.object) + err.start


class Document:
    """One document as a loader yields it: ``doc_id``, ``text`` and metadata.

    A large file (over :data:`LARGE_FILE` bytes) is not read when the document
    is made: :meth:`pieces` streams it in pieces that end at a line break (or,
    in a very long line, at white space), so counting holds one piece at a
    time; ``text`` reads it whole only when asked. Bytes that the codec
    cannot decode there (the file changed since it was loaded) raise a
    :class:`CorpusError` that names the file and the byte's offset in it.

    Examples
    --------
    >>> doc = Document("a.txt", "Talks in Baku.", {"year": "2024"})
    >>> doc.text, list(doc.pieces())
    ('Talks in Baku.', ['Talks in Baku.'])
    """

    def __init__(
        self,
        doc_id: str,
        text: str | None = None,
        meta: dict[str, Any] | None = None,
        *,
        path: Path | None = None,
        encoding: str = "utf-8",
        errors: str = "strict",
    ) -> None:
        if text is None and path is None:
            raise ValueError("a document needs its text or the path of a file to stream")
        self.doc_id = doc_id
        self.meta = meta if meta is not None else {}
        self._text = text
        self._path = path
        self._encoding = encoding
        self._errors = errors

    @property
    def text(self) -> str:
        """The whole text (a streamed file is read whole here).

        Examples
        --------
        >>> Document("a.txt", "Talks.").text
        'Talks.'
        """
        if self._text is not None:
            return self._text
        return "".join(self.pieces())

    def pieces(self, size: int = PIECE_BYTES) -> Iterator[str]:
        """Yield the text in pieces that end at a line break (or white space in a very long line).

        A text in memory is one piece. A file is read ``size`` bytes at a
        time and decoded incrementally, so no character is cut; a piece ends
        at the last line break read, else (in a line longer than ``size``) at
        the last space or tab, else (no break at all, after ``8 * size``
        characters) anywhere. The pieces joined are the text.

        Parameters
        ----------
        size : int, default=PIECE_BYTES
            Bytes read at a time (one megabyte).

        Yields
        ------
        str

        Examples
        --------
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("Talks in Baku.\\nNo deal.\\n", "utf-8")
        >>> list(Document("a.txt", path=path).pieces(size=8))
        ['Talks in Baku.\\n', 'No deal.\\n']
        """
        if self._text is not None:
            yield self._text
            return
        decoder = codecs.getincrementaldecoder(self._encoding)(errors=self._errors)
        pending = ""
        fed = 0
        with open(self._path, "rb") as stream:  # type: ignore[arg-type]
            for block in iter(lambda: stream.read(size), b""):
                fed += len(block)
                new = self._decode(decoder, block, fed)
                start = len(pending)
                pending += new
                cut = max(pending.rfind("\n", start), pending.rfind("\r", start)) + 1
                if not cut and len(pending) > size:
                    cut = max(pending.rfind(" ", start), pending.rfind("\t", start)) + 1
                if not cut and len(pending) > 8 * size:  # no break at all: not prose; cut anyway
                    cut = len(pending)
                if cut:
                    yield pending[:cut]
                    pending = pending[cut:]
        pending += self._decode(decoder, b"", fed, final=True)
        if pending:
            yield pending

    def _decode(self, decoder: codecs.IncrementalDecoder, block: bytes, fed: int, *, final: bool = False) -> str:
        """Decode the next block; a bad byte is an error that names the file and its offset in it.

        The load scanned the whole file with this codec and found none, so
        the file changed since (it was still being written, say).
        """
        try:
            return decoder.decode(block, final=final)
        except UnicodeDecodeError as err:
            raise CorpusError(
                f"{self._path}: not {self._encoding} at byte {error_offset(err, fed)}: the file changed after it "
                "was loaded (was it still being written?); load it again"
            ) from None

    def __repr__(self) -> str:
        source = f"path={str(self._path)!r}" if self._text is None else f"{len(self._text)} characters"
        return f"Document({self.doc_id!r}, {source}, meta={self.meta!r})"
