"""Keep the gettext catalogs in step with collab_tui/words.py.

    uv run python scripts/catalog.py update               # the .po follows words.EN
    uv run python scripts/catalog.py merge zh.json        # fill msgstr from {key: text}
    uv run python scripts/catalog.py compile              # write the .mo the app reads
    uv run python scripts/catalog.py status               # what is left to translate

Each entry of ``collab_tui/locale/<lang>/LC_MESSAGES/collab.po`` is one key of
``words.EN``: msgctxt is the key, msgid its English text, msgstr the translation, and the
comment above the key in words.py is the translator's note (``#.``). ``update`` adds new
keys with an empty msgstr, marks an entry fuzzy (keeping the old English as ``#| msgid``)
when its English changed, and drops keys words.py no longer has. A fuzzy or empty entry
is left out of the .mo, so the app shows the English until a translator clears it.
``--lang`` picks the catalog (default: every language in ``words.GETTEXT``).
See docs/TRANSLATING.md.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import sys
import tokenize
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout

from collab_tui import words  # noqa: E402

WORDS_PY = Path(words.__file__)
WRAP = 100  # the project's line length; a fixed width keeps diffs stable
BRACES = "python-brace-format"


def po_path(lang: str) -> Path:
    return words.LOCALE_DIR / words.GETTEXT[lang] / "LC_MESSAGES" / f"{words.DOMAIN}.po"


def notes(source: str) -> dict[str, str]:
    """key -> the translator's note: the comment at the end of the key's entry, and a
    comment block just above it, which also covers the keys after it in the same group
    (same first part, as many parts), as words.py writes them. Section rules
    (``# --- ...``) are not notes."""
    first, end = next(
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "EN"
    )
    comments: dict[int, str] = {}
    code: set[int] = set()
    keys: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        line = token.start[0]
        if not first < line < end:
            continue
        if token.type == tokenize.COMMENT:
            comments[line] = token.string.lstrip("#").strip()
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            if line not in code and token.type == tokenize.STRING:
                value = ast.literal_eval(token.string)
                if isinstance(value, str) and value in words.EN:
                    keys[line] = value
            code.add(line)
    found: dict[str, list[str]] = {}
    block: list[str] = []  # comment lines waiting for the next key
    shared: list[str] = []  # the block that covers the current group of keys
    group: tuple[str, int] | None = None
    last: str | None = None
    for line in range(first + 1, end):
        text = comments.get(line, "")
        if line in keys:
            key = keys[line]
            shape = (key.split(".")[0], key.count("."))
            if block:
                shared, group, block = block, shape, []
            elif shape != group:
                shared, group = [], None
            found[key] = list(shared)
            last = key
        elif line not in code:  # a comment alone on its line, or a blank line
            if text and not text.startswith("---"):
                block.append(text)
            continue
        if text and line in code and last is not None:
            found[last].append(text)  # "date.short": "...",  # Fri 27 Nov
    return {key: "\n".join(lines) for key, lines in found.items() if lines}


def new_catalog(lang: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP)
    po.header = (
        f"collab-tui in {words.LANGUAGE_NAMES[lang]}. msgctxt is the key in collab_tui/words.py,\n"
        "msgid its English. Translate msgstr only; keep every {placeholder}. After editing:\n"
        "uv run python scripts/catalog.py compile (docs/TRANSLATING.md)."
    )
    po.metadata = {
        "Project-Id-Version": "collab-tui",
        "Language": words.GETTEXT[lang],
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def update(lang: str) -> polib.POFile:
    """The catalog for ``lang`` rebuilt from words.EN, translations kept."""
    path = po_path(lang)
    old = polib.pofile(str(path), wrapwidth=WRAP) if path.exists() else new_catalog(lang)
    kept = {entry.msgctxt: entry for entry in old if not entry.obsolete}
    comments = notes(WORDS_PY.read_text(encoding="utf-8"))
    po = new_catalog(lang)
    po.metadata.update({k: v for k, v in old.metadata.items() if k not in po.metadata})
    for key, english in words.EN.items():
        if not english:  # nothing to translate ("" hides a word)
            continue
        entry = polib.POEntry(msgctxt=key, msgid=english, comment=comments.get(key, ""))
        if "{" in english:
            entry.flags.append(BRACES)
        before = kept.get(key)
        if before is not None and before.msgstr:
            entry.msgstr = before.msgstr
            if before.msgid != english:
                entry.flags.append("fuzzy")  # the English changed: check the translation
                entry.previous_msgid = before.previous_msgid or before.msgid
            elif before.fuzzy:
                entry.flags.append("fuzzy")
                entry.previous_msgid = before.previous_msgid
        po.append(entry)
    return po


def save(po: polib.POFile, lang: str) -> Path:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def merge(lang: str, files: list[Path]) -> tuple[int, list[str]]:
    """Fill msgstr from {key: translation} files; (entries filled, unknown keys)."""
    po = polib.pofile(str(po_path(lang)), wrapwidth=WRAP)
    entries = {entry.msgctxt: entry for entry in po}
    filled, unknown = 0, []
    for file in files:
        for key, text in json.loads(file.read_text(encoding="utf-8")).items():
            entry = entries.get(key)
            if entry is None:
                unknown.append(key)
                continue
            if not text:
                continue
            entry.msgstr = text
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            filled += 1
    save(po, lang)
    return filled, unknown


def compile_mo(lang: str) -> Path:
    path = po_path(lang)
    mo = path.with_suffix(".mo")
    polib.pofile(str(path)).save_as_mofile(str(mo))
    return mo


def status(lang: str) -> list[str]:
    """The keys with no usable translation (empty or fuzzy)."""
    po = polib.pofile(str(po_path(lang)))
    return [entry.msgctxt for entry in po if not entry.translated()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(words.GETTEXT), action="append")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="rewrite the .po from words.EN")
    merging = commands.add_parser("merge", help="fill translations from key -> text JSON")
    merging.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    commands.add_parser("compile", help="write the .mo next to the .po")
    commands.add_parser("status", help="list the keys still to translate")
    args = parser.parse_args(argv)
    for lang in args.lang or sorted(words.GETTEXT):
        if args.command == "update":
            print(f"updated {save(update(lang), lang).relative_to(ROOT)}")
        elif args.command == "merge":
            filled, unknown = merge(lang, args.files)
            print(f"{lang}: filled {filled} entries")
            for key in unknown:
                print(f"{lang}: not a key of words.EN (skipped): {key}")
        elif args.command == "compile":
            print(f"compiled {compile_mo(lang).relative_to(ROOT)}")
        todo = status(lang)
        if todo:
            print(f"{lang}: {len(todo)} entries still to translate: {', '.join(todo[:10])} ...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
