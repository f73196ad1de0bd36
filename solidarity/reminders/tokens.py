"""The links in our e-mails: a confirmation link that expires, and an unsubscribe link that works for as long as
the subscription lives.

Both carry the row's random key, signed with the secret key (a different salt each, so one cannot stand in for
the other), and nothing else that names the supporter: not the address, not the row's number. A confirmation
also carries what the supporter asked for in that request, so that asking again from an address already
confirmed adds reminders only once the owner of the address agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

CONFIRM_SALT = "solidarity.reminders.confirm"
UNSUBSCRIBE_SALT = "solidarity.reminders.unsubscribe"


class TokenExpired(Exception):
    """A genuine confirmation link, too old to use."""


class TokenInvalid(Exception):
    """A link we did not make (or one damaged on the way)."""


@dataclass(frozen=True)
class Confirmation:
    key: str
    kinds: list[str]
    language: str


def confirm_token(key: str, kinds: list[str], language: str) -> str:
    return signing.dumps({"k": key, "w": sorted(kinds), "l": language}, salt=CONFIRM_SALT)


def read_confirm_token(token: str, *, max_age_days: int) -> Confirmation:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age_days * 86400)
        return Confirmation(key=str(data["k"]), kinds=[str(k) for k in data["w"]], language=str(data["l"]))
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid from exc


def unsubscribe_token(key: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(key)


def read_unsubscribe_token(token: str) -> str:
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
