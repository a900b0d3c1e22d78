"""CNKI (中国知网) E-Study / "CNKI 知网研学" text export, read only.

Each line is ``Label-标签: value`` (``Title-题名:``, ``Author-作者:``,
``Source-刊名:``, ``PubTime-出版时间:``, ``Keyword-关键词:`` …) or a bare
``DataType: 1``; a record starts at ``DataType`` (or when a label repeats, or
after a blank line).  The English label is the tag (:data:`RULES`); a label
with only its Chinese part is recognised too (:data:`CHINESE_LABELS`).

* ``Author-作者: 柯洪琴;陈璿英;王启斌;`` gives CJK names split into family
  and given name; keywords are split on ``;`` and joined as
  :func:`citelib.formats._tagged.join_keywords` does (``", "``).
* ``Year`` is the date of issue (with ``Roll``/``Volume`` and ``Period`` the
  volume and issue, ``01`` → ``1``); ``PubTime`` is the online-first timestamp,
  kept as ``available-date`` (CNKI's ``2014-11-20`` must not replace the year of
  the issue), and the date of a record without ``Year`` or of a newspaper
  article.  ``Page`` is the page range (a newspaper's ``007`` → ``7``), ``PageCount`` the
  number of pages.
* The E-Study "自定义" layout starts records with ``SrcDatabase-来源库:`` and
  repeats the first author in ``FirstDuty-第一责任人:``; that name is read only
  when ``Author`` gives none.  A thesis's ``SrcDatabase`` (or ``Degree``) gives
  its type: ``硕士`` → ``硕士学位论文``, ``博士`` → ``博士学位论文``.
* The landing-page link (``Link``/``URL``, kns.cnki.net) is kept in ``extra`` as
  ``landing-page``, which the styles do not print (as CNKI's own GB/T export
  leaves it out); ``database_url=True`` keeps it as the URL.
* ``SrcDatabase-来源库`` decides the type (期刊 journal article, 硕士/博士
  thesis, 会议 conference paper, 报纸 newspaper article, 图书 book, 标准
  standard, 专利 patent, 年鉴 a chapter of a yearbook, 成果 report); for theses
  ``Source`` is the university (publisher); ``Organ-出版者`` (yearbooks) is the publisher.
* CNKI's ``<正>`` marker (an abstract taken from the body text) is removed;
  its plain-text super- and subscripts in titles and abstracts (``kg~(-1)``,
  ``χ~2``, ``CD4~+``, ``H_(2)O``) become ``<sup>``/``<sub>`` rich text
  (:func:`cnki_markup`).
* Works in Chinese script get ``language`` ``zh-CN``; ``Organ-机构``,
  ``DataType``, ``SrcDatabase`` and labels without a CSL variable are kept in
  ``extra`` under the lower-cased English label (``organ``, ``srcdatabase``).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Report
from ..model import Library
from . import _tagged
from ._tagged import (
    Dates,
    Keywords,
    Matching,
    Names,
    RawRecord,
    Rule,
    Spec,
    Text,
)

__all__ = ["CHINESE_LABELS", "RULES", "cnki_markup", "read", "sniff"]

_SPLIT = re.compile(r"[;；]")

# Chinese labels without an English part -> the English tag
CHINESE_LABELS: dict[str, str] = {
    "题名": "Title",
    "篇名": "Title",
    "作者": "Author",
    "主要责任者": "Author",
    "第一责任人": "FirstDuty",
    "刊名": "Source",
    "来源": "Source",
    "文献来源": "Source",
    "年": "Year",
    "出版时间": "PubTime",
    "发表时间": "PubTime",
    "关键词": "Keyword",
    "摘要": "Summary",
    "期": "Period",
    "卷": "Roll",
    "页数": "PageCount",
    "页码": "Page",
    "来源库": "SrcDatabase",
    "机构": "Organ",
    "单位": "Organ",
    "链接": "Link",
    "网址": "Link",
    "基金": "Fund",
    "分类号": "CLC",
    "中图分类号": "CLC",
    "国际标准刊号": "ISSN",
    "国际标准书号": "ISBN",
    "出版单位": "Publisher",
    "出版者": "Publisher",
    "出版地": "PubPlace",
    "学位授予单位": "Publisher",
    "学位": "Degree",
    "导师": "Tutor",
    "会议名称": "Meeting",
    "会议地点": "MeetingPlace",
}

# SrcDatabase (来源库) words -> CSL type, the first match wins
_SOURCE_TYPES: tuple[tuple[str, str], ...] = (
    ("硕士", "thesis"),
    ("博士", "thesis"),
    ("学位", "thesis"),
    ("会议", "paper-conference"),
    ("报纸", "article-newspaper"),
    ("年鉴", "chapter"),
    ("图书", "book"),
    ("标准", "standard"),
    ("专利", "patent"),
    ("成果", "report"),
    ("期刊", "article-journal"),
)


_SUP_GROUP = re.compile(r"~\(([^()~]{1,20})\)")
_SUB_GROUP = re.compile(r"_\(([^()_]{1,20})\)")
_SUP_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])~([0-9+\-−])")
_SUP_SIGN = re.compile(r"(?<=\d)~([+\-−])(?!\d)")


def cnki_markup(value: str) -> str:
    """CNKI's plain-text super- and subscripts as rich text.

    ``kg~(-1)`` → ``kg<sup>-1</sup>``, ``χ~2`` → ``χ<sup>2</sup>``, ``CD4~+`` →
    ``CD4<sup>+</sup>``, ``H_(2)O`` → ``H<sub>2</sub>O``; a range such as
    ``2~3`` (between digits) is left alone.
    """
    value = _SUP_GROUP.sub(r"<sup>\1</sup>", value)
    value = _SUB_GROUP.sub(r"<sub>\1</sub>", value)
    value = _SUP_AFTER_LETTER.sub(r"<sup>\1</sup>", value)
    return _SUP_SIGN.sub(r"<sup>\1</sup>", value)


def _abstract(value: str) -> str | None:
    return cnki_markup(re.sub(r"^\s*<正>\s*", "", value)) or None


def _title(value: str) -> str | None:
    return cnki_markup(value) or None


_THESES = frozenset(["thesis"])
_CONF = frozenset(["paper-conference"])

_NEWSPAPERS = frozenset(["article-newspaper"])

RULES: tuple[Rule, ...] = (
    Rule("author", ("Author", "FirstDuty"), Names(split=_SPLIT, fallback=frozenset(["FirstDuty"]))),
    Rule("contributor", ("Tutor",), Names(split=_SPLIT), types=_THESES),
    Rule("title", ("Title",), Text(clean=_title)),
    Rule("publisher", ("Source", "Publisher"), types=_THESES),
    Rule("container_title", ("Source",)),
    Rule("event_title", ("Meeting",), types=_CONF),
    Rule("event_place", ("MeetingPlace",), types=_CONF),
    Rule("issued", ("PubTime", "Year"), Dates(), types=_NEWSPAPERS),
    Rule("issued", ("Year",), Dates()),
    Rule("available_date", ("PubTime",), Dates()),
    Rule("volume", ("Roll", "Volume")),
    Rule("issue", ("Period", "Issue"), Text(clean=_tagged.number_text)),
    Rule("page", ("Page",)),
    Rule("number_of_pages", ("PageCount",)),
    Rule("keyword", ("Keyword",), Keywords(split=_SPLIT)),
    Rule("abstract", ("Summary", "Abstract"), Text(long=True, clean=_abstract)),
    Rule("genre", ("Degree",), Text(clean=_tagged.thesis_genre), types=_THESES),
    Rule("genre", ("SrcDatabase",), Text(clean=_tagged.degree_genre), types=_THESES),
    Rule("publisher", ("Publisher",)),
    Rule("publisher_place", ("PubPlace",)),
    Rule("issn", ("ISSN",), Matching(accept=_tagged.is_issn)),
    Rule("isbn", ("ISBN",), Matching(accept=_tagged.is_isbn)),
    Rule("doi", ("DOI",), Text(clean=_tagged.clean_doi)),
    Rule("url", ("Link", "URL")),
    Rule("call_number", ("CLC",)),
)
"""The CNKI table: Work field, labels (their English part), codec and the types a row is for."""


def _online_first(csl_type: str, values: dict[str, Any]) -> None:
    """A record with no ``Year`` (not yet in an issue) is dated by its ``PubTime``."""
    if "issued" not in values and "available_date" in values:
        values["issued"] = values.pop("available_date")


SPEC = Spec(
    "cnki",
    RULES,
    extra_key=lambda tag: tag.lower(),
    language_from_script=True,
    finish=_online_first,
)

_LABEL = re.compile(
    r"^\ufeff?\s*(?:([A-Za-z][A-Za-z0-9]*)(?:-([^:：]{1,12}))?|([\u4e00-\u9fff]{1,8}))\s*[:：]\s?(.*)$"
)


def _tag(line: str) -> tuple[str, str] | None:
    m = _LABEL.match(line)
    if m is None:
        return None
    english, chinese, alone, value = m[1], m[2], m[3], m[4]
    if english:
        if chinese is None and english not in ("DataType", "SrcDatabase"):
            # a bare English word and a colon: only the labels CNKI writes that way
            return None
        if english == "Organ" and chinese and chinese.strip() in ("出版者", "出版单位"):
            return "Publisher", value.strip()  # yearbooks: Organ-出版者 is the publisher
        if english == "PageCount" and chinese and chinese.strip() == "页码":
            return "Page", value.strip()  # the "自定义" layout: PageCount-页码 is the page range
        return english, value.strip()
    tag = CHINESE_LABELS.get(alone)
    return (tag, value.strip()) if tag else None


def sniff(text: str) -> bool:
    """True if *text* has CNKI's bilingual labels (``Title-题名:``, ``Author-作者:``)."""
    head = text.lstrip("\ufeff").splitlines()[:60]
    return any(
        re.match(r"^\s*(?:Title-题名|Author-作者|SrcDatabase-来源库|Source-刊名)\s*[:：]", ln)
        for ln in head
    )


def _records(text: str, report: Report) -> list[RawRecord]:
    """CNKI records: ``DataType``, a label the record already has or a blank line starts the next one."""
    return _tagged.split_records(
        text,
        report,
        tag_of=_tag,
        starts=lambda tag, tags: tag == "DataType" or tag in tags,
        head=("DataType", "SrcDatabase"),
        empty=None,
    )


def _record_type(record: RawRecord, report: Report) -> str:
    src = " ".join(record.values("SrcDatabase"))
    for word, csl in _SOURCE_TYPES:
        if word in src:
            return csl
    return "article-journal"


def read(text: str, *, source: str = "<string>", strict: bool = False, **options: Any) -> Library:
    """The works in a CNKI E-Study export.

    ``database_url=True`` keeps CNKI's landing-page link as the URL (by default it is
    kept in ``extra`` as ``landing-page``, which the styles do not print).
    """
    report = Report(source)
    records = _records(text, report)
    if not records:
        report.error("no-records", "no CNKI records found (no Title-题名: lines)", line=1)
    return _tagged.read_records(
        records,
        SPEC,
        _record_type,
        report,
        strict=strict,
        database_url=bool(options.get("database_url", False)),
    )
