"""The data store: TinyDB on durable storage, split into a hot file and monthly history.

Never imports a UI library: `collab add` goes through here and must start fast.
"""

from .backups import newest_good_backup
from .errors import (
    ConflictError,
    JournalDamaged,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StorePathError,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
)
from .migrations import SCHEMA_VERSION
from .store import Store, is_newer, write_layout

__all__ = [
    "SCHEMA_VERSION",
    "ConflictError",
    "JournalDamaged",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StorePathError",
    "StoreReadOnly",
    "StoreTooNew",
    "StoreWriteError",
    "is_newer",
    "newest_good_backup",
    "write_layout",
]
