"""Everything that is not Discord. Nothing under core/ imports discord."""
