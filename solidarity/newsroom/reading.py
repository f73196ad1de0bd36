"""Turning what an organiser hands us (plain text, Markdown-ish copy, or a saved HTML page) into article text.

HTML goes through trafilatura, which keeps the article body and drops menus, share buttons and footers; its
metadata reader also finds the publication date and title in ``<meta>`` tags, which a plain copy loses. Plain
text is kept as it is apart from link markup (``[words](#)`` → ``words``), so that every piece of evidence we
quote is a sentence a reader finds again in the text we stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

_HTML_SIGNS = re.compile(r"<\s*(?:!doctype|html|head|body|article|div|p|meta)\b", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1", re.DOTALL)
_ESCAPE = re.compile(r"\\([\[\]()*_#\\])")
_NOISE_LINE = re.compile(r"^\s*(?:#+\s*)?$")


class ArticleError(ValueError):
    """Input that is not an article we can read; the message is meant for the person who gave it."""


@dataclass
class Article:
    text: str
    title: str = ""
    published: str | None = None  # ISO date from the page's metadata, when it had one
    url: str = ""


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (with or without BOM), else a clear refusal. Binary files are refused rather than
    guessed at, since extracting "names" from a JPEG would only produce noise."""
    if not data.strip():
        raise ArticleError(_("The article is empty."))
    if b"\x00" in data[:4096]:
        raise ArticleError(_("This is a binary file, not an article."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251") if _looks_cp1251(data) else ""
        except UnicodeDecodeError:
            text = ""
        if not text:
            raise ArticleError(_("The article is not UTF-8 text.")) from None
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 8:
        raise ArticleError(_("This is a binary file, not an article."))
    return text


def _looks_cp1251(data: bytes) -> bool:
    """Old Russian sites still serve Windows-1251; their bytes are mostly in the Cyrillic range 0xC0–0xFF."""
    high = sum(1 for b in data[:4096] if b >= 0x80)
    cyr = sum(1 for b in data[:4096] if b >= 0xC0)
    return high > 20 and cyr / high > 0.6


def is_html(text: str) -> bool:
    return bool(_HTML_SIGNS.search(text[:2000]))


def read_html(html: str, url: str = "") -> Article:
    """The article body of a web page, with its title and date when the page states them."""
    import trafilatura

    body = trafilatura.extract(
        html, url=url or None, include_comments=False, include_tables=False, favor_precision=True, deduplicate=True
    )
    if not body or not body.strip():
        raise ArticleError(_("No article text was found in this page."))
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    title = (meta.title or "") if meta else ""
    published = (meta.date or None) if meta else None
    text = f"{title}\n\n{body}" if title and title not in body[: len(title) + 20] else body
    return Article(text=clean_text(text), title=title, published=published, url=url)


def clean_text(text: str) -> str:
    """Plain text with link and emphasis markup removed and line endings unified; words are never changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    lines = [line.rstrip() for line in text.split("\n")]
    lines = ["" if _NOISE_LINE.match(line) else re.sub(r"^#+\s+", "", line) for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_bytes(data: bytes, url: str = "") -> Article:
    """An article from a file's bytes, whichever of text or HTML it is."""
    text = decode(data)
    if is_html(text):
        return read_html(text, url=url)
    cleaned = clean_text(text)
    if not cleaned:
        raise ArticleError(_("The article is empty."))
    return Article(text=cleaned, url=url)
