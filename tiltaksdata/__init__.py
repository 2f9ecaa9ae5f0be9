"""tiltaksdata: NAV reports on participants in labour-market measures → checked open data."""

__version__ = "0.1.0"
