"""Our changes to Django's per-language date formats (``FORMAT_MODULE_PATH``); every other language keeps its own."""
