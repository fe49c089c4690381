"""Helper for the kill -9 loop over closes: closes active items one by one, and
acknowledges each close on stdout only after the store call returned."""

import sys

from collab_tui.model import Status
from collab_tui.store import Store

store = Store.open(sys.argv[1])
for item in store.items():
    item.status = Status.DONE
    store.update(item)
    print(f"done {item.id}", flush=True)
