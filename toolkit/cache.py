"""A persistent cache of tokens and per-document counts, so an unchanged corpus is tokenised once.

Entries are keyed by a SHA-256 of the document's text, every setting that can
change the result (tokeniser, sentence model, cleaning rules, case, stopword
list, n-gram size, ...) and the versions of NLTK and the toolkit: a changed
file, setting or library makes a new key, never a stale hit.

The cache is one SQLite database in ``$TOOLKIT_CACHE_DIR`` (default: the
user's cache folder, e.g. ``~/.cache/corpus-toolkit``), in WAL mode, so
concurrent report runs, worker processes and threads (each with its own
connection) read and write it safely. It is disposable: a damaged database
(not SQLite, malformed, a value that does not decode) is moved aside as
``tokens-v1.sqlite.damaged-<time>`` and a new one is built, with one warning;
a folder the user cannot write is read (warm results) and never written; any
other error disables it for the process with a warning, and the analysis goes
on uncached. ``cache=False`` (``--no-cache`` on the command line) bypasses it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Environment variable naming the cache folder.
CACHE_ENV = "TOOLKIT_CACHE_DIR"
#: Keys looked up in one query (SQLite allows 999 parameters in old builds, 32,766 since 3.32).
_KEYS_PER_QUERY = 900
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
#: The database file in the cache folder.
DB_NAME = "tokens-v1.sqlite"
#: SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGE_CODES = {11, 26}


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return -1


def is_damage(err: Exception) -> bool:
    """Whether ``err`` says the cache file is damaged (rather than busy, locked or unwritable).

    Examples
    --------
    >>> is_damage(sqlite3.DatabaseError("file is not a database")), is_damage(zlib.error("bad data"))
    (True, True)
    >>> is_damage(sqlite3.OperationalError("database is locked"))
    False
    """
    if isinstance(err, zlib.error | UnicodeDecodeError | json.JSONDecodeError):
        return True  # a stored value that no longer decodes
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    message = str(err)
    return "not a database" in message or "malformed" in message


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
        self._lock = threading.Lock()
        self._generation = 0  # raised when the file is replaced: every thread then opens the new one
        self._rebuilt = False  # a file is moved aside once a process: damage again disables the cache
        self.enabled = True
        self.read_only = False  # set on opening a folder the user cannot write: read, never written

    @property
    def path(self) -> Path:
        """The database file."""
        return self.folder / DB_NAME

    def _db(self) -> sqlite3.Connection | None:
        if not self.enabled:
            return None
        local = self._local
        if getattr(local, "pid", -1) != os.getpid() or getattr(local, "generation", -1) != self._generation:
            # a new thread (a Dask worker's), a forked process or a rebuilt file: open it
            generation = self._generation
            connection = self._open()
            if connection is None:
                return None
            local.connection, local.pid, local.generation = connection, os.getpid(), generation
            local.inode = _inode(self.path)
        return local.connection

    def _open(self, *, retry: bool = True) -> sqlite3.Connection | None:
        inode = _inode(self.path)
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
            writable = os.access(self.folder, os.W_OK) and (not self.path.exists() or os.access(self.path, os.W_OK))
            self.read_only = not writable
            return self._connect_read_only() if self.read_only else self._connect()
        except (sqlite3.Error, OSError) as err:
            if retry and is_damage(err) and self._move_aside(err, None, inode):
                return self._open(retry=False)
            self._disable(err)
            return None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(_SCHEMA)
        return connection

    def _connect_read_only(self) -> sqlite3.Connection:
        try:  # read-only, seeing others' writes: needs the WAL's shared-memory file to exist
            connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=60)
            connection.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
        except sqlite3.OperationalError:  # a cleanly closed cache has no such file, nor can one be made here
            connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True)
            connection.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
        return connection

    def _move_aside(self, err: Exception, connection: sqlite3.Connection | None, inode: int) -> bool:
        """Rename the damaged file next to itself and start a new one, with one warning; False if it cannot be."""
        if self.read_only:
            return False
        with self._lock:
            if connection is not None and self._local.generation != self._generation:
                return True  # another thread has moved it aside already: reopen
            if _inode(self.path) != inode:  # another thread or process has moved it aside already: reopen
                self._generation += 1
                return True
            if self._rebuilt:
                return False
            stamp = time.strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{DB_NAME}.damaged-{stamp}-{os.getpid()}")
            try:
                if connection is not None:
                    connection.close()
                os.replace(self.path, aside)
                for suffix in ("-wal", "-shm"):  # the old file's journal, which the new one must not read
                    side = self.path.with_name(DB_NAME + suffix)
                    if side.exists():
                        os.replace(side, side.with_name(side.name + aside.name.removeprefix(DB_NAME)))
            except OSError:
                return False
            self._generation += 1
            self._rebuilt = True
        warnings.warn(
            f"token cache damaged ({self.path}): {err}; moved aside to {aside.name}, a new one is built",
            stacklevel=4,
        )
        return True

    def _fail(self, err: Exception) -> None:
        """Handle an error met while reading or writing: rebuild a damaged file, else disable the cache."""
        local = self._local
        if not (is_damage(err) and self._move_aside(err, local.connection, local.inode)):
            self._disable(err)

    def _disable(self, err: Exception) -> None:
        self.enabled = False
        warnings.warn(f"token cache disabled for this process ({self.folder}): {err}", stacklevel=3)

    def close(self) -> None:
        """Close this thread's connection, if it has one: the next call opens it again.

        Closing the last connection folds SQLite's write-ahead log into the
        file. A connection left open is closed when it is freed, which a
        process that ends with its objects frozen (:func:`~toolkit.cli.main.run`)
        never does.

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> cache.put("k", [1])
        >>> cache.close()
        >>> (cache.folder / "tokens-v1.sqlite-wal").exists(), cache.get("k")
        (False, [1])
        """
        local = self._local
        connection, mine = getattr(local, "connection", None), getattr(local, "pid", -1) == os.getpid()
        local.connection, local.pid = None, -1  # opened again on the next call
        if connection is not None and mine:  # a forked process leaves its parent's connection alone
            connection.close()

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
            self._fail(err)
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
            self._fail(err)
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
            self._fail(err)
            return None
        return None if row is None else bytes(row[0])

    def put_bytes(self, key: str, value: bytes) -> None:
        """Store ``value`` as it is (already compressed, such as an Arrow IPC table) under ``key``."""
        db = self._db()
        if db is None or self.read_only:
            return
        try:
            db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, value))
        except sqlite3.Error as err:
            self._fail(err)

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """Store what :meth:`put` is given in the block (in this thread) in one transaction, as the block ends.

        A worker counting a batch of documents writes each one's tokens and
        counts; one transaction a write, two a document, took the write lock
        from the other workers thousands of times a second (5 MB of news,
        ``freq --jobs 2``: a cold count took 14% less time with a transaction
        a batch, at 50 MB 17-23%; one process, 2%). A value put in the block
        is not read back before its end (:meth:`get` misses it); a block that
        raises stores nothing. Inside another block, the outer one stores.

        Examples
        --------
        >>> import tempfile
        >>> cache = TokenCache(Path(tempfile.mkdtemp()))
        >>> with cache.together():
        ...     cache.put("a", ["Baku"])
        ...     cache.put("b", {"talks": 2})
        ...     cache.get("a") is None
        True
        >>> cache.get("a"), cache.get("b")
        (['Baku'], {'talks': 2})
        """
        if getattr(self._local, "held", None) is not None:
            yield
            return
        held: list[tuple[str, bytes]] = []
        self._local.held = held
        try:
            yield
        finally:
            self._local.held = None
        db = self._db()
        if not held or db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")  # the write lock at once, as a single INSERT takes it
            db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", held)
            db.execute("COMMIT")
        except sqlite3.Error as err:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            self._fail(err)

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
            self._fail(err)
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
        if db is None or self.read_only:
            return
        blob = zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8"), 1)
        held = getattr(self._local, "held", None)
        if held is not None:  # inside together(): stored at its end
            held.append((key, blob))
            return
        try:
            db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, blob))
        except sqlite3.Error as err:
            self._fail(err)


def settings_tag(settings: dict[str, Any]) -> str:
    """Describe settings as one string for :meth:`TokenCache.key` (computed once per analysis).

    Examples
    --------
    >>> settings_tag({"b": 1, "a": [2]})
    '{"a":[2],"b":1}'
    """
    return json.dumps(settings, sort_keys=True, separators=(",", ":"), default=str)


_CACHES: dict[Path, TokenCache] = {}


def close_caches() -> None:
    """Close this thread's connection to each cache of this process (see :meth:`TokenCache.close`).

    Examples
    --------
    >>> close_caches()
    """
    for cache in _CACHES.values():
        cache.close()


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
