"""The least any Python `collab add` could do: a prototype, not the product (issue #10).

    python bench/floor_add.py DATA_FILE "owe: send spec @小蓝"

Takes the lock, reads the hot file, decodes its meta record and its contacts (a name
must be looked up), builds one item by hand (no capture grammar, no dates, no checks,
no retry guard, no daily backup, no words), splices it and the meta record (next id,
generation) in as raw bytes (no whole-file parse or dump) and replaces the file durably:
temp file, fsync, rename, directory fsync. Standard library only, and ``os._exit`` at
the end. What it leaves out is what `collab add` must do; what it keeps, no Python
`collab add` can skip.
`bench_add_floor.py` runs it against `task add`.
"""

import fcntl
import json
import os
import re
import sys
from datetime import UTC, datetime

path, line = sys.argv[1], sys.argv[2]
lock = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(lock, fcntl.LOCK_EX)
with open(path, "rb") as file:
    raw = file.read()
text = raw.decode()
decoder = json.JSONDecoder()
meta_start = text.index("{", 1)
meta, meta_end = decoder.raw_decode(text, meta_start)
start = text.index('"contacts":', meta_end) + len('"contacts":')
contacts, _ = decoder.raw_decode(text, start)
names = re.findall(r"[@＠](\S+)", line)
people = [int(i) for i, c in contacts.items() if c.get("name") in names]
record_id = meta["1"]["last_ids"]["items"] + 1
meta["1"]["last_ids"]["items"] = record_id
meta["1"]["generation"] += 1
stamp = datetime.now(UTC).isoformat(timespec="seconds")
item = {"title": line, "kind": "owe", "id": record_id, "contact_ids": people,
        "status": "open", "created": stamp, "updated": stamp}  # fmt: skip
doc = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode()
meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
head, tail = len(text[:meta_start].encode()), len(text[:meta_end].encode())
at = raw.index(b'"items":{', tail) + len(b'"items":{')
comma = b"," if raw[at : at + 1] != b"}" else b""
new = b"".join([raw[:head], meta_bytes, raw[tail:at], b'"%d":' % record_id, doc, comma, raw[at:]])
temp = path + ".floor-tmp"
fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, new)
os.fsync(fd)
os.close(fd)
os.replace(temp, path)
folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
os.fsync(folder)
os.close(folder)
print(f"Added #{record_id}: {line}")
sys.stdout.flush()
os._exit(0)
