"""Why a printed label was read as it was: a closed set of kinds, each step with a detail where needed.

A reason is one or more steps (a known alias, then a cut-off label resolved by its totals …) and
whether the region or measure code printed beside the label decided it. The package's
`label_mappings.how` is the text `str(reason)` gives — a public contract: a kind's wording changes
only with a new contract version. Everything else keys on the kind, never on the text: the
translations (`words_nb.HOW`), the count of normalised labels, the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What happened to a printed label; the value is its wording in the package."""

    EXACT = "exact"
    SPELLING_FIX = "spelling fix"
    KNOWN_ALIAS = "known alias"  # with a detail: which alias (reference/aliases.csv)
    BROKEN_WORD = "broken word joined"
    CUT_OFF = "cut-off label"  # resolved by one of the three below, or by the code printed beside it
    CUT_OFF_BY_TOTALS = "cut-off label resolved by its totals"
    CUT_OFF_BY_CONTEXT = "cut-off label resolved by context"
    CUT_OFF_ONLY_ONE = "cut-off label the only label it can begin"


CUT_OFF_RESOLVED = (Kind.CUT_OFF_BY_TOTALS, Kind.CUT_OFF_BY_CONTEXT, Kind.CUT_OFF_ONLY_ONE)
_BY_CODE = " (by code)"
_EXACT_BY_CODE = "exact by code"
_KINDS = sorted(Kind, key=lambda k: -len(k.value))  # the longest wording first: «cut-off label resolved …»


def _kind_of(part: str) -> Kind | None:
    """The kind a step's wording begins with («known alias: …» → KNOWN_ALIAS), or None."""
    return next((k for k in _KINDS if part == k.value or part.startswith(k.value + ": ")), None)


class UnknownReason(ValueError):
    """Text that is not a reason's wording (a reference table's typo, or a package of another version)."""


@dataclass(frozen=True)
class Step:
    """One step of a reason: its kind, and a detail (the alias's own reason) where the kind has one."""

    kind: Kind
    detail: str = ""

    def __post_init__(self) -> None:
        # What the wording can carry back: a known alias's detail, non-empty, without spaces or «;»
        # at its start (a step is separated from the next by «; »); no other kind has one.
        if self.kind is Kind.KNOWN_ALIAS:
            if not self.detail or self.detail != self.detail.strip() or self.detail.startswith(";"):
                raise ValueError(f"a known alias needs a detail without spaces or «;» at its ends: {self.detail!r}")
            if any(_kind_of(part) for part in self.detail.split("; ")[1:]):
                raise ValueError(f"a known alias's detail cannot hold «; » before a kind's wording: {self.detail!r}")
        elif self.detail:
            raise ValueError(f"only «{Kind.KNOWN_ALIAS.value}» has a detail, not «{self.kind.value}»")

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


@dataclass(frozen=True)
class Reason:
    """The steps that turned a printed label into a canonical one, and whether a code decided it."""

    steps: tuple[Step, ...]
    by_code: bool = False

    @classmethod
    def of(cls, kind: Kind, detail: str = "", by_code: bool = False) -> Reason:
        return cls((Step(kind, detail),), by_code)

    def __str__(self) -> str:
        """The wording in the package: «known alias: short name; cut-off label resolved by its totals»."""
        if self.steps == (Step(Kind.EXACT),) and self.by_code:
            return _EXACT_BY_CODE
        text = "; ".join(map(str, self.steps))
        return text + _BY_CODE if self.by_code else text

    @property
    def normalised(self) -> bool:
        """Whether the label was changed at all (printed exactly, even if a code decided it: no)."""
        return any(step.kind is not Kind.EXACT for step in self.steps)

    @property
    def cut_off(self) -> bool:
        """Whether a step is a cut-off label not yet resolved."""
        return any(step.kind is Kind.CUT_OFF for step in self.steps)

    def then(self, kind: Kind) -> Reason:
        """This reason followed by another step (an exact reading is replaced by it)."""
        if self.steps == (Step(Kind.EXACT),):
            return Reason((Step(kind),), self.by_code)
        return Reason((*self.steps, Step(kind)), self.by_code)

    def decided_by_code(self) -> Reason:
        return Reason(self.steps, True)

    def resolved(self, how: Kind) -> Reason:
        """Every unresolved cut-off step resolved `how` (one of CUT_OFF_RESOLVED)."""
        if how not in CUT_OFF_RESOLVED:
            raise ValueError(f"{how} does not resolve a cut-off label")
        return Reason(tuple(Step(how) if s.kind is Kind.CUT_OFF else s for s in self.steps), self.by_code)

    @classmethod
    def from_text(cls, text: str) -> Reason:
        """The reason a wording stands for (the inverse of str); UnknownReason for any other text."""
        if text == _EXACT_BY_CODE:
            return cls.of(Kind.EXACT, by_code=True)
        by_code = text.endswith(_BY_CODE)
        body = text.removesuffix(_BY_CODE) if by_code else text
        steps: list[Step] = []
        for part in body.split("; "):
            kind = _kind_of(part)
            if kind is None and steps and steps[-1].kind is Kind.KNOWN_ALIAS and steps[-1].detail:
                steps[-1] = Step(Kind.KNOWN_ALIAS, f"{steps[-1].detail}; {part}")  # an alias's detail may hold «; »
                continue
            if kind is None:
                raise UnknownReason(f"{text!r}: {part!r} is not one of {', '.join(k.value for k in Kind)}")
            detail = part[len(kind.value) + 2 :] if part != kind.value else ""
            try:
                steps.append(Step(kind, detail))
            except ValueError as err:
                raise UnknownReason(f"{text!r}: {err}") from None
        return cls(tuple(steps), by_code)


EXACT = Reason.of(Kind.EXACT)
