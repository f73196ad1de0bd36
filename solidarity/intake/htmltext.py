"""HTML mail bodies as plain text.

Many phones and webmail clients send only HTML. We need its words, in reading order, with paragraph breaks kept
(they separate the report from the signature) and quoted earlier messages left out. The standard library's
tolerant parser is enough: mail HTML is rarely valid, and nothing here needs a DOM.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr", "pre",
    "section", "article", "header", "footer", "address", "dd", "dt",
}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "template", "noscript"}
# Gmail, Thunderbird, Apple Mail and Outlook mark quoted earlier messages like this.
_QUOTE_CLASSES = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted", "divrplyfwdmsg")
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: does it hide its content?
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag in _VOID:
            return
        classes = next((v or "" for k, v in attrs if k == "class"), "")
        hides = tag in _SKIP or tag == "blockquote" or any(c in classes for c in _QUOTE_CLASSES)
        self.stack.append(hides)
        self.hidden += hides

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.stack:
            self.hidden -= self.stack.pop()
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)+")


def html_to_text(html: str) -> str:
    """The visible text of ``html``: blocks on their own lines, quoted messages, scripts and styles dropped."""
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):  # very broken markup: keep what was read so far
        pass
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
