"""The public API, version 1 (``/api/v1/``): campaigns, published reports, tallies, and report submission for
partner sites holding an API key. See ``docs/api.md``."""
