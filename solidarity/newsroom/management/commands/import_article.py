"""``solidarity import-article PATH|URL``: store an article as a registry source and queue its proposals.

The proposals wait in the admin ("Newsroom › Imported articles") for an organiser to accept, correct, merge or
reject each one. Importing the same text again changes nothing and says so.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from solidarity.newsroom import services
from solidarity.newsroom.language import LanguageError
from solidarity.newsroom.reading import ArticleError

MAX_BYTES = 5 * 1024 * 1024


def fetch(url: str) -> bytes:
    """The page at ``url`` (http or https only), at most 5 MB."""
    if not url.startswith(("http://", "https://")):
        raise CommandError(_("Only http and https addresses can be fetched."))
    request = urllib.request.Request(url, headers={"User-Agent": "solidarity-newsroom/1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CommandError(_("Cannot fetch %(url)s: %(error)s") % {"url": url, "error": exc}) from exc
    if len(data) > MAX_BYTES:
        raise CommandError(_("The page is larger than 5 MB."))
    return data


class Command(BaseCommand):
    help = (
        "Import a news article (a text or HTML file, or an http(s) address) into the review queue: the text is "
        "stored as a registry source and the people, organisations, cases and call it mentions become proposals "
        "for an organiser to review in the admin."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="A file, or an http(s) address of the article.")
        parser.add_argument("--user", help="The organiser to record as importing it (default: the system).")

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["path"]
        actor = None
        if options.get("user"):
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(_("No user %(name)s.") % {"name": options["user"]})
        if "://" in target:
            data, url = fetch(target), target
        else:
            try:
                data, url = Path(target).read_bytes(), ""
            except OSError as exc:
                raise CommandError(
                    _("Cannot read %(path)s: %(error)s") % {"path": target, "error": exc.strerror}
                ) from exc
        try:
            article, created = services.article_import(data=data, actor=actor, url=url)
        except (ArticleError, LanguageError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        summary = {
            "article": article.pk,
            "source": article.source_id,
            "created": created,
            "language": article.language,
            "proposals": [
                {"id": p.pk, "kind": p.kind, "label": p.data.get("name") or p.data.get("title"), "match": p.match}
                for p in article.proposals.all()
            ],
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
