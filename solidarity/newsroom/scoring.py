"""Scoring extraction against hand annotations (the seed gold file, and our own articles' expected output).

Kept in the app rather than in ``bench/`` because the end-to-end tests assert the same figures the bench
prints. Comparisons tolerate what a reader would: a name in another transliteration or case ("Oleynik",
"Олейника"), a charge with or without its quotes or case ending ("оправдании терроризма" for "оправдание
терроризма"), a term with its number in words or digits ("nine years" for "9 years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from solidarity.registry.names import same_name, skeleton, stems

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = {"a", "an", "the", "of", "to", "in", "for", "on", "and", "в", "о", "на", "к", "с", "и", "по", "за"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "fifteen": 15, "twenty": 20}  # fmt: skip
_UNITS = [("year", r"year|год|лет"), ("month", r"month|месяц"), ("week", r"week|недел"), ("day", r"day|сут|дн"),
          ("money", r"roubl|rubl|рубл|euro|dollar|hryvn|₽|\$|€")]  # fmt: skip


def name_match(a: str, b: str) -> bool:
    """Same person: equal name skeletons, or the same surname (case endings allowed) and first names that
    begin alike (Alexei / Aleksei / Alexey, Daria / Darya)."""
    if same_name(a, b):
        return True
    left, right = skeleton(a).split(), skeleton(b).split()
    if len(left) < 2 or len(right) < 2:
        return False
    surname = bool(set(stems(left[-1])) & set(stems(right[-1])))
    return surname and left[0][:3] == right[0][:3]


def _words(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold()) if w not in _STOP}


def loose_match(gold: str | None, found: str | None) -> bool:
    """Both absent, or the words of one (cut to five letters, a rough stem) all among the other's."""
    if not gold or not found:
        return not gold and not found
    a, b = _words(gold), _words(found)
    return bool(a and b) and (a <= b or b <= a)


def case_match(gold: str | None, found: str | None) -> bool:
    strip = re.compile(r"\b(?:case|дело|дела|делу|the|so-called)\b", re.IGNORECASE)
    if not gold or not found:
        return not gold and not found
    return loose_match(strip.sub(" ", gold), strip.sub(" ", found))


def term_key(text: str | None) -> tuple[tuple[int, ...], str] | None:
    if not text:
        return None
    lowered = text.casefold()
    numbers = [int(n.replace(",", "").replace(" ", "")) for n in re.findall(r"\d[\d, ]*\d|\d", lowered)]
    numbers += [value for word, value in _NUMBER_WORDS.items() if re.search(rf"\b{word}\b", lowered)]
    unit = next((name for name, pattern in _UNITS if re.search(pattern, lowered)), "")
    return tuple(numbers), unit


def term_match(gold: str | None, found: str | None) -> bool:
    return term_key(gold) == term_key(found)


def org_match(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    a, b = skeleton(gold), skeleton(found)
    return bool(a and b) and (a in b or b in a)


@dataclass
class Tally:
    """Counts behind the figures; ``figures()`` turns them into rates."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # name → [correct, total]
    misses: list[str] = field(default_factory=list)

    def count(self, name: str, ok: bool) -> None:
        pair = self.fields.setdefault(name, [0, 0])
        pair[0] += int(ok)
        pair[1] += 1

    def figures(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, Any] = {"people_precision": precision, "people_recall": recall, "people_f1": f1,
                               "people_tp": self.tp, "people_fp": self.fp, "people_fn": self.fn}  # fmt: skip
        for name, (ok, total) in sorted(self.fields.items()):
            out[name] = ok / total if total else 1.0
            out[f"{name}_n"] = total
        return out


def _set_f1(gold: list[str], found: list[str], match: Any) -> float:
    if not gold and not found:
        return 1.0
    hit_gold = sum(1 for g in gold if any(match(g, f) for f in found))
    hit_found = sum(1 for f in found if any(match(g, f) for g in gold))
    precision = hit_found / len(found) if found else 0.0
    recall = hit_gold / len(gold) if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _report_match(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    a = re.sub(r"[^a-z0-9]", "", gold.split("(")[0].casefold())
    b = re.sub(r"[^a-z0-9]", "", found.casefold())
    return bool(a and b) and (a in b or b in a)


def score_document(gold: dict[str, Any], found: dict[str, Any], tally: Tally, label: str = "") -> None:
    """Add one article's comparison to ``tally``."""
    remaining = list(found.get("people", []))
    for person in gold.get("people", []):
        match = next((p for p in remaining if name_match(person["name"], p["name"])), None)
        if match is None:
            tally.fn += 1
            tally.misses.append(f"{label}: missed {person['name']}")
            continue
        remaining.remove(match)
        tally.tp += 1
        statuses = [person["status"], *person.get("acceptable_status", [])]
        tally.count("status", match["status"] in statuses)
        tally.count("case", case_match(person.get("case"), match.get("case")))
        tally.count("charge", loose_match(person.get("charge"), match.get("charge")))
        tally.count("sentence", term_match(person.get("sentence"), match.get("sentence")))
        tally.count("organisation", org_match(person.get("organisation"), match.get("organisation")))
        tally.count("since", (person.get("since") or None) == (match.get("since") or None))
        checks = {
            "status": match["status"] in statuses,
            "charge": loose_match(person.get("charge"), match.get("charge")),
            "case": case_match(person.get("case"), match.get("case")),
            "sentence": term_match(person.get("sentence"), match.get("sentence")),
            "organisation": org_match(person.get("organisation"), match.get("organisation")),
            "since": (person.get("since") or None) == (match.get("since") or None),
        }
        for key, ok in checks.items():
            if not ok:
                expected, got = person.get(key), match.get(key)
                tally.misses.append(f"{label}: {person['name']} {key}: expected {expected!r}, got {got!r}")
    for extra in remaining:
        tally.fp += 1
        tally.misses.append(f"{label}: unexpected {extra['name']} ({extra['status']})")
    gold_orgs = gold.get("organisations", [])
    found_orgs = [o["name"] for o in found.get("organisations", [])]
    tally.count("organisations_f1_sum", True)
    tally.fields.setdefault("_orgs", [0, 0])
    tally.fields["_orgs"][0] += round(100 * _set_f1(gold_orgs, found_orgs, org_match))
    tally.fields["_orgs"][1] += 100
    gold_cases = gold.get("cases", [])
    found_cases = [c["name"] for c in found.get("cases", [])]
    tally.fields.setdefault("_cases", [0, 0])
    tally.fields["_cases"][0] += round(100 * _set_f1(gold_cases, found_cases, case_match))
    tally.fields["_cases"][1] += 100
    _score_call(gold.get("call"), found.get("call"), tally, label)


def _score_call(gold: dict[str, Any] | None, found: dict[str, Any] | None, tally: Tally, label: str) -> None:
    tally.count("call_detected", (gold is None) == (found is None))
    if gold is None or found is None:
        return
    for key in ("start", "end"):
        ok = gold[key] == found.get(key)
        tally.count("call_dates", ok)
        if not ok:
            tally.misses.append(f"{label}: call {key}: expected {gold[key]}, got {found.get(key)}")
    tally.count("call_title", loose_match(gold["title"], found.get("title")) or _overlap(gold["title"], found["title"]))
    tally.count("call_organiser", org_match(gold.get("organiser"), found.get("organiser")))
    tally.count("call_report_to", _report_match(gold.get("report_to"), found.get("report_to")))
    tally.count("call_languages", sorted(gold.get("languages", [])) == sorted(found.get("languages", [])))
    for key in ("slogans", "demands", "suggested_actions"):
        f1 = _set_f1(gold.get(key, []), found.get(key, []), lambda a, b: loose_match(a, b) or _overlap(a, b))
        tally.fields.setdefault(f"call_{key}", [0, 0])
        tally.fields[f"call_{key}"][0] += round(100 * f1)
        tally.fields[f"call_{key}"][1] += 100


def _overlap(a: str, b: str) -> bool:
    left, right = _words(a), _words(b)
    return bool(left and right) and len(left & right) / len(left | right) >= 0.5


def score(gold_documents: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], Tally]:
    """Figures over every document of ``gold_documents``; ``found`` maps the same names to extractor output."""
    tally = Tally()
    for name, gold in gold_documents.items():
        score_document(gold, found[name], tally, label=name)
    figures = tally.figures()
    for key in ("_orgs", "_cases", "call_slogans", "call_demands", "call_suggested_actions"):
        if key in tally.fields:
            ok, total = tally.fields[key]
            name = key.strip("_") + ("_f1" if key.startswith("_") else "")
            figures.pop(key, None)
            figures.pop(f"{key}_n", None)
            figures[name] = ok / total if total else 1.0
    figures.pop("organisations_f1_sum", None)
    figures.pop("organisations_f1_sum_n", None)
    return figures, tally
