"""What a writer's text gives back: the check every lossless writer runs on itself."""

from __future__ import annotations

from ..errors import Report
from ..model import FIELDS, Date, Name, Work

__all__ = ["check_read_back", "report_repeated_keys"]


def report_repeated_keys(works: list[Work], report: Report, fmt: str) -> None:
    """A ``duplicate-key`` warning for each work whose key an earlier work has."""
    seen: set[str] = set()
    for work in works:
        if work.id in seen:
            report.warning(
                "duplicate-key",
                f"key {work.id!r} written twice: {fmt} readers keep one record under it",
                key=work.id,
            )
        seen.add(work.id)


def check_read_back(
    works: list[Work], back: tuple[Work, ...], report: Report, fmt: str, *, by_order: bool = False
) -> None:
    """Report each field of *works* that the text written for them does not give back.

    *back* is that text read again by the format's own reader.  A writer carries every
    field it can and reports what it cannot as it writes; this names whatever else
    changed on the way (a name the format has no form for, spacing it does not keep, a
    value its reader normalises), so that nothing is lost silently.  A field already
    reported for the work is not reported again.  Works are paired with what came back
    by key, or by position with *by_order* (for formats whose keys may not survive)
    when as many came back.
    """
    reported = {(p.key or "", p.field) for p in report.problems}
    reported |= {(k, f.replace("_", "-")) for k, f in reported if f}  # attribute names too
    pairs: list[tuple[Work, Work | None]]
    if by_order and len(back) == len(works):
        pairs = list(zip(works, back, strict=True))
    else:
        again: dict[str, list[Work]] = {}
        for w in back:
            again.setdefault(w.id, []).append(w)
        pairs = []
        for work in works:
            found = again.get(work.id)
            pairs.append((work, found.pop(0) if found else None))
    for work, other in pairs:
        if other is None:
            if (work.id or "", None) not in reported:
                report.warning(
                    "not-written", f"entry {work.id!r} does not read back from {fmt}", key=work.id
                )
            continue
        if other == work:
            continue
        for f in FIELDS:
            mine, theirs = getattr(work, f.attr), getattr(other, f.attr)
            if mine == theirs or (work.id, f.csl) in reported:
                continue
            if f.kind == "name":
                mine, theirs = _name_text(mine), _name_text(theirs)
                if mine == theirs:
                    mine, theirs = "its name parts", "other parts"
            _differs(report, fmt, work.id, f.csl, mine, theirs)
        for attr in ("id", "type"):
            mine_t, theirs_t = getattr(work, attr), getattr(other, attr)
            if mine_t != theirs_t and (work.id, attr) not in reported:
                _differs(report, fmt, work.id, attr, mine_t, theirs_t)
        mine_x, theirs_x = work.extra_dict, other.extra_dict
        for key in sorted(set(mine_x) | set(theirs_x)):
            if mine_x.get(key) != theirs_x.get(key) and (work.id, key) not in reported:
                _differs(report, fmt, work.id, key, mine_x.get(key), theirs_x.get(key))


def _differs(report: Report, fmt: str, key: str, field: str, mine: object, theirs: object) -> None:
    if _shown(mine) == _shown(theirs):
        mine, theirs = repr(mine), repr(theirs)
    if mine in (None, (), ""):
        report.warning(
            "changed",
            f"'{field}' reads back from {fmt} as {_shown(theirs)!r}",
            key=key,
            field=field,
        )
    elif theirs in (None, (), ""):
        report.warning(
            "not-written",
            f"{fmt} does not carry '{field}' ({_shown(mine)!r})",
            key=key,
            field=field,
        )
    else:
        report.warning(
            "changed",
            f"'{field}' reads back from {fmt} as {_shown(theirs)!r}, not {_shown(mine)!r}",
            key=key,
            field=field,
        )


def _shown(value: object) -> str:
    """A value as a problem message shows it: short."""
    text = str(value) if isinstance(value, (str, Date)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _name_text(names: tuple[Name, ...]) -> str:
    return "; ".join(str(n) for n in names)
