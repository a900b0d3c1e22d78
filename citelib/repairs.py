"""Unambiguous repairs of records: what ``citelib fix`` changes, each change reported.

Only repairs with one right answer are made; the doubtful findings of ``check`` that need a
person (a missing place, a likely duplicate) are left for ``check`` to report.

* **language from script**: a title in Chinese, Japanese or Korean script tagged with
  another language gets the language its script says (``zh-CN``, ``ja-JP``, ``ko-KR``;
  a ``zh`` tag on a title with kana, ``ja-JP``); a CJK tag on a title with no CJK
  character, whose Latin script cannot say which language it is, is removed, so the
  script decides when rendering.
* **leading zeros**: ``volume`` and ``issue`` (``09`` → ``9``), a newspaper's ``page``
  (``007`` → ``7``; elsewhere ``034708`` is an article number and stays).
* **identifiers**: full-width characters, odd dashes and spaces inside a DOI, ISBN or
  ISSN (``１０．１０００／ｘ``, ``978－7－…``) made half-width ASCII; a DOI's
  ``https://doi.org/`` or ``doi:`` prefix removed; ``ISBN``/``ISSN`` labels removed.
* **Chinese names**: a personal name of 2-4 Han characters kept as one literal
  (``name-literal``) split into family and given name (张三 → 张 + 三; 欧阳修 → 欧阳 + 修).

Each change is a ``repaired`` warning naming the field, the value before and after.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from .checks import PERSON_ROLES, language_problem, unsplit_personal_name
from .errors import Problem
from .formats._tagged import number_text, page_text
from .language import (
    has_cjk,
    has_kana,
    normalize_language,
    primary_language,
    script_language,
    split_cjk_name,
)
from .model import Library, Name, Work

__all__ = ["fix", "fix_work"]

Where = Mapping[str, tuple[str | None, int | None]]

_DASHES = re.compile(r"[‐‑‒–—―−－]")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def _ascii_identifier(text: str) -> str:
    """*text* with full-width forms half-width (NFKC), dashes as ``-``, no spaces around them."""
    t = _DASHES.sub("-", unicodedata.normalize("NFKC", text)).strip()
    return re.sub(r"\s*-\s*", "-", t)


def _doi(text: str) -> str:
    return _DOI_PREFIX.sub("", _ascii_identifier(text)).strip()


def _isbn(text: str) -> str:
    return re.sub(r"^ISBN(?:-1[03])?[:：]?\s*", "", _ascii_identifier(text), flags=re.I)


def _issn(text: str) -> str:
    return re.sub(r"^e?ISSN[:：]?\s*", "", _ascii_identifier(text), flags=re.I)


def _language(work: Work) -> tuple[str | None, str] | None:
    """The repaired language and why, or None when the tag is right (or no tag)."""
    if language_problem(work) is None:
        return None
    names = " ".join(str(n) for n in work.author + work.editor)
    probe = " ".join(filter(None, [work.title, names]))
    lang = primary_language(normalize_language(work.language) or "")
    if has_cjk(work.title) or (not work.title and has_cjk(names)):
        found = script_language(work.title, names)
        if lang == "zh" and has_kana(probe):
            found = "ja-JP"
        return found, "the title is in its script"
    return None, "a Latin-script title cannot say its language; the script decides"


def _split_names(names: tuple[Name, ...]) -> tuple[tuple[Name, ...], list[str]]:
    out: list[Name] = []
    split: list[str] = []
    for n in names:
        if unsplit_personal_name(n) and n.literal is not None:
            parts = split_cjk_name(n.literal.strip())
            if parts.family:
                out.append(parts)
                split.append(f"{n.literal} → {parts.family} + {parts.given}")
                continue
        out.append(n)
    return tuple(out), split


def fix_work(work: Work) -> tuple[Work, list[Problem]]:
    """*work* with the repairs of the module docstring made, and a ``repaired`` warning
    for each (key set, file and line not)."""
    changes: dict[str, Any] = {}
    problems: list[Problem] = []

    def repaired(field: str, message: str, hint: str | None = None) -> None:
        problems.append(
            Problem(
                message,
                key=work.id,
                severity="warning",
                code="repaired",
                field=field,
                hint=hint,
            )
        )

    lang = _language(work)
    if lang is not None:
        new, why = lang
        changes["language"] = new
        after = repr(new) if new else "removed"
        repaired("language", f"language {work.language!r} → {after} ({why})")
    for attr, csl in (("volume", "volume"), ("issue", "issue")):
        value = getattr(work, attr)
        if value is not None:
            fixed = number_text(value.strip())
            if fixed is not None and fixed != value:
                changes[attr] = fixed
                repaired(csl, f"{csl} {value!r} → {fixed!r} (leading zeros dropped)")
    if work.page is not None and work.type == "article-newspaper":
        fixed_page = page_text(work.page)
        if fixed_page != work.page:
            changes["page"] = fixed_page
            repaired("page", f"page {work.page!r} → {fixed_page!r} (leading zeros dropped)")
    for attr, csl, clean in (
        ("doi", "DOI", _doi),
        ("isbn", "ISBN", _isbn),
        ("issn", "ISSN", _issn),
    ):
        value = getattr(work, attr)
        if value is not None:
            fixed_id = clean(value)
            if fixed_id and fixed_id != value:
                changes[attr] = fixed_id
                ascii_ = _ascii_identifier(value)
                how = [
                    "half-width ASCII" if ascii_ != value else "",
                    "its label or resolver prefix removed" if fixed_id != ascii_ else "",
                ]
                repaired(csl, f"{csl} {value!r} → {fixed_id!r} ({', '.join(filter(None, how))})")
    for attr in PERSON_ROLES:
        names: tuple[Name, ...] = getattr(work, attr)
        new_names, split = _split_names(names)
        if split:
            changes[attr] = new_names
            csl = attr.replace("_", "-")
            repaired(
                csl,
                f"{csl}: Chinese names split into family and given: {'; '.join(split)}",
                hint="check the split of a compound surname",
            )
    return (work.evolve(**changes) if changes else work), problems


def fix(works: Library | Iterable[Work], where: Where | None = None) -> Library:
    """The works with :func:`fix_work`'s repairs, their problems placed at each work's file
    and line (*where*, and a :class:`~citelib.model.Library`'s origins); a library keeps
    its reading problems, the repairs follow."""
    library = works if isinstance(works, Library) else Library(list(works))
    places = dict(library.where())
    if where is not None:
        places.update(where)
    out: list[Work] = []
    problems: list[Problem] = list(library.problems)
    for work in library.works:
        fixed, found = fix_work(work)
        out.append(fixed)
        file, line = places.get(work.id, (None, None))
        problems += [p if file is None else _at(p, file, line) for p in found]
    return Library(out, problems, library.origins)


def _at(problem: Problem, file: str | None, line: int | None) -> Problem:
    import attrs

    return attrs.evolve(problem, file=file, line=line)
