"""Form fields shared by the admin forms of several apps."""

from __future__ import annotations

from typing import Any

from django import forms


class LinesField(forms.CharField):
    """A list of short texts edited as one per line (organisers should never have to type JSON)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return "\n".join(value)
        return value or ""

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]
