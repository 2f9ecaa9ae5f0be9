"""Site: the data package on disk → pages, charts, maps and downloads."""
