"""``python -m collab_tui``: the same as the ``collab`` command."""

import sys

from collab_tui.cli import run

sys.exit(run())
