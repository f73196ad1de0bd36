"""The ``solidarity`` command: Django's management commands under the product's name.

``solidarity demo`` is ``manage.py demo``; every command reads the same settings and ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    execute_from_command_line(["solidarity", *args[1:]])
