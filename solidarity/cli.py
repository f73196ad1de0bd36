"""The ``solidarity`` command: Django's management commands under the product's name.

``solidarity demo`` is ``manage.py demo``; every command reads the same settings and ``DATABASE_URL``. Names
are written with hyphens on the command line (``solidarity registry-export``) and with underscores as Django
modules (``registry_export``), since a module name cannot hold a hyphen; either spelling works.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(["solidarity", *args[1:]])
