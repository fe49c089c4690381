"""Small widgets and the Content builders that show user text literally."""
