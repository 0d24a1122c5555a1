"""The `letters` command: builds the settings, then the pieces, for admins and scripts."""
