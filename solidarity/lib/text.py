"""Turning organiser-written Markdown into safe HTML."""

from __future__ import annotations

import markdown
import nh3

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "code",
    "pre",
    "hr",
}


def render_markdown(source: str) -> str:
    """Markdown to HTML with only harmless tags kept.

    Organiser accounts can be phished, so even their text is sanitised: no scripts, no images or iframes that
    would load from another origin, and links get ``rel="noopener noreferrer"``.
    """
    html = markdown.markdown(source or "", extensions=["sane_lists"])
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
