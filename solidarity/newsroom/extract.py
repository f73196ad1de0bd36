"""From article text to the proposals of DESIGN §5: people with status, case, charge, sentence, organisation and
date, each with the sentence that supports it; organisations; cases; events; and the call, if it is one.

The pipeline is sentence by sentence: find the people (``people.py``), the status cues (``statuses.py``),
charges and terms (``charges.py``), organisations and cases (``organisations.py``) and dates (``dates.py``),
then give each cue
to the people it is about. A *verbal* cue ("were arrested") belongs to the last group of people named before
it ("A, B and C were arrested"); a *nominal* one ("the arrest of A") to the first group after it. A charge, a
term or a case goes to the people of the nearest cue before it in the sentence. Only people some cue is about
are proposed: an article names many people (interviewers, officials) to whom nothing was done.

Nothing here touches the database; the same function serves ``solidarity extract`` and the review queue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from solidarity.newsroom import (
    calls,
    charges,
    dates,
    events,
    language,
    organisations,
    people,
    reading,
    russian,
    sentences,
)
from solidarity.newsroom import statuses as st
from solidarity.newsroom.dates import Now
from solidarity.registry.names import skeleton

# what may stand between two names of one enumeration: commas, dashes, "and", and a few lower-case words
# describing the next person ("Petrova and the poet and teacher Sidorova")
_GROUP_GLUE = re.compile(
    r"^(?=[^\w]*[,–—]|.*\b(?:and|и|as well as|а также)\b)(?!.*\b(?:who|which|that|said|told|met|by|than|котор\w+)\b)"
    r"[\s,–—-]*(?:(?:and|и|as well as|а также|[a-zа-яё0-9-]+)[\s,–—-]+){0,7}$",
    re.IGNORECASE,
)


@dataclass
class Story:
    """What the article says about one person, gathered over its sentences."""

    person: int
    first: int
    statuses: list[tuple[str, int, st.Cue]] = field(default_factory=list)
    charges: list[tuple[int, int, str]] = field(default_factory=list)  # (rank, sentence, wording)
    terms: list[str] = field(default_factory=list)
    case: str | None = None
    organisation: str | None = None


def _groups(refs: list[people.Ref], sentence: str) -> list[list[people.Ref]]:
    """References joined only by commas, dashes and "and" form a group: the people of one enumeration."""
    groups: list[list[people.Ref]] = []
    for ref in refs:
        if groups and (ref.start <= groups[-1][-1].end or _GROUP_GLUE.match(sentence[groups[-1][-1].end : ref.start])):
            groups[-1].append(ref)
        else:
            groups.append([ref])
    return groups


# a speaker between a name and a cue: "X said that …", "X сообщил, что …": the cue is about someone else
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|reported|claimed|wrote|according to|believes?)\b|(?<![а-яё])(?:сообщил\w*|"
    r"заявил\w*|рассказал\w*|сказал\w*|отметил\w*|считает|написал\w*|по словам)",
    re.IGNORECASE,
)


# a new clause with its own subject between a name and a cue: "…Tokayev; the other two were released"
_NEW_SUBJECT = re.compile(r";|\b(?:the others?|others|the rest|another|остальн\w+|другие)\b", re.IGNORECASE)


def _targets(cue: st.Cue, groups: list[list[people.Ref]], sentence: str) -> list[int]:
    before = [g for g in groups if g[-1].end <= cue.start]
    after = [g for g in groups if g[0].start >= cue.end]
    if cue.nominal and after and after[0][0].start - cue.end < 80:
        chosen = after[0]
    elif before:
        chosen = before[-1]
        if _REPORTING.search(sentence[chosen[-1].end : cue.start]) or _NEW_SUBJECT.search(
            sentence[chosen[-1].end : cue.start]
        ):
            return []
    elif after:
        chosen = after[0]
    else:
        return []
    return list(dict.fromkeys(r.person for r in chosen))


def _nearest_cue(position: int, sentence_cues: list[tuple[st.Cue, list[int]]], later: bool = True) -> list[int]:
    """The people of the last cue before ``position``; failing that, of the first cue after it (a charge
    may come first: "For a post about the war, X was fined"), unless ``later`` is off (a term never does)."""
    earlier = [targets for cue, targets in sentence_cues if cue.start <= position and targets]
    if earlier:
        return earlier[-1]
    after = [targets for cue, targets in sentence_cues if targets]
    return after[0] if after and later else []


def _now(text: str, split: list[sentences.Sentence], lang: str, published: str | None) -> Now | None:
    if published:
        match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            return Now(year or 0, month, day)
    head: list[str] = []
    for sentence in split[:12]:  # the lines above the body: title, byline, date line (breadcrumbs skipped)
        if " > " in sentence.text:
            continue
        if len(sentence.text) >= 250:
            break
        head.append(sentence.text)
    return dates.publication(head, lang)


def extract_text(text: str, *, published: str | None = None) -> dict[str, Any]:
    """The proposals for one article's text (already plain: see ``reading.py``)."""
    lang = language.require_supported(text)
    split = sentences.split(text)
    texts = [s.text for s in split]
    now = _now(text, split, lang, published)
    found_dates = dates.in_sentences(texts, lang)
    if now is None:
        now = dates.latest_mentioned([m for ms in found_dates for m in ms])
    cues = [st.cues(sentence, lang) for sentence in texts]
    spans = russian.entities(texts, russian.worth_tagging([bool(c) for c in cues], texts)) if lang == "ru" else None
    cast = people.cast(texts, lang, spans)
    orgs_by_sentence = [
        organisations.russian(t, spans[i]) if spans is not None else organisations.english(t)
        for i, t in enumerate(texts)
    ]
    known_orgs = _known_orgs(orgs_by_sentence)
    patterns = _known_patterns(known_orgs)
    orgs_by_sentence = [_with_known(t, found, patterns) for t, found in zip(texts, orgs_by_sentence, strict=True)]
    stories: dict[int, Story] = {}
    all_cases: list[str] = []
    for index, sentence in enumerate(texts):
        refs = cast.refs[index]
        groups = _groups(refs, sentence)
        sentence_cues = [(cue, _targets(cue, groups, sentence)) for cue in cues[index]]
        for cue, targets in sentence_cues:
            for person in targets:
                story = stories.setdefault(person, Story(person, index))
                story.first = min(story.first, index)
                story.statuses.append((cue.status, index, cue))
        for charge in charges.charges(sentence, lang):
            for person in _nearest_cue(charge.start, sentence_cues):
                stories[person].charges.append((charge.rank, index, charge.text))
        for term in charges.terms(sentence, lang):
            for person in _nearest_cue(term.start, sentence_cues, later=False):
                stories[person].terms.append(term.text)
        sentence_cases = organisations.cases(sentence, lang)
        for case in sentence_cases:
            all_cases.append(case.name)
            for person in _nearest_cue(case.start, sentence_cues):
                stories[person].case = stories[person].case or case.name
        _affiliations(sentence, refs, orgs_by_sentence[index], lang, stories, cast)
        _possessive_role(sentence, refs, orgs_by_sentence[max(0, index - 2) : index], stories)
    return {
        "language": lang,
        "people": [
            _person(stories[p], cast, split, found_dates, now, lang)
            for p in sorted(stories, key=_order(stories))
            if stories[p].statuses
        ],
        "organisations": _organisation_list(orgs_by_sentence),
        "cases": [{"name": name} for name in _unique(all_cases)],
        "events": events.find(texts, found_dates, now, lang),
        "call": calls.find(text, split, found_dates, now, lang, known_orgs),
    }


def _order(stories: dict[int, Story]) -> Any:
    return lambda p: stories[p].first


def _affiliations(
    sentence: str,
    refs: list[people.Ref],
    orgs: list[organisations.OrgMention],
    lang: str,
    stories: dict[int, Story],
    cast: people.Cast,
) -> None:
    """Give each person referred to here the organisation a role ties them to, if they have none yet."""
    tied = organisations.affiliated(sentence, orgs, lang)
    for org in tied:
        nearest = min(refs, key=lambda r: abs(r.start - org.start), default=None)
        if nearest is None:
            continue
        low, high = min(nearest.end, org.end), max(nearest.start, org.start)
        if any(r.person != nearest.person and low <= r.start < high for r in refs) or high - low > 120:
            continue
        # "A and B, organisers of X": a role after an enumeration belongs to all of it; one before a name
        # ("активист движения X Иван Петров и Анна …") to that name alone
        group = next(g for g in _groups(refs, sentence) if nearest in g) if org.start > nearest.start else [nearest]
        for person in dict.fromkeys(r.person for r in group):
            story = stories.get(person)
            if story is None:
                story = stories[person] = Story(person, 10**9)
            story.organisation = story.organisation or org.name


# "Its chair, X", "The union's deputy chair X": X belongs to the organisation the text has just named
_POSSESSIVE_ROLE = re.compile(
    r"\b(?:[Ii]ts|[Tt]he (?:group|union|movement|party|organi[sz]ation|association|newspaper|outlet|collective)['’]s)"
    r"\s+(?:[a-z-]+\s+){0,2}(?:chair|co-chair|leader|head|founder|co-founder|coordinator|editor|member|spokes\w+|"
    r"director|president|secretary|lawyer|activist)s?\b"
)


def _possessive_role(
    sentence: str, refs: list[people.Ref], earlier: list[list[organisations.OrgMention]], stories: dict[int, Story]
) -> None:
    match = _POSSESSIVE_ROLE.search(sentence)
    named = [org for found in earlier for org in found]
    if not match or not named:
        return
    after = [r for r in refs if r.start >= match.end() and r.start - match.end() < 40]
    if after:
        # "the group's founder": the last organisation of that kind, else the last one named
        kind = organisations.kind_of(match.group(0).split("'")[0].split("’")[0])
        fitting = [org for org in named if org.kind == kind] if kind != "other" else []
        story = stories.setdefault(after[0].person, Story(after[0].person, 10**9))
        story.organisation = story.organisation or (fitting or named)[-1].name


def _known_orgs(by_sentence: list[list[organisations.OrgMention]]) -> dict[str, str]:
    known: dict[str, str] = {}
    for found in by_sentence:
        for org in found:
            known.setdefault(org.name, org.kind)
    return known


def _known_patterns(known: dict[str, str]) -> list[tuple[str, str, re.Pattern[str]]]:
    """Each organisation name of the article as a whole-word pattern, compiled once for all its sentences."""
    return [(name, kind, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")) for name, kind in known.items()]


def _with_known(
    sentence: str, found: list[organisations.OrgMention], known: list[tuple[str, str, re.Pattern[str]]]
) -> list:
    """Add the places where a name found elsewhere in the article recurs bare ("Vesna coordinator")."""
    extra = []
    for name, kind, pattern in known:
        for m in pattern.finditer(sentence):
            if not any(o.start <= m.start() < o.end for o in found):
                extra.append(organisations.OrgMention(m.start(), m.end(), name, kind))
    return sorted([*found, *extra], key=lambda o: o.start)


def _person(story: Story, cast: people.Cast, split: list, found_dates: list, now: Now | None, lang: str) -> dict:
    person = cast.people[story.person]
    if story.statuses:
        status = st.strongest([s for s, _, _ in story.statuses])
        chosen = [(i, c) for s, i, c in story.statuses if s == status]
        # the evidence is the first sentence saying so, unless a later one also says when
        dated = [(i, c) for i, c in chosen if _cue_dated(c, found_dates[i], split[i].text, now, lang)]
        index, cue = (dated or chosen)[0]
    else:  # only an organisation was found for them: not a proposal of a status
        status, index, cue = "other", story.first, None
    if cue is not None and status in _LASTING and not _cue_dated(cue, found_dates[index], split[index].text, now, lang):
        # custody and the like begin with the arrest: its date, when the article gives one
        arrest = [(i, c) for s, i, c in story.statuses if s == "detained"]
        dated = [(i, c) for i, c in arrest if _cue_dated(c, found_dates[i], split[i].text, now, lang)]
        if dated:
            index, cue = dated[0]
    accusations = sorted(story.charges)
    return {
        "name": person.name,
        "case": story.case,
        "charge": accusations[0][2] if accusations else None,
        "status": status,
        "sentence": story.terms[0] if story.terms else None,
        "organisation": story.organisation,
        "since": _since(cue, found_dates[index], split[index].text, now, lang) if cue else None,
        "evidence": split[index].text,
    }


_LASTING = ("custody", "house_arrest")


def _cue_dated(cue: st.Cue, mentions: list[dates.DateMention], sentence: str, now: Now | None, lang: str) -> bool:
    """Whether the cue's sentence dates it explicitly (a date or a weekday; "last year" is too vague to prefer
    one sentence over another for)."""
    return _since(cue, mentions, sentence, now, lang, relative=False) is not None


def _since(
    cue: st.Cue, mentions: list[dates.DateMention], sentence: str, now: Now | None, lang: str, relative: bool = True
) -> str | None:
    """The date of the cue: a "since" date in its sentence, else the date nearest to it in the same clause,
    else a date relative to the article ("for a year now")."""
    near = []
    for mention in mentions:
        gap = sentence[min(cue.end, mention.end) : max(cue.start, mention.start)]
        blocked = re.search(r"\b(?:after|following|in response to|before|since the|после|из-за)\b", gap, re.I)
        if mention.since or (not blocked and (len(gap) < 80 or len(mentions) == 1)):
            near.append(mention)
    if near:
        chosen = min(near, key=lambda m: (not m.since, abs(m.start - cue.start)))
        return dates.resolve(chosen, now) or None
    return dates.weekday(sentence, lang, now) or (dates.relative(sentence, lang, now) if relative else "") or None


def _organisation_list(by_sentence: list[list[organisations.OrgMention]]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for found in by_sentence:
        for org in found:
            key = skeleton(org.name)
            if key and key not in seen:
                seen[key] = {"name": org.name, "kind": org.kind}
    return list(seen.values())


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(skeleton(name), name)
    return list(seen.values())


def published_on(article: reading.Article) -> str | None:
    """The article's publication day (ISO), from the page's metadata or the date line; ``None`` if unknown."""
    if article.published:
        return article.published[:10] if len(article.published) >= 10 else None
    lang = language.detect(article.text)
    now = _now(article.text, sentences.split(article.text), lang if lang in language.SUPPORTED else "en", None)
    return now.iso() if now and now.day else None


def extract_article(article: reading.Article) -> dict[str, Any]:
    return extract_text(article.text, published=article.published)


def extract_bytes(data: bytes, url: str = "") -> dict[str, Any]:
    """Read (text or HTML) and extract; raises ``reading.ArticleError`` or ``language.LanguageError``."""
    return extract_article(reading.read_bytes(data, url=url))
