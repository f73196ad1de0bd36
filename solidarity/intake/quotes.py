"""Separating what the supporter wrote from what their mail client added.

A reply carries the earlier message under "On … wrote:" or "-----Original Message-----"; a phone adds "Sent from
my iPhone"; many people sign with "-- ". None of that is the report, and quoted text would mislead structuring
(our own call, quoted back, names its dates and cities). A *forwarded* message is different: what follows the
forward line is usually the report itself, so it is kept and only the header block is dropped.
"""

from __future__ import annotations

import re

# "On Mon, 4 Mar 2024, Ann <a@b> wrote:", "Am … schrieb Ann <a@b>:" in the languages we read; may wrap.
_ATTRIBUTION = re.compile(
    r"^.{0,250}(?<![^\W\d_])(?:wrote|schrieb|a écrit|escribió|ha scritto|escreveu|napisał\w*|napsal\w*|"
    r"kirjoitti|skrev|schreef|yazdı|пишет|написал\w*|написав\w*|пише|כתב\w*)(?![^\W\d_]).{0,250}:\s*$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|"
    r"messaggio originale|mensagem original|исходное сообщение|oryginalna wiadomość|původní zpráva|"
    r"alkuperäinen viesti|ursprungligt meddelande|oorspronkelijk bericht|orijinal ileti)\s*-{2,}|"
    r"_{10,})\s*$",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^\s*(?:-{2,}\s*)?(?:forwarded message|begin forwarded message|weitergeleitete nachricht|"
    r"message transféré|mensaje reenviado|messaggio inoltrato|mensagem encaminhada|"
    r"пересылаемое сообщение|начало пересылаемого сообщения|пересланное сообщение|переслане повідомлення|"
    r"przekazana wiadomość|přeposlaná zpráva|välitetty viesti|vidarebefordrat meddelande|"
    r"doorgestuurd bericht|iletilen ileti|הודעה שהועברה)\s*:?\s*(?:-{2,})?\s*$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"^\s*(?:from|to|cc|date|sent|subject|von|an|datum|betreff|gesendet|de|à|objet|envoyé|para|asunto|enviado|"
    r"fecha|da|a|oggetto|data|assunto|от|кому|дата|тема|od|do|temat|předmět|lähettäjä|vastaanottaja|aihe|"
    r"päivämäärä|från|till|ämne|datum|van|aan|onderwerp|kimden|kime|konu|tarih|מאת|אל|נושא|תאריך)\s*:",
    re.IGNORECASE,
)
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my|sent from \w+ for|get outlook for|gesendet von meinem|von meinem \w+ gesendet|"
    r"envoyé de mon|enviado desde mi|enviado do meu|inviato da|wysłane z|odesláno z|lähetetty|skickat från|"
    r"verzonden (?:met|vanaf)|iphone'umdan gönderildi|отправлено (?:с|из)|надіслано з|נשלח מ)",
    re.IGNORECASE,
)
_SUBJECT_FORWARD = re.compile(r"^\s*(?:fwd?|wg|tr|rv|enc|vs|vb|doorst|пересл|i)\s*:", re.IGNORECASE)


def is_forward_subject(subject: str) -> bool:
    return bool(_SUBJECT_FORWARD.match(subject or ""))


def report_text(body: str) -> tuple[str, bool]:
    """The supporter's own words in ``body`` and whether a forwarded message was unwrapped."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    forwarded = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FORWARD.match(line):
            forwarded = True
            i = _skip_headers(lines, i + 1)
            continue
        if _ORIGINAL.match(line) or _is_attribution(lines, i):
            break
        if line.rstrip() in ("-- ", "--", "—") or _SENT_FROM.match(line):
            # a signature ends the report, unless a forwarded message follows it
            nxt = next((j for j in range(i + 1, len(lines)) if _FORWARD.match(lines[j])), None)
            if nxt is None:
                break
            i = nxt
            continue
        if line.lstrip().startswith(">"):
            i += 1
            continue
        kept.append(line)
        i += 1
    text = "\n".join(kept).strip()
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text), forwarded


def _is_attribution(lines: list[str], i: int) -> bool:
    """An attribution line, possibly wrapped onto the next line, before quoted text or the end."""
    line = lines[i]
    if len(line) > 300:
        return False
    if _ATTRIBUTION.match(line):
        return True
    if i + 1 < len(lines) and len(line) < 200 and lines[i + 1].strip():
        return bool(_ATTRIBUTION.match(line + " " + lines[i + 1])) and _quoted_after(lines, i + 2)
    return False


def _quoted_after(lines: list[str], start: int) -> bool:
    following = [line for line in lines[start : start + 3] if line.strip()]
    return not following or following[0].lstrip().startswith(">")


def _skip_headers(lines: list[str], i: int) -> int:
    """Past the From:/Date:/Subject: block of a forwarded message."""
    while i < len(lines) and (not lines[i].strip() or _HEADER_LINE.match(lines[i])):
        i += 1
    return i
