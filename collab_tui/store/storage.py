"""A TinyDB storage that keeps the parsed file in memory and saves atomically with orjson.

Stock JSONStorage re-reads and re-parses the whole file on every query and rewrites it
on every change. Here ``read()`` returns the cached dict (TinyDB asks for it on every
query), and ``write()`` either saves at once (``autoflush=True``, for plain TinyDB use)
or only updates the cache so the Store can save all touched files in a safe order
once per transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ..words import t
from . import durable

Data = dict[str, dict[str, dict[str, Any]]]


class ParseError(ValueError):
    """The file is not JSON, is truncated, or is not shaped like a TinyDB file."""


def parse(raw: bytes) -> Data:
    """Parse a TinyDB file's bytes, checking the shape: {table: {doc_id: {...}}}."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseError(t("error.parse.json", error=exc)) from None
    if not isinstance(data, dict):
        raise ParseError(t("error.parse.top_level"))
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ParseError(t("error.parse.table", table=repr(name)))
        for doc_id, doc in table.items():
            if not isinstance(doc, dict) or not doc_id.isdigit():
                raise ParseError(t("error.parse.record", table=repr(name), id=repr(doc_id)))
    return data


def dumps(data: Data) -> bytes:
    # Compact: the hot file is rewritten on every save, so every byte costs time.
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def load_file(path: Path) -> Data | None:
    """The parsed file, or None if it does not exist. Raises ParseError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse(raw)


class DurableStorage(Storage):
    """TinyDB storage over one file: in-memory cache, atomic durable writes."""

    def __init__(
        self,
        path: str | Path,
        autoflush: bool = True,
        screen: Callable[[Data, bytes], tuple[Data, list[Any]]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.autoflush = autoflush
        self.signature: durable.Signature = None
        self._data: Data = {}
        # ``screen(data, raw)`` takes damaged records out of freshly read data and returns
        # them with their problems (see quarantine.py). They are kept here, out of sight,
        # and written back with the rest on every save of this file.
        self._screen = screen
        self.set_aside: Data = {}
        self.problems: list[Any] = []
        self.reload()

    # --- TinyDB's interface ------------------------------------------------------

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        if self.autoflush:
            self.flush()

    def close(self) -> None:
        pass

    # --- ours --------------------------------------------------------------------

    @property
    def data(self) -> Data:
        return self._data

    def reload(self) -> None:
        """Drop the cache and re-read the file (empty if missing). Raises ParseError."""
        sig = durable.signature(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = b""
        data = parse(raw) if raw else {}
        self.set_aside, self.problems = self._screen(data, raw) if self._screen else ({}, [])
        self._data = data
        self.signature = sig

    def serialized(self, data: Data | None = None) -> bytes:
        """The file's bytes for ``data`` (default: the cache), set-aside records included.

        Whatever writes this file must go through here, or the set-aside records are lost.
        """
        data = self._data if data is None else data
        if self.set_aside:
            data = {**data}
            for table, docs in self.set_aside.items():
                data[table] = {**docs, **data.get(table, {})}  # a live record's id wins
        return dumps(data)

    def changed_on_disk(self) -> bool:
        return durable.signature(self.path) != self.signature

    def flush(self, data: Data | None = None) -> None:
        """Save ``data`` (default: the cache) atomically. Raises OSError on failure."""
        durable.write_atomic(self.path, self.serialized(data))
        self.signature = durable.signature(self.path)
