"""Printed labels → readings: `I alt kvinner og jobbskaping og` → total, Kvinner + (cut-off) group.

A label is a sequence of known phrases joined by `, ` or ` og `, optionally after `I alt`, or a
region code and name (`5612 Guovdageaidn u - Kautokeino`). The last phrase may be cut off by the
column edge; a phrase may be split inside a word where the PDF wrapped it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tiltaksdata.normalise.vocabulary import LabelReading, Reading, Region, Vocabulary, normalise_label
from tiltaksdata.reasons import EXACT, Kind, Reason

SEPARATORS = (", ", " og ")
SIDE_BY_SIDE = (*SEPARATORS, " ")  # only where no reading with a separator exists, and no label is cut off
CODED = re.compile(r"^(\d{4}|\d{2})\s+(.+)$")
TOTAL_WORDS = "i alt"  # «I alt» as normalise_label writes it: a total row, alone or before what it totals
ANY_DAY = ""  # read regardless of validity: to tell a label valid in another period from an unknown one


class UnknownLabel(ValueError):
    """A label no vocabulary knows, with the closest known labels."""

    type = "unknown-label"
    hint = "Add the spelling to tiltaksdata/reference/aliases.csv with its reason, or the new label to its vocabulary."

    def __init__(self, label: str, closest: list[str], why: str = "unknown label") -> None:
        self.label, self.closest, self.why = label, closest, why
        hint = f"; closest known: {', '.join(repr(c) for c in closest)}" if closest else ""
        super().__init__(f"{why} {label!r}{hint}")


class LabelNotValidThen(UnknownLabel):
    """A known region label printed on a day the region did not exist (a county before or after a reform)."""

    type = "label-not-valid-then"
    hint = (
        "The region did not exist in the report's period: check the period the report prints "
        "and 'period' in its .toml, or the region's validity in tiltaksdata/reference/regions.csv."
    )

    def __init__(self, label: str, regions: list[Region], day: str) -> None:
        names = {normalise_label(r.name) for r in regions} | {normalise_label(r.short_name) for r in regions}
        printed = "" if normalise_label(label) in names else f"{label!r}: "
        ValueError.__init__(
            self, f"{printed}{'; '.join(_validity(r) for r in regions)}; this report is dated {day[:7]}"
        )
        self.label, self.closest, self.why = label, [r.name for r in regions], "not valid on the report's day:"
        self.regions, self.day = regions, day

    def __reduce__(self) -> tuple[object, tuple]:
        """Rebuild from the label, regions and day, so the error survives a trip from a worker process."""
        return (type(self), (self.label, self.regions, self.day))


def _validity(region: Region) -> str:
    """`'Sør-Trøndelag' is a county until 2017-12-31`: a region's validity, for messages."""
    level = {"county": "a county", "municipality": "a municipality"}.get(region.level, "a region")
    if region.valid_from and region.valid_to:
        when = f"of {region.valid_from}\u2013{region.valid_to}"
    elif region.valid_to:
        when = f"until {region.valid_to}"
    else:
        when = f"from {region.valid_from}"
    return f"{region.name!r} is {level} {when}"


def _valid(readings: list[Reading], vocab: Vocabulary, day: str) -> list[Reading]:
    """Drop region readings whose region does not exist on the day (none when the day is ANY_DAY)."""
    return [
        r
        for r in readings
        if day == ANY_DAY or (code := r.get("region")) is None or vocab.region_by_code[code].valid_on(day)
    ]


def _not_valid_then(text: str, vocab: Vocabulary, day: str) -> list[Region]:
    """The regions that would read `text` on some day but not on this one (empty if none would)."""
    codes = {code for way in _segment(text, 0, vocab, ANY_DAY) for seg in way for r in seg if (code := r.get("region"))}
    regions = [vocab.region_by_code[c] for c in sorted(codes)]
    return [r for r in regions if not r.valid_on(day)]


def _with_how(readings: list[Reading], how: Kind) -> tuple[Reading, ...]:
    return tuple(Reading(r.dims, r.level, r.how.then(how), r.canonical) for r in readings)


def _phrase_at(
    text: str, start: int, vocab: Vocabulary, day: str, separators: tuple[str, ...] = SEPARATORS
) -> list[tuple[int, tuple[Reading, ...]]]:
    """Every known phrase that starts at `start` and ends at a separator or the end: (end, readings)."""
    found = []
    for key, readings in vocab.phrases.items():
        if text.startswith(key, start):
            end = start + len(key)
            if end == len(text) or any(text.startswith(s, end) for s in separators):
                valid = _valid(readings, vocab, day)
                if valid:
                    found.append((end, tuple(valid)))
    return found


def _tail_readings(tail: str, vocab: Vocabulary, day: str) -> tuple[Reading, ...]:
    """Readings of a last phrase that was cut off by the column or split inside a word."""
    compact = tail.replace(" ", "")
    if compact in vocab.compact_phrases:
        key = vocab.compact_phrases[compact]
        return _with_how(_valid(vocab.phrases[key], vocab, day), Kind.BROKEN_WORD)
    if len(tail) < 3:
        return ()
    cut = [
        r
        for key, readings in vocab.phrases.items()
        if key.startswith(tail) and len(key) > len(tail) and (key[len(tail)] == " " or tail.endswith(("-", " ")))
        for r in _valid(readings, vocab, day)
    ]
    unique = {(r.dims, r.level): r for r in cut}
    return _with_how(list(unique.values()), Kind.CUT_OFF)


def _segment(
    text: str, start: int, vocab: Vocabulary, day: str, separators: tuple[str, ...] = SEPARATORS
) -> list[tuple[tuple[Reading, ...], ...]]:
    """All ways to read text[start:] as phrases; each way is a tuple of segments."""
    ways: list[tuple[tuple[Reading, ...], ...]] = []
    for end, readings in sorted(_phrase_at(text, start, vocab, day, separators), key=lambda f: -f[0]):
        if end == len(text):
            ways.append((readings,))
            continue
        for sep in separators:
            if text.startswith(sep, end):
                ways += [(readings, *rest) for rest in _segment(text, end + len(sep), vocab, day, separators)]
    if not ways:
        tail = _tail_readings(text[start:], vocab, day)
        if tail:
            ways.append((tail,))
    return ways


def _coded(code: str, name: str, vocab: Vocabulary, day: str) -> Reading:
    """A region printed with its code; the name must agree with the code."""
    region = vocab.region_by_code.get(code)
    if region is not None and not region.valid_on(day):
        raise LabelNotValidThen(f"{code} {name}", [region], day)
    if region is None:
        raise UnknownLabel(f"{code} {name}", [], f"region code {code} unknown on {day}:")
    printed = normalise_label(name)
    dims = (("region", code),)
    for key in (normalise_label(region.name), normalise_label(region.short_name)):
        if printed == key:
            return Reading(dims, "", EXACT.decided_by_code(), region.name)
    for reading in vocab.phrases.get(printed, []):
        if reading.dims == dims:
            return Reading(dims, "", reading.how.decided_by_code(), region.name)
    if printed.replace(" ", "") == normalise_label(region.name).replace(" ", ""):
        return Reading(dims, "", Reason.of(Kind.BROKEN_WORD, by_code=True), region.name)
    if len(printed) >= 3 and normalise_label(region.name).startswith(printed):
        return Reading(dims, "", Reason.of(Kind.CUT_OFF, by_code=True), region.name)
    raise UnknownLabel(f"{code} {name}", [region.name], f"region code {code} is {region.name!r}, printed as")


def _side_by_side(text: str, vocab: Vocabulary, day: str) -> list[tuple[tuple[Reading, ...], ...]]:
    """Readings of labels printed side by side without a separator, none of them cut off: TILT030's
    block titles («20-24 år arbeidssøkere på tiltak»); only where no reading with a separator exists."""
    return [w for w in _segment(text, 0, vocab, day, SIDE_BY_SIDE) if not any(r.how.cut_off for s in w for r in s)]


@lru_cache(maxsize=20000)
def label_to_reading(label: str, vocab: Vocabulary, day: str) -> LabelReading:
    """Read a printed row, column or subtitle label on a given day (ISO date)."""
    text = normalise_label(label)
    total = text == TOTAL_WORDS or text.startswith(TOTAL_WORDS + " ")
    rest = text.removeprefix(TOTAL_WORDS).lstrip() if total else text  # «I alt Opplæring» → «opplæring»
    if not rest:
        return LabelReading(total, ())
    if (coded := CODED.match(rest)) and rest not in vocab.phrases:
        name = label.split(None, 1 + (2 if total else 0))[-1]
        try:
            return LabelReading(total, ((_coded(coded[1], name, vocab, day),),))
        except UnknownLabel:  # «19 år og under arbeidssøkere på tiltak» begins with a number, not a code
            if not (side := _side_by_side(rest, vocab, day)):
                raise
            return LabelReading(total, side[0])
    ways = _segment(rest, 0, vocab, day) or _side_by_side(rest, vocab, day)
    if not ways and (regions := _not_valid_then(rest, vocab, day)):
        raise LabelNotValidThen(label, regions, day)
    if not ways:
        raise UnknownLabel(label, vocab.closest(rest))
    # Prefer readings without cut-off phrases, then the fewest segments.
    ways.sort(key=lambda w: (sum(any(r.how.cut_off for r in seg) for seg in w), len(w)))
    return LabelReading(total, ways[0])
