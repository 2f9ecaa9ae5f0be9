"""Run: the build itself — every report parsed (cached, in a pool), the command line."""
