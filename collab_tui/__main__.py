"""``python -m collab_tui``: the same as the ``collab`` command."""

import sys

from collab_tui.cli import main

sys.exit(main())
