"""One structured guess: a value, how sure we are, and the words it came from.

The span indexes the *document* that structuring reads (the subject, a blank line, then the report text), so
the moderation screen can highlight exactly those words; ``None`` when the value was inferred (a date taken
from the message's own Date header, a default action type).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Guess:
    value: Any
    confidence: float
    span: tuple[int, int] | None = None

    def as_json(self, document: str) -> dict[str, Any]:
        value = self.value.isoformat() if hasattr(self.value, "isoformat") else self.value
        data: dict[str, Any] = {"value": value, "confidence": round(self.confidence, 2)}
        if self.span:
            data["span"] = list(self.span)
            data["text"] = document[self.span[0] : self.span[1]]
        return data
