"""One vocabulary: every label and relative date comes from collab_tui/words.py."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from collab_tui import words
from collab_tui.cli import output as render
from collab_tui.model import Flow, InteractionKind, Kind, Level, Rating, Side, Stance, Status
from collab_tui.triage import Quadrant
from collab_tui.words import EN, ago, format_date, label, relative, t

TODAY = date(2026, 11, 23)  # a Monday
PACKAGE = Path(words.__file__).parent


@pytest.fixture(autouse=True)
def _english():
    words.set_language("en")
    yield
    words.set_language(None)


# --- every enum member has words ---------------------------------------------------------

ENUMS: list[type[StrEnum]] = [
    Kind,
    Status,
    Rating,
    Stance,
    Side,
    Level,
    Flow,
    InteractionKind,
    Quadrant,
]
FORMS = {
    Kind: ["choice", "direction", "calendar"],
    Stance: ["short"],
    Quadrant: ["heading", "title"],
}


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_enum_member_has_a_label(enum):
    for member in enum:
        assert label(member), member  # "" only where a form says so (a short unknown stance)
        for form in FORMS.get(enum, []):
            key = f"{words._PREFIX[enum.__name__]}.{member.value}.{form}"
            assert key in EN, key


def test_labels_read_as_before():
    assert label(Stance.NO_CAPACITY) == "interested, no capacity"
    assert label(Stance.NO_CAPACITY, "short") == "no capacity"
    assert label(Stance.UNKNOWN, "short") == ""
    assert label(Kind.OWE, "choice") == "owe: I owe them"
    assert label(Level.LEADER) == "senior leader"
    assert Quadrant.DO_NOW.label == "Do now"
    assert label(Quadrant.DELEGATE, "heading") == "Delegate or keep short: urgent, not important"


# --- relative dates ------------------------------------------------------------------------

RELATIVE = [
    (0, "today"),
    (1, "tomorrow"),
    (-1, "yesterday"),
    (2, "in 2 days"),
    (13, "in 13 days"),
    (14, "in 2 weeks"),
    (-3, "3 days late"),
    (-21, "3 weeks late"),
    (60, "in 9 weeks"),
    (61, "Jan 23 2027"),
    (-61, "Sep 23"),
]


@pytest.mark.parametrize(("offset", "words_"), RELATIVE)
def test_relative_due_dates(offset, words_):
    assert relative(TODAY + timedelta(days=offset), TODAY) == words_


AGO = [
    (0, "today"),
    (1, "yesterday"),
    (2, "2 days ago"),
    (13, "13 days ago"),
    (21, "3 weeks ago"),  # the same scale as "3 weeks late", not "21 days ago"
    (60, "9 weeks ago"),
    (90, "Aug 25"),
    (-3, "in 3 days"),  # a planned meeting
]


@pytest.mark.parametrize(("days_back", "words_"), AGO)
def test_how_long_ago(days_back, words_):
    assert ago(TODAY - timedelta(days=days_back), TODAY) == words_


def test_dates_are_formatted_from_the_catalog():
    assert format_date(date(2026, 11, 27)) == "Fri 27 Nov"
    assert format_date(date(2027, 1, 4), TODAY) == "Mon 4 Jan 2027"
    assert words.long_date(TODAY) == "Mon 23 Nov, 2026"
    assert words.with_relative(date(2026, 11, 20), TODAY) == "Fri 20 Nov (3 days late)"


# --- one place for a translator -------------------------------------------------------------


def test_another_catalog_changes_the_words_and_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(words.CATALOGS, "xx", {"kind.owe": "OWE", "date.days_late": "-{n}d"})
    monkeypatch.setenv("COLLAB_LANG", "xx")
    words.set_language(None)  # read COLLAB_LANG again
    assert words.language() == "xx"
    assert label(Kind.OWE) == "OWE"
    assert relative(TODAY - timedelta(days=3), TODAY) == "-3d"
    assert label(Kind.WAIT) == "wait"  # not translated yet: English


def test_an_unknown_language_is_english(monkeypatch):
    monkeypatch.setenv("COLLAB_LANG", "tlh_KX.UTF-8")
    words.set_language(None)
    assert words.language() == "en"
    assert label(Kind.OWE) == "owe"


def _sources() -> list[tuple[Path, str]]:
    return [
        (path, path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
        # interop/ too: its file formats keep their own names (see FORMAT_LITERALS), but
        # what a person reads (why a card is skipped, a calendar entry's notes) is words.py's.
        if path.name != "words.py"
    ]


def test_every_key_the_code_asks_for_exists():
    used = set()
    for _, source in _sources():
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", source))
        used |= set(re.findall(r"""\bt\(\s*f["']([a-z_]+)\.\{""", source))  # prefixes
    assert len(used) > 40, "the pattern found too few calls"
    for key in used:
        assert key in EN or any(k.startswith(key + ".") for k in EN), key
    # the shell's table headers: column ids turned into keys
    for column in [*render.ITEM_COLUMNS, "contact", "last contact", "open items"]:
        assert t("column." + column.replace(" ", "_"))


# A dict from an enum member to words, or a relative-date phrase, outside words.py is a
# second copy that a translator would miss. Arrows and other glyphs are styling, not words.
STRAY = [
    re.compile(
        r"\b(Kind|Status|Rating|Stance|Side|Level|Flow|InteractionKind|Quadrant)\.[A-Z_]+:"
        r"\s*\"[^\"]*[A-Za-z]"
    ),
    re.compile(r"(\d|\{\w*\}) (days?|weeks?) (ago|late)\b"),
    re.compile(r"\"(Do now|Schedule|Delegate|Drop)( ·|:)"),
    re.compile(r"\b[A-Z_]+_(LABELS|SHORT|HEADINGS)\s*="),
]


def test_no_stray_copies_of_the_words():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path, source in _sources()
        for number, line in enumerate(source.splitlines(), 1)
        if not line.lstrip().startswith("#")
        and not line.lstrip().startswith(('"""', "'"))
        and any(p.search(line) for p in STRAY)
    ]
    assert found == []


def test_words_is_cheap_to_import(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; before = set(sys.modules); import collab_tui.words; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(new - set(sys.stdlib_module_names) - {'collab_tui'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"  # the standard library only: `collab add` imports it


def test_t_fills_in_placeholders_and_refuses_unknown_keys():
    assert t("date.in_days", n=3) == "in 3 days"
    with pytest.raises(KeyError):
        t("no.such.key")


# Keys kept in variables and class attributes (HINT = "form.hint", what = "cli.export.items")
# escape the t("...") pattern above: every string constant shaped like a key, with a first
# part the catalog uses, must be a key. Binding ids ("review.done") and action ids
# (Act("log.new", ...)) are names for the keymap, not keys: left out.
def _key_like_constants(source: str) -> list[tuple[int, str]]:
    import ast

    firsts = {key.split(".")[0] for key in EN}
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            skip.update(id(k.value) for k in node.keywords if k.arg == "id")
            if isinstance(node.func, ast.Name) and node.func.id == "Act" and node.args:
                skip.add(id(node.args[0]))
    return [
        (line, value)
        for line, value in _strings(tree, skip)
        if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", value)
        and value.split(".")[0] in firsts
        and not value.endswith((".tcss", ".json", ".md", ".py"))
    ]


def _strings(tree: Any, skip: set[int]) -> list[tuple[int, str]]:
    """(line, text) of every string constant in ``tree`` but those whose id is in ``skip``."""
    import ast

    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_keys_kept_in_variables_exist():
    missing = [
        f"{path.relative_to(PACKAGE)}:{line}: {value}"
        for path, source in _sources()
        for line, value in _key_like_constants(source)
        if value not in EN and not any(key.startswith(value + ".") for key in EN)
    ]
    assert missing == []


# A message people read, written as a literal where it is shown or raised, is a word a
# translator would miss: notifications, the shell's errors and notes, refusals.
SHOWN = {"say", "notify", "_error", "_note", "UsageError", "ActionError", "CaptureError"}
SHOWN |= {"DateError", "RestoreError", "StorePathError", "StoreReadOnly", "RecordInvalid"}
SHOWN |= {"BadJournal", "ParseError", "DemoError", "ArgumentTypeError"}


def _literal_messages(source: str) -> list[tuple[int, str]]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SHOWN:
            continue
        message = node.args[-1] if name in {"StorePathError", "StoreReadOnly"} else node.args[0]
        parts = (
            [v.value for v in message.values if isinstance(v, ast.Constant)]
            if isinstance(message, ast.JoinedStr)
            else [message.value]
            if isinstance(message, ast.Constant) and isinstance(message.value, str)
            else []
        )
        if any(re.search(r"[A-Za-z]{2,}", part) for part in parts):
            found.append((node.lineno, "".join(parts)))
    return found


def test_no_literal_messages():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path, source in _sources()
        for line, text in _literal_messages(source)
    ]
    assert found == []


# Words given to a widget or to argparse as a literal: a label, a title, a help line.
# (demo.py writes the worked example's data, not interface words.)
WORDY_KEYWORDS = {"help", "description", "epilog", "title", "placeholder", "tooltip", "prompt"}
WIDGETS = {"Label", "Static", "Button", "Checkbox", "Tab", "TabPane", "Markdown"}


def _literal_widget_words(source: str) -> list[tuple[int, str]]:
    import ast

    def wordy(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.search(r"[A-Za-z]{2,}", node.value) is not None
        )

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            found += [
                (node.lineno, f"{kw.arg}={kw.value.value!r}")  # type: ignore[attr-defined]
                for kw in node.keywords
                if kw.arg in WORDY_KEYWORDS and wordy(kw.value)
            ]
            if name in WIDGETS and node.args and wordy(node.args[0]):
                found.append((node.lineno, f"{name}({node.args[0].value!r})"))  # type: ignore[attr-defined]
        elif isinstance(node, ast.Assign) and wordy(node.value):
            targets = {getattr(target, "attr", "") for target in node.targets}
            if targets & {"border_title", "border_subtitle", "sub_title", "tooltip"}:
                found.append((node.lineno, repr(node.value.value)))  # type: ignore[attr-defined]
    return found


def test_no_literal_widget_or_help_words():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path, source in _sources()
        if path.name != "demo.py"
        for line, text in _literal_widget_words(source)
    ]
    assert found == []


def test_every_message_reads_in_another_language(monkeypatch):
    """A catalog with every key (here: the keys themselves) leaves no English behind."""
    monkeypatch.setitem(words.CATALOGS, "xx", {key: f"<{key}>" for key in EN})
    words.set_language("xx")
    assert t("app.undone", change="x") == "<app.undone>"
    from collab_tui.capture import CaptureError, parse

    with pytest.raises(CaptureError) as error:
        parse("", TODAY)
    assert str(error.value) == "<error.capture.empty>"


# The status report is assembled from words.py's keys around Markdown: an English word in a
# literal or an f-string there ("## Slipped", f"(done {day})") is one a translator misses.
# Docstrings, the keys given to t() and programming errors (raise) are not read by users.
WORD = re.compile(r"[A-Za-z]{2,}")


def _report_literals(source: str) -> list[tuple[int, str]]:
    return _literals(source, WORD, raised_too=False)


def test_the_report_has_no_literal_words():
    source = (PACKAGE / "interop" / "report.py").read_text(encoding="utf-8")
    assert _report_literals(source) == []
    old = 'out = ["## Waiting on", ""]\nline = f"- {title} (done {day})"\nx = t("report.done")'
    assert [text for _, text in _report_literals(old)] == ["## Waiting on", " (done "]


# Imports and exports: every phrase (a word followed by a space or punctuation and a space)
# outside t() is a reason, an error or a calendar note a translator would miss. Raised
# messages count: they are what `collab import` prints. Property names, CSV headers and
# JSON keys are single tokens ("BEGIN:VCARD", "NEEDS-ACTION", "due_history"): left alone.
PHRASE = re.compile(r"[A-Za-z]{2,}[,:;.!?)]?\s")
# Literals with a phrase that are not read by users of the app: data formats, bugs.
FORMAT_LITERALS = {
    "report.py": {"status_report needs today's date"},  # a programming error
}


def _interop_literals(source: str) -> list[tuple[int, str]]:
    return _literals(source, PHRASE, raised_too=True)


def _literals(source: str, wanted: re.Pattern[str], raised_too: bool) -> list[tuple[int, str]]:
    """The string constants of ``source`` that ``wanted`` finds, except docstrings and the
    keys given to t(); messages of ``raise`` only when ``raised_too``."""
    import ast

    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Raise) and not raised_too:
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args:
            skip.update(id(n) for n in ast.walk(node.args[0]))
    return [(line, value) for line, value in _strings(tree, skip) if wanted.search(value)]


# validate.py and the store's damage report: what is wrong with a record, shown by `collab
# doctor`, the warning about damaged records, forms and imports.
PROBLEM_SOURCES = ["validate.py", "store/quarantine.py"]


def test_imports_and_exports_have_no_literal_words():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in [
            *sorted((PACKAGE / "interop").glob("*.py")),
            *(PACKAGE / name for name in PROBLEM_SOURCES),
        ]
        for line, text in _interop_literals(path.read_text(encoding="utf-8"))
        if text not in FORMAT_LITERALS.get(path.name, set())
    ]
    assert found == []
    old = (
        'raise _BadCard(f"line {lineno} is not UTF-8 text")\n'
        'lines = [f"Kind: {KIND_TEXT[item.kind]}"]\n'
        'problems.append((where(), "no END:VCARD before the next card"))\n'
        'lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", "TEL;TYPE=VOICE:"]\n'
        'todo.add("status", "NEEDS-ACTION")\n'
        'x = t("import.vcard.none")\n'
        'return f"must be text, not {show(value)}"\n'  # validate.py before it used words.py
        'problems.append(Problem(key, "is missing"))\n'
    )
    assert sorted(text for _, text in _interop_literals(old)) == sorted(
        [
            "line ",
            " is not UTF-8 text",
            "Kind: ",
            "no END:VCARD before the next card",
            "must be text, not ",
            "is missing",
        ]
    )
