"""A fetch's plan → what it says: a line per file added and a summary; the same as Markdown for a pull request."""

from __future__ import annotations

from tiltaksdata.fetch.plan import Addition, Plan
from tiltaksdata.periods import months_between


def new_months(plan: Plan) -> list[str]:
    """The months the added reports cover that no report here covered before."""
    covered = {m for a in plan.additions for m in months_between(a.files[0].identity.first, a.files[0].identity.last)}
    return sorted(covered - plan.months_before)


def _added(addition: Addition) -> str:
    identity = addition.files[0].identity
    line = (
        f"added {', '.join(addition.names)} + {addition.stem}.toml: «{identity.title}», {identity.period}, "
        f"published {addition.published}, from {addition.files[0].link.url}"
    )
    if addition.revises:
        line += f" (a new publication of {', '.join(addition.revises)}: kept beside it)"
    return line


def plan_to_lines(plan: Plan, dry_run: bool = False) -> list[str]:
    """A line per file added (or, in a dry run, to be fetched) and the summary."""
    if dry_run:
        lines = [f"would fetch {link.url} (from {link.page})" for link in plan.new]
        return lines + [
            f"Dry run: {len(plan.pages)} page(s) read, {len(plan.links)} report file(s) linked, "
            f"{len(plan.new)} not yet in content/reports/ (by address), {len(plan.known)} already there"
            + _ignored(plan)
            + "; nothing was fetched."
        ]
    lines = [_added(a) for a in plan.additions]
    lines += [f"already here: {link.url} is {name}" for link, name in plan.known if link in plan.new]
    lines += [f"the same file twice: {link.url} is {other.url}" for link, other in plan.duplicates]
    revisions = sum(bool(a.revises) for a in plan.additions)
    months = new_months(plan)
    head = (
        f"Fetched {len(plan.additions)} new report(s)"
        + (f" ({revisions} new publication(s) of reports here)" if revisions else "")
        if plan.additions
        else "Nothing new"
    )
    lines.append(
        f"{head}: {len(plan.pages)} page(s) read, {len(plan.links)} report file(s) linked, "
        f"{len(plan.known)} already in content/reports/"
        + (f", {len(plan.duplicates)} linked twice" if plan.duplicates else "")
        + _ignored(plan)
        + (f"; new months: {', '.join(months)}" if months else "")
        + "."
    )
    return lines


def _ignored(plan: Plan) -> str:
    if not plan.ignored:
        return ""
    return (
        f", {len(plan.ignored)} other file(s) ignored (not a report: {'; '.join(link.name for link in plan.ignored)})"
    )


def plan_to_markdown(plan: Plan) -> str:
    """What a fetch added, for the pull request's description."""
    months = new_months(plan)
    out = ["## New from NAV", ""]
    if not plan.additions:
        return "\n".join([*out, "Nothing new: every report NAV links is already here.", ""])
    out += [f"New months: {', '.join(months) if months else 'none (new publications of months already here)'}.", ""]
    for addition in plan.additions:
        identity = addition.files[0].identity
        files = ", ".join(f"[`{n}`]({f.link.url})" for n, f in zip(addition.names, addition.files, strict=True))
        page = addition.files[0].link.page
        out.append(f"- {files}: «{identity.title}», {identity.period}, published {addition.published} (from {page})")
        if addition.revises:
            earlier = ", ".join(f"`{r}`" for r in addition.revises)
            out.append(f"  - a new publication (NAV replaced the file) of {earlier}, kept beside it")
    if plan.ignored:
        out += ["", "Ignored (not reports): " + "; ".join(f"[{link.name}]({link.url})" for link in plan.ignored)]
    return "\n".join(out) + "\n"
