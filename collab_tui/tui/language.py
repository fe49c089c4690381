"""Switch the app's words to another language while it runs.

Most words are looked up with ``t()`` each time they are drawn, so redrawing is enough.
Key bindings are the exception: Textual keeps each footer word in a ``Binding`` made when
its class was defined, in the language of that moment. ``relabel`` re-translates them in
place, on the classes (for widgets made later) and on the live widgets, by finding the
key each description came from; the command palette's list, also made at import, is made
again. Textual's own palette key and prompt are declared by the app, in these words too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from collab_tui import words
from collab_tui.words import EN, t

# The language the footer words of our classes are in: the one chosen when they were
# defined (at import), then the one ``relabel`` last turned them into.
_bindings_language = words.language()


def _keys_by_text(code: str) -> dict[str, str]:
    """Text in ``code`` -> its key (the same words twice: the first key)."""
    current = words.language()
    words.set_language(code)
    try:
        return {t(key): key for key in reversed(EN)}
    finally:
        words.set_language(current)


def _our_classes(base: type[DOMNode] = DOMNode) -> Iterator[type[DOMNode]]:
    for cls in base.__subclasses__():
        if cls.__module__.startswith("collab_tui."):
            yield cls
        yield from _our_classes(cls)


def _relabelled(binding: Binding, translate: Callable[[str], str]) -> Binding:
    description = translate(binding.description)
    if description == binding.description:
        return binding
    return dataclasses.replace(binding, description=description)


def relabel(app: App[Any]) -> None:
    """Every footer word of our widgets, defined and live, in the active language."""
    global _bindings_language
    if _bindings_language == words.language():
        return
    keys = _keys_by_text(_bindings_language)
    _bindings_language = words.language()

    def translate(text: str) -> str:
        key = keys.get(text)
        return text if key is None else t(key)

    classes = set(_our_classes())
    for cls in classes:
        bindings = cls.__dict__.get("BINDINGS")
        if isinstance(bindings, list):
            for index, binding in enumerate(bindings):
                if isinstance(binding, Binding):
                    bindings[index] = _relabelled(binding, translate)
    for cls in classes:  # Textual merges a class's bindings once, when it is defined
        cls._merged_bindings = cls._merge_bindings()
    nodes: list[DOMNode] = [app]
    for screen in app.screen_stack:
        nodes += [screen, *screen.walk_children(with_self=False)]
    for node in nodes:
        for key_bindings in node._bindings.key_to_bindings.values():
            key_bindings[:] = [_relabelled(b, translate) for b in key_bindings]
    app.refresh_bindings()
    from collab_tui.tui import commands, keymap  # the palette's titles, made at import too

    commands.COMMANDS[:] = keymap.palette()
