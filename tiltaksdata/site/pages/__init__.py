"""The site's pages: front, measures, regions, sources, maps; each a list of figures."""
