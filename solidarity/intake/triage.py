"""Telling reports from everything else a campaign address receives.

Bounces and auto-replies announce themselves in their headers (RFC 3464 delivery reports, RFC 3834
``Auto-Submitted``, ``Precedence``) and, when a server forgets to, in their subject lines. Spam is what a spam
filter flagged or what reads like an advertisement. A question asks something and reports nothing: no day, no
head count, no photo, no action word. Whatever is left is a report, for a moderator to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery status notification|mail delivery (?:failed|failure|subsystem)|returned mail|"
    r"failure notice|delivery has failed|недоставлен|не доставлен|unzustellbar|nicht zustellbar|non remis|"
    r"échec de (?:la )?remise|no se puede entregar|mancato recapito|não entregue|niedostarczon|nedoručiteln|"
    r"onbestelbaar|iletilemedi|לא נמסר",
    re.IGNORECASE,
)
_AUTO_SUBJECT = re.compile(
    r"out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)|^auto:|abwesenheit|"
    r"automatische antwort|réponse automatique|absence du bureau|respuesta automática|fuera de la oficina|"
    r"risposta automatica|fuori sede|resposta automática|ausência|автоответ|автоматический ответ|"
    r"автовідповідь|odpowiedź automatyczna|poza biurem|automatická odpověď|mimo kancelář|automaattinen vastaus|"
    r"poissa toimistolta|frånvaro|automatiskt svar|afwezig|automatisch antwoord|otomatik yanıt|ofis dışında|"
    r"מענה אוטומטי|תשובה אוטומטית",
    re.IGNORECASE,
)
_SPAM_WORDS = re.compile(
    r"viagra|cialis|casino|lottery|jackpot|bitcoin|crypto(?:currency)?|forex|investment opportunit|"
    r"click here|unsubscribe|you (?:have )?won|winner|claim your|prize|cheap loans?|\bloan offer|seo services|"
    r"backlinks|rank your (?:site|website)|dating|hot singles|weight loss|earn \$|make money|100% free|"
    r"limited time offer|act now|wire transfer|inheritance|beneficiary|nigerian prince|дешев|казино|заработ|"
    r"кредит без|гарантированн",
    re.IGNORECASE,
)
_LINK = re.compile(r"https?://", re.IGNORECASE)
_ASKING = re.compile(
    r"^\s*(?:how|where|when|what|can|could|may|is|are|do|does|will|would|who|why|как|где|когда|что|можно|"
    r"можете|скажите|підкажіть|як|де|коли|чи|wie|wo|wann|was|kann|können|gibt es|comment|où|quand|est-ce|"
    r"pouvez|cómo|dónde|cuándo|qué|puedo|pueden|come|dove|quando|posso|potete|onde|posso|jak|gdzie|kiedy|czy|"
    r"kde|kdy|můžu|může|miten|missä|milloin|voiko|hur|var|när|kan|hoe|waar|wanneer|kunnen|nasıl|nerede|ne zaman|"
    r"איך|איפה|מתי|האם)\b",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Verdict:
    verdict: str  # report | not_report
    reason: str  # "" | question | spam | auto_reply | bounce | empty | other
    confidence: float


def headers_say(signals: dict[str, str], subject: str) -> Verdict | None:
    """Bounce or auto-reply, judged from the headers and subject alone (before reading the body)."""
    sender = signals.get("from", "") + " " + signals.get("return-path", "")
    if (
        signals.get("report-type") == "delivery-status"
        or "x-failed-recipients" in signals
        or re.search(r"mailer-daemon|postmaster@", sender)
        or _BOUNCE_SUBJECT.search(subject)
    ):
        return Verdict("not_report", "bounce", 0.95)
    auto = signals.get("auto-submitted", "no")
    if (
        (auto and not auto.startswith("no"))
        or "x-autoreply" in signals
        or "x-autorespond" in signals
        or signals.get("precedence") in ("auto_reply", "junk")
        or _AUTO_SUBJECT.search(subject)
    ):
        return Verdict("not_report", "auto_reply", 0.9)
    if signals.get("x-spam-flag", "").startswith("yes") or signals.get("x-spam-status", "").startswith("yes"):
        return Verdict("not_report", "spam", 0.9)
    return None


def judge(*, signals: dict[str, str], subject: str, text: str, evidence: int, photos: int) -> Verdict:
    """The verdict for one message; ``evidence`` counts the report facts structuring found (0 to 5)."""
    by_headers = headers_say(signals, subject)
    if by_headers:
        return by_headers
    words = f"{subject}\n{text}"
    if not text.strip() and not photos:
        return Verdict("not_report", "empty", 0.9)
    spam_hits = len(_SPAM_WORDS.findall(words)) + max(0, len(_LINK.findall(words)) - 2)
    if spam_hits >= 2 and evidence < 3:
        return Verdict("not_report", "spam", min(0.95, 0.5 + 0.1 * spam_hits))
    asking = words.count("?") + len(_ASKING.findall(text))
    if asking and evidence < 2 and not photos:
        return Verdict("not_report", "question", 0.8 if "?" in words else 0.6)
    if evidence == 0 and not photos:
        return Verdict("not_report", "other", 0.5)
    return Verdict("report", "", min(0.95, 0.5 + 0.12 * evidence + 0.1 * bool(photos)))
