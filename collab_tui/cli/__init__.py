"""The shell front door: ``collab ...``.

Start-up time matters (``collab add`` runs right after a meeting), so this module
imports only the standard library at the top; Rich is imported inside the commands
that draw tables or progress bars, and Textual only when the TUI opens.

Exit status: 0 done; 1 the data file could not be used (corrupt, too new, locked, a
failed write): the store's message goes to stderr; 2 bad input (a capture error naming
the bad token, a bad date, an unreadable import file): nothing was saved.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from collab_tui.cli.commands import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_STORE,
    _error,
    cmd_add,
    cmd_matrix,
    cmd_today,
    cmd_who,
    today_from_env,
)
from collab_tui.words import t

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable

# --- entry point -------------------------------------------------------------------------

# Commands that finish in a blink: no cyclic GC, and no interpreter tear-down at the end.
QUICK_COMMANDS = frozenset({"add", "today", "who", "matrix"})


def run() -> int:
    """The ``collab`` program: ``main()``, then, for the quick commands, a quick exit.

    A quick command runs without the cyclic garbage collector (it allocates a few
    thousand objects and ends) and leaves with ``os._exit`` once its output is flushed:
    the interpreter's tear-down of every module and object would add ~20 ms to a
    ~60 ms command. Safe because every file the store writes is already fsynced and
    closed (the lock goes with the process); only stdout and stderr may hold output.
    """
    import gc

    argv = sys.argv[1:]
    quick = _command_word(argv) in QUICK_COMMANDS
    if quick:
        gc.disable()
    code = main(argv)
    if quick:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # e.g. the reader of a pipe left: let Python end as usual
            return code
        os._exit(code)
    return code


def _command_word(argv: list[str]) -> str | None:
    """The command of ``collab [--db P] [--lang L] COMMAND ...``, or None."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--lang"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    argv_or_none = choose_language(argv)
    if argv_or_none is None:
        return EXIT_INPUT
    argv = argv_or_none
    args: Namespace | SimpleNamespace | None = quick_args(argv)
    if args is None:
        from collab_tui.cli.parser import build_parser

        args = build_parser(_command_word(argv)).parse_args(argv)
    from collab_tui.store import StoreError

    try:
        args.today = today_from_env()
        handler: Callable[[Namespace | SimpleNamespace], int] = args.handler
        return handler(args)
    except StoreError as error:
        _error(str(error))
        return EXIT_STORE
    except ValueError as error:  # ActionError, CaptureError, DateError, bad files
        _error(str(error))
        return EXIT_INPUT
    except BrokenPipeError:  # `collab today | head`: the reader left; that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # writing -o FILE, say
        _error(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130


def choose_language(argv: list[str]) -> list[str] | None:
    """Take ``--lang CODE`` (anywhere before ``--``) out of ``argv`` and choose the interface
    language: ``--lang`` > ``COLLAB_LANG`` > the app's remembered choice > the locale
    (``words.choose_language``). The option is kept in ``COLLAB_LANG`` for this process, so
    that the app opened from here, which chooses again with its own preferences file, keeps
    it. None: an unknown code (reported on stderr).
    """
    from collab_tui import words

    rest: list[str] = []
    option: str | None = None
    items = iter(argv)
    for word in items:
        if word == "--":
            rest += [word, *items]
        elif word == "--lang":
            option = next(items, "")
        elif word.startswith("--lang="):
            option = word.removeprefix("--lang=")
        else:
            rest.append(word)
    if option is not None:
        if not words.known(words.short_code(option)):
            words.set_language(words.choose_language(remembered=_remembered_language))
            _error(
                t("cli.lang.unknown", value=repr(option), choices=", ".join(words.LANGUAGE_NAMES))
            )
            return None
        os.environ["COLLAB_LANG"] = words.short_code(option)
    words.set_language(words.choose_language(remembered=_remembered_language))
    return rest


def _remembered_language() -> object:
    """The language chosen in the app's settings (config.py), read only when neither
    ``--lang`` nor ``COLLAB_LANG`` decides."""
    from collab_tui.config import load_config

    return load_config().get("language")


def quick_args(argv: list[str]) -> SimpleNamespace | None:
    """The quick commands' usual forms, read without argparse: ``collab [--db P] add
    TEXT...``, ``today [--json]``, ``matrix [--json]``, ``who NAME [--json]`` (``--db P``
    also after the command).

    These run right after or right before a meeting and must start as fast as
    taskwarrior; importing argparse and building a parser costs each ~10 ms. Anything
    else (help, other options, text starting with "-") returns None and goes through
    argparse, which reads the same forms the same way (tests/cli/test_quick_add.py).
    """
    db: str | None = None
    as_json = False
    words: list[str] = []
    rest = iter(argv)
    for word in rest:
        if word == "--db":
            db = next(rest, None)
            if db is None or db.startswith("-"):
                return None  # argparse says what is missing
        elif word.startswith("--db="):
            db = word.removeprefix("--db=")
        elif word == "--json":
            as_json = True
        elif word.startswith("-"):
            return None
        else:
            words.append(word)
    command, positionals = (words[0], words[1:]) if words else (None, [])
    if command == "add" and positionals and not as_json:
        return SimpleNamespace(db=db, lang=None, text=positionals, again=False, handler=cmd_add)
    if command == "today" and not positionals:
        return SimpleNamespace(db=db, lang=None, date=None, json=as_json, handler=cmd_today)
    if command == "matrix" and not positionals:
        return SimpleNamespace(db=db, lang=None, json=as_json, handler=cmd_matrix)
    if command == "who" and len(positionals) == 1:
        return SimpleNamespace(db=db, lang=None, name=positionals[0], json=as_json, handler=cmd_who)
    return None
