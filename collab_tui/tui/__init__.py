"""The Textual app. ``run`` and ``make_app`` live in ``collab_tui.tui.app``; this package
imports nothing itself so that ``collab add`` never pays for Textual."""
