"""collab-tui: a terminal cockpit for a PM who works through people they do not manage."""

__version__ = "0.1.0"
