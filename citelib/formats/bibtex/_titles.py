"""A title joined with its subtitle and addon as biblatex and pandoc print them, and split back.

``title = {Main}, subtitle = {Sub}, titleaddon = {Addon}`` reads as the one
title ``Main: Sub. Addon`` (a full-width ``：`` and ``。`` between Chinese
parts, a space alone after a title that ends in punctuation).  The subtitle
and addon fields stay in ``extra``; the writer finds the title field again by
taking them off the end with :func:`split_title`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...language import has_cjk
from .latex import decode

__all__ = ["join_title", "main_title", "split_title"]

_HTML_TAG = re.compile(r"<[^>]+>")
_PUNCT_END = "!?.,:;。！？，：；"


def _plain_end(text: str) -> str:
    """The last character of *text* that is not markup or white space."""
    # no tag starts after the last ">": searching there from each "<" would cost the square
    last = text.rfind(">") + 1
    return (_HTML_TAG.sub("", text[:last]) + text[last:]).rstrip()[-1:]


def _concat(head: str, tail: str, punct: str) -> str:
    """*head* and *tail* joined as pandoc and biblatex print a subtitle or an addon."""
    if not tail:
        return head
    last = _plain_end(head)
    if not last:
        return tail
    if has_cjk(last) and has_cjk(tail[:1]):
        return head + ("：" if punct == ":" else "。") + tail
    if last in _PUNCT_END:
        return head + " " + tail
    return head + punct + " " + tail


def join_title(title: str, subtitle: str, addon: str) -> str:
    """*title*, *subtitle* and *addon* as one title: ``Title: Subtitle. Addon``."""
    return _concat(_concat(title, subtitle, ":"), addon, ".")


def _unconcat(text: str, tail: str, punct: str) -> str | None:
    """The *head* that :func:`_concat` joined with *tail* into *text*, or None."""
    if not tail:
        return text
    for head in _heads(text, tail, punct):
        if _concat(head, tail, punct) == text:
            return head
    return None


def _heads(text: str, tail: str, punct: str) -> list[str]:
    """The texts that, joined with *tail* by one of the joints, may give *text*."""
    if not text.endswith(tail):
        return []
    rest = text[: -len(tail)]
    out = []
    for joint in (punct + " ", " ", "：", "。"):
        if rest.endswith(joint):
            out.append(rest[: -len(joint)])
    return out


def split_title(text: str, subtitle: str, addon: str) -> str | None:
    """The title field that, joined with *subtitle* and *addon*, reads as *text*."""
    head = _unconcat(text, addon, ".")
    return None if head is None else _unconcat(head, subtitle, ":")


def main_title(fields: Mapping[str, str]) -> str:
    """``maintitle``, ``mainsubtitle`` and ``maintitleaddon`` of raw *fields*, decoded and joined."""

    def part(name: str) -> str:
        return decode(fields[name], rich=True) if fields.get(name) else ""

    return join_title(part("maintitle"), part("mainsubtitle"), part("maintitleaddon"))
