"""Writing a solidarity message to a person, and the thank-you page.

A person who does not (or no longer) accept messages through the site gets a page that says so, with HTTP 200
and no form, rather than a 404: the person is public and their page exists, links to the form have been shared
before the organisers closed it, and a supporter who follows one deserves to learn why they cannot write here
and where to send a paper letter instead. Hidden people and unknown addresses are 404s, like every public page.

Nothing the sender typed about themselves is shown to anyone but the sender, and only on the form they are
filling in (which is never cached).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from solidarity.lib import ratelimit
from solidarity.registry import selectors, services
from solidarity.registry.letter_forms import LetterForm
from solidarity.registry.models import Letter, Person

# How long a sent copy of the form is remembered, so pressing "Send" twice sends one message.
SENT_MEMORY_SECONDS = 3600


def _public_person(slug: str) -> Person:
    person = selectors.public_person(slug)
    if person is None:
        raise Http404
    return person


def _context(person: Person, **extra: object) -> dict[str, object]:
    return {"person": person, **extra}


def _within_rate_limit(request: HttpRequest) -> bool:
    """Messages share the report form's limits unless the operator sets ``LETTER_RATE_*`` of their own."""
    limits = settings.SOLIDARITY
    limit = limits.get("LETTER_RATE_LIMIT", limits["REPORT_RATE_LIMIT"])
    window = limits.get("LETTER_RATE_WINDOW", limits["REPORT_RATE_WINDOW"])
    return ratelimit.hit(request, "letter", limit=limit, window=window)


def _sent_key(form: LetterForm) -> str:
    return f"letter-sent:{form.nonce}"


def submit(request: HttpRequest, form: LetterForm) -> Letter | None:
    """Check one POST of the form and keep the message; ``None`` with the reasons added to the form."""
    if not form.is_valid():
        return None
    if not _within_rate_limit(request):
        form.rate_limited = True
        form.add_error(
            None,
            _(
                "Too many messages came from your connection in a short time. Please wait a few minutes "
                "and send again; nothing you typed is lost."
            ),
        )
        return None
    data = form.cleaned_data
    try:
        letter = services.letter_submit(
            person=form.person,
            text=data["text"],
            sender_name=data["sender_name"],
            sender_country=data["sender_country"],
            sender_contact=data["sender_contact"],
            language=data["language"],
        )
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
    cache.set(_sent_key(form), letter.pk, timeout=SENT_MEMORY_SECONDS)
    return letter


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def write(request: HttpRequest, slug: str) -> HttpResponse:
    person = _public_person(slug)
    if person.slug != slug and request.method != "POST":
        return redirect("letters:write", slug=person.slug, permanent=True)  # the address of a merged record
    if not person.accepts_messages:
        # what a supporter typed before messages closed is handed back, so it can go on paper
        return render(request, "registry/write.html", _context(person, closed=True, typed=request.POST.get("text")))
    language = request.LANGUAGE_CODE
    if request.method != "POST":
        form = LetterForm(person=person, language=language)
        return render(request, "registry/write.html", _context(person, form=form))
    form = LetterForm(request.POST, person=person, language=language)
    if form.is_spam:
        return redirect("letters:thanks", slug=person.slug)  # look like success; keep nothing
    if form.is_valid() and cache.get(_sent_key(form)):
        return redirect("letters:thanks", slug=person.slug)  # the same copy of the form, sent twice
    if submit(request, form):
        return redirect("letters:thanks", slug=person.slug)
    status = 429 if form.rate_limited else 400
    return render(request, "registry/write.html", _context(person, form=form), status=status)


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    person = _public_person(slug)
    return render(request, "registry/write_thanks.html", _context(person))
