"""A persistent cache of tokens and per-document counts, so an unchanged corpus is tokenised once.

Entries are keyed by a SHA-256 of the document's text, every setting that can
change the result (tokeniser, sentence model, cleaning rules, case, stopword
list, n-gram size, ...) and the versions of NLTK and the toolkit: a changed
file, setting or library makes a new key, never a stale hit.

The cache is one SQLite database in ``$TOOLKIT_CACHE_DIR`` (default: the
user's cache folder, e.g. ``~/.cache/corpus-toolkit``), in WAL mode, so
concurrent report runs, worker processes and threads (each with its own
connection) read and write it safely. It is disposable: any error disables it
for the process with a warning, and the analysis goes on uncached.
``cache=False`` (``--no-cache`` on the command line) bypasses it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import warnings
import zlib
from pathlib import Path
from typing import Any

#: Environment variable naming the cache folder.
CACHE_ENV = "TOOLKIT_CACHE_DIR"
#: Keys looked up in one query (SQLite allows 999 parameters in old builds, 32,766 since 3.32).
_KEYS_PER_QUERY = 900
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


def cache_dir() -> Path:
    """Return the cache folder: ``$TOOLKIT_CACHE_DIR`` or the user's cache folder.

    Examples
    --------
    >>> cache_dir().name != ""
    True
    """
    value = os.environ.get(CACHE_ENV, "")
    if value:
        return Path(value).expanduser().absolute()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("corpus-toolkit"))


class TokenCache:
    """Get and put JSON-serialisable values by key, in one SQLite file per folder.

    Examples
    --------
    >>> import tempfile
    >>> cache = TokenCache(Path(tempfile.mkdtemp()))
    >>> key = cache.key("raw", "some text", settings_tag({"tokenizer": "regexp"}))
    >>> cache.get(key) is None
    True
    >>> cache.put(key, ["some", "text"])
    >>> cache.get(key)
    ['some', 'text']
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._local = threading.local()  # one connection per thread and process: SQLite's are not shared
        self.enabled = True

    def _db(self) -> sqlite3.Connection | None:
        if not self.enabled:
            return None
        local = self._local
        if getattr(local, "pid", -1) != os.getpid():  # a new thread (a Dask worker's) or forked process opens its own
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.folder / "tokens-v1.sqlite", timeout=60, isolation_level=None)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(_SCHEMA)
            except (sqlite3.Error, OSError) as err:
                self._disable(err)
                return None
            local.connection, local.pid = connection, os.getpid()
        return local.connection

    def _disable(self, err: Exception) -> None:
        self.enabled = False
        warnings.warn(f"token cache disabled for this process ({self.folder}): {err}", stacklevel=3)

    @staticmethod
    def key(kind: str, text: str, tag: str) -> str:
        """Return the key of ``text`` analysed with the settings that ``tag`` describes.

        Examples
        --------
        >>> len(TokenCache.key("raw", "Talks in Baku.", settings_tag({"tokenizer": "regexp"})))
        64
        """
        import hashlib  # on first use (loading OpenSSL costs 10 ms; counting with regexp needs no cache)

        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return hashlib.sha256(f"{kind}\0{tag}\0{digest}".encode()).hexdigest()

    def get(self, key: str) -> Any:
        """Return the value stored under ``key``, or ``None``.

        Examples
        --------
        >>> import tempfile
        >>> TokenCache(Path(tempfile.mkdtemp())).get("no such key") is None
        True
        """
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return None if row is None else json.loads(zlib.decompress(row[0]))
        except (sqlite3.Error, zlib.error, ValueError) as err:
            self._disable(err)
            return None

    def has(self, key: str) -> bool:
        """Whether a value is stored under ``key`` (without reading it).

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> cache.put("k", {"talks": 2})
        >>> cache.has("k"), cache.has("other")
        (True, False)
        """
        db = self._db()
        if db is None:
            return False
        try:
            return db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error as err:
            self._disable(err)
            return False

    def get_bytes(self, key: str) -> bytes | None:
        """Return the bytes stored under ``key`` by :meth:`put_bytes`, or ``None``.

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> cache.put_bytes("k", b"ARROW1")
        >>> cache.get_bytes("k"), cache.get_bytes("other")
        (b'ARROW1', None)
        """
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            self._disable(err)
            return None
        return None if row is None else bytes(row[0])

    def put_bytes(self, key: str, value: bytes) -> None:
        """Store ``value`` as it is (already compressed, such as an Arrow IPC table) under ``key``."""
        db = self._db()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, value))
        except sqlite3.Error as err:
            self._disable(err)

    def present(self, keys: list[str]) -> set[str]:
        """Return those of ``keys`` that have a value stored, in a few queries (not one per key).

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> cache.put("k", {"talks": 2})
        >>> cache.present(["k", "other", "k"])
        {'k'}
        """
        db = self._db()
        if db is None:
            return set()
        found: set[str] = set()
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start : start + _KEYS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                found.update(row[0] for row in db.execute(f"SELECT key FROM entries WHERE key IN ({marks})", chunk))
        except sqlite3.Error as err:
            self._disable(err)
            return set()
        return found

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``.

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> cache.put("k", ["Baku", "n't"])
        >>> cache.get("k")
        ['Baku', "n't"]
        """
        db = self._db()
        if db is None:
            return
        blob = zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8"), 1)
        try:
            db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, blob))
        except sqlite3.Error as err:
            self._disable(err)


def settings_tag(settings: dict[str, Any]) -> str:
    """Describe settings as one string for :meth:`TokenCache.key` (computed once per analysis).

    Examples
    --------
    >>> settings_tag({"b": 1, "a": [2]})
    '{"a":[2],"b":1}'
    """
    return json.dumps(settings, sort_keys=True, separators=(",", ":"), default=str)


_CACHES: dict[Path, TokenCache] = {}


def token_cache() -> TokenCache:
    """Return the cache for the current ``$TOOLKIT_CACHE_DIR`` (one object per folder and process).

    Examples
    --------
    >>> token_cache() is token_cache(), token_cache().folder == cache_dir()
    (True, True)
    """
    folder = cache_dir()
    if folder not in _CACHES:
        _CACHES[folder] = TokenCache(folder)
    return _CACHES[folder]
