"""What the exercises practise on: a messy folder, an NLTK corpus (or a fallback), and small fixed data.

Examples
--------
>>> KEYNESS_TABLE["a"] / KEYNESS_TABLE["c"] * 1_000_000  # the term's frequency per million in the target
12000.0
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from toolkit.paths import CORPUS_DIR

#: The sentence exercise 2 tokenises.
SENTENCE = "Armenia's foreign minister didn't say 'no' to Russia-brokered talks."
#: The 2x2 table of exercise 5: a term in a target of c tokens and a reference of d tokens.
KEYNESS_TABLE = {"a": 120, "b": 80, "c": 10_000, "d": 20_000}
#: The collocation counts of exercise 4.3 (Smadja et al. 1996).
DICE_COUNTS = {"o11": 130, "r1": 3121, "c1": 143}

#: Short UTF-8 reports the practice folder adds to the seed article, by file name.
_REPORTS = {
    "2022-gyumri.txt": "Gyumri rebuilds its old market\n\nTraders returned to the market square on Monday.\n",
    "2023-border.txt": "Border talks resume\n\nNegotiators met again in Brussels; no date was set for a treaty.\n",
    "2024-tbilisi.txt": "Tbilisi hosts a forum\n\nMinisters from three countries discussed trade and transit.\n",
}


def practice_folder(path: str | Path) -> Path:
    """Create a small messy news folder to practise loading on (what scrapers and archives leave).

    It holds nine files: the seed article, three short UTF-8 reports, a
    Windows-1252 article, an empty file, a PDF saved as ``.txt``, a
    ``.DS_Store`` and a README. The loader reads 6 documents (one of them
    empty, one decoded with a fallback) and skips 3 files, so the counts an
    exercise asks for (documents 6, skipped 3, empty 1, files 9, ``.txt``
    files 7) and the usual slips (6 - 1 = 5 non-empty, 3 + 1 = 4) all differ.

    Parameters
    ----------
    path : str or Path
        The folder to create (parents too); files already there are overwritten.

    Returns
    -------
    Path
        The folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = practice_folder(Path(tempfile.mkdtemp()) / "messy")
    >>> sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))  # doctest: +NORMALIZE_WHITESPACE
    ['archive/2019-cafes.txt', 'archive/2020-empty.txt', 'archive/2021-scan.txt', 'world/2022-gyumri.txt',
     'world/2023-border.txt', 'world/2024-lavrov.txt', 'world/2024-tbilisi.txt']
    """
    root = Path(path)
    (root / "world").mkdir(parents=True, exist_ok=True)
    (root / "archive").mkdir(exist_ok=True)
    shutil.copy(CORPUS_DIR / "000_4fd4d0f392c92bd9.txt", root / "world" / "2024-lavrov.txt")
    text = "Owners of cafés in Baku – a report\n\nPrices rose “sharply” this year, owners said.\n"
    (root / "archive" / "2019-cafes.txt").write_bytes(text.encode("cp1252"))
    for name, report in _REPORTS.items():
        (root / "world" / name).write_text(report, "utf-8")
    (root / "archive" / "2020-empty.txt").write_bytes(b"")
    (root / "archive" / "2021-scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nbinary")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "README.md").write_text("Articles collected for class.\n", "utf-8")
    return root


def practice_corpus(name: str) -> pd.DataFrame:
    """Return an installed NLTK corpus by name, or the project's corpus with a one-line note.

    ``inaugural`` and ``state_union`` get ``year``, ``president`` and
    ``speech`` columns from their file names
    (``name_template="{year}-{president}-{speech?}"``): a president's
    numbered speeches of one year (``1965-Johnson-1``, ``1965-Johnson-2``)
    get the same ``president`` and their number in ``speech``.

    Parameters
    ----------
    name : str
        An NLTK corpus, such as ``"inaugural"``.

    Returns
    -------
    pandas.DataFrame
        The corpus table; the project's ``corpus/`` when NLTK's is not installed.

    Examples
    --------
    >>> practice_corpus("no-such-corpus")["doc_id"].iloc[0]  # doctest: +ELLIPSIS
    NLTK's no-such-corpus corpus is not installed; using corpus/ instead. ...
    '000_4fd4d0f392c92bd9.txt'
    """
    from toolkit.corpus.document import CorpusError
    from toolkit.corpus.loading import load_corpus

    try:
        name_template = "{year}-{president}-{speech?}" if name in ("inaugural", "state_union") else None
        return load_corpus(f"nltk:{name}", name_template=name_template)
    except CorpusError:
        print(
            f"NLTK's {name} corpus is not installed; using corpus/ instead. To install it: "
            f"python -m nltk.downloader {name} on a machine with internet, then copy nltk_data here or set NLTK_DATA."
        )
        return load_corpus(CORPUS_DIR)
