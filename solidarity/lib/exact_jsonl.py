"""JSON Lines for backups, with times to the microsecond.

Django's JSON serializers write times to the millisecond (``DjangoJSONEncoder`` follows ECMA-262 for
JavaScript). A backup must give back exactly what it took, so this format keeps the microseconds and is
otherwise Django's ``jsonl``: the same records, readable by ``loaddata`` under the ``.jsonl`` extension.
Registered in ``settings.SERIALIZATION_MODULES`` as ``exact-jsonl``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = jsonl.Deserializer
