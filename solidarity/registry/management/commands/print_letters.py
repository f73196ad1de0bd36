"""``solidarity print_letters PERSON_SLUG -o FILE.pdf [--mark-delivered]``: the admin's printout, from a shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q

from solidarity.registry import letters_pdf, services
from solidarity.registry.models import Letter, Person


class Command(BaseCommand):
    help = (
        "Write every approved solidarity message to one person that is not yet marked delivered as an A4 PDF: "
        "a cover page with the person's name and postal address, then one message per page, signed with the "
        "sender's name (or 'A supporter') and country; senders' contacts are never printed. The printing is "
        "recorded in the audit trail. The messages stay approved unless --mark-delivered is given, so print "
        "first, check the file, and mark them delivered once they have gone out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        languages = [code for code, _name in settings.LANGUAGES]
        parser.add_argument("slug", help="the person's slug (or a former one, after a merge), e.g. nikita-oleinik")
        parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
        parser.add_argument(
            "--mark-delivered",
            action="store_true",
            help="after writing the file, mark the printed messages delivered (audited, as the system)",
        )
        parser.add_argument(
            "--lang", choices=languages, help=f"language of labels and dates (default {settings.LANGUAGE_CODE})"
        )
        parser.add_argument("--no-cover", action="store_true", help="leave out the cover page")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        person = Person.objects.filter(Q(slug=slug) | Q(former_slugs__contains=f" {slug} ")).first()
        if person is None:
            raise CommandError(f"no person with slug {slug!r}")
        if not letters_pdf.letters_to_print(person).exists():
            raise CommandError(f"no approved messages to {person.name} are waiting to be printed")
        content, printed = letters_pdf.printout(
            person, actor=None, language=options["lang"] or settings.LANGUAGE_CODE, cover=not options["no_cover"]
        )
        output: Path = options["output"]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
        self.stdout.write(f"wrote {output}: {len(printed)} message(s) to {person.name}")
        if options["mark_delivered"]:
            with transaction.atomic():
                for letter in printed:
                    services.letter_review(letter=letter, status=Letter.Status.DELIVERED, actor=None)
            self.stdout.write(f"marked {len(printed)} message(s) delivered")
