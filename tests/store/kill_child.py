"""Helper for the kill -9 test: saves in a loop and acknowledges each save on stdout.

A line is printed only after the store call returned, so every printed id must survive
a SIGKILL at any later moment.
"""

import sys

from collab_tui.model import Item, Status
from collab_tui.store import Store

store = Store.open(sys.argv[1])
n = 0
while True:
    item = store.add(Item(f"任务 {n} for 小蓝"))
    print(f"add {item.id}", flush=True)
    if n % 3 == 2:  # close some, so records also move from the hot file to history
        item.status = Status.DONE
        store.update(item)
        print(f"done {item.id}", flush=True)
    n += 1
