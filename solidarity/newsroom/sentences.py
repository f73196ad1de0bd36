"""Splitting an article into sentences, each with its place in the text.

Sentences are the unit of evidence: every proposal quotes the sentence that supports it, and the review page
highlights it by its offsets. razdel (Natasha's rule-based splitter) knows abbreviations, initials and
quotes in Russian and handles English well enough; we add two things it cannot know about copied articles:
a line break ends a sentence (headings, bylines, slogans have no full stop), except where a copy broke a
sentence in the middle (the next line starts in lower case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize

_SPACE = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"»”)\]]\s*$")
_STARTS_LOWER = re.compile(r"^\s*[a-zа-яё(]")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # the words of the text between start and end, runs of white space made one space
    paragraph: int

    def __str__(self) -> str:
        return self.text


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of runs of lines that belong together: one line, or lines a copy broke mid-sentence."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            continue
        if spans and _STARTS_LOWER.match(line) and not _ENDS_SENTENCE.search(text[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# abbreviations after which razdel may cut, though an English sentence seldom ends there ("St. Petersburg")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:St|Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Jr|Sr|No|vs|Mt|Ft|Rev|Gov|Sen|Rep|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|ул|им|св|г|гг|ст|ч|п)\.$"
)


def _pieces(block: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for piece in sentenize(block):
        if spans and _ABBREVIATION.search(block[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], piece.stop)
        else:
            spans.append((piece.start, piece.stop))
    return spans


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; ``text[s.start:s.end]`` is each one as written."""
    found: list[Sentence] = []
    for paragraph, (block_start, block_end) in enumerate(_blocks(text)):
        block = text[block_start:block_end]
        for start, stop in _pieces(block):
            words = _SPACE.sub(" ", block[start:stop]).strip()
            if not words:
                continue
            found.append(
                Sentence(
                    index=len(found),
                    start=block_start + start,
                    end=block_start + stop,
                    text=words,
                    paragraph=paragraph,
                )
            )
    return found
