"""Scripts and languages of works and names: Chinese, Japanese, Korean, Western.

* :func:`normalize_language` turns what people write in a ``language`` field
  (``zh``, ``chinese``, ``中文``, ``english``, ``en_US``) into a BCP 47 tag;
* :func:`work_language` decides a work's language from that field or, when it
  is missing, from the script of its title and names;
* :func:`split_cjk_name` splits ``孙柏瑛`` into family ``孙`` and given ``柏瑛``
  (compound surnames such as ``欧阳`` kept whole);
* :func:`pinyin_key` sorts Chinese text by pinyin, reading surnames as
  surnames (曾 zeng, 单 shan, 仇 qiu, 解 xie).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ._regex import LazyPattern
from .model import Name, Work

__all__ = [
    "CSL_STOP_WORDS",
    "has_cjk",
    "has_han",
    "has_kana",
    "is_han",
    "is_cjk_name",
    "is_pinyin_name",
    "normalize_language",
    "pinyin_key",
    "primary_language",
    "script_language",
    "split_cjk_name",
    "surname_reading",
    "work_language",
]

# Han ideographs (URO, extensions A-G, compatibility), CJK punctuation is not counted.
_HAN = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff"
# A class with these ranges takes milliseconds to compile (re builds a map of the 65,536
# BMP characters in Python): has_cjk() compares characters instead, and the rarer
# classes below are compiled on first use.


@cache
def _script(name: str) -> re.Pattern[str]:
    return re.compile(
        {"han": f"[{_HAN}]", "han-only": f"[{_HAN}]+", "kana": f"[{_KANA}]"}.get(
            name, f"[{_HANGUL}]"
        )
    )


#: The stop words of CSL 1.0.2 ``text-case="title"`` (after the Chicago Manual of Style):
#: lowercase in a title-cased English title unless first, last or after a colon.
CSL_STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "the",
        "till",
        "to",
        "up",
        "via",
        "with",
        "yet",
    ]
)


def has_cjk(text: str | None) -> bool:
    """True if *text* holds a Han, kana or hangul character (of ``_HAN``, ``_KANA`` or the
    hangul syllables)."""
    if not text or text.isascii() or max(text) < "\u3040":
        return False
    for ch in text:
        if ch >= "\u3040" and (
            "\u4e00" <= ch <= "\u9fff"
            or "\u3400" <= ch <= "\u4dbf"
            or "\u3040" <= ch <= "\u30ff"
            or "\uac00" <= ch <= "\ud7af"
            or "\u31f0" <= ch <= "\u31ff"
            or "\uf900" <= ch <= "\ufaff"
            or "\U00020000" <= ch <= "\U0002a6df"
            or "\U0002a700" <= ch <= "\U0002ebef"
            or "\U00030000" <= ch <= "\U0003134f"
        ):
            return True
    return False


def has_kana(text: str | None) -> bool:
    """True if *text* holds Japanese kana."""
    return bool(text) and _script("kana").search(text) is not None  # type: ignore[arg-type]


def has_han(text: str | None) -> bool:
    """True if *text* holds a Han ideograph."""
    return bool(text) and _script("han").search(text) is not None  # type: ignore[arg-type]


def is_han(text: str) -> bool:
    """True if *text* is one or more Han ideographs and nothing else."""
    return _script("han-only").fullmatch(text) is not None


# What people write in language fields, folded to lower case without spaces, -> BCP 47.
_LANGUAGE_ALIASES: dict[str, str] = {
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh_cn": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-hans-cn": "zh-CN",
    "cn": "zh-CN",
    "chi": "zh-CN",
    "zho": "zh-CN",
    "chinese": "zh-CN",
    "simplifiedchinese": "zh-CN",
    "mandarin": "zh-CN",
    "中文": "zh-CN",
    "汉语": "zh-CN",
    "漢語": "zh-TW",
    "简体中文": "zh-CN",
    "中文简体": "zh-CN",
    "chs": "zh-CN",
    "zh-tw": "zh-TW",
    "zh_tw": "zh-TW",
    "zh-hant": "zh-TW",
    "zh-hk": "zh-HK",
    "traditionalchinese": "zh-TW",
    "繁體中文": "zh-TW",
    "繁体中文": "zh-TW",
    "cht": "zh-TW",
    "en": "en-US",
    "eng": "en-US",
    "english": "en-US",
    "american": "en-US",
    "usenglish": "en-US",
    "en-us": "en-US",
    "en_us": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "en-gb": "en-GB",
    "en_gb": "en-GB",
    "australian": "en-AU",
    "canadian": "en-CA",
    "英文": "en-US",
    "英语": "en-US",
    "ja": "ja-JP",
    "jpn": "ja-JP",
    "japanese": "ja-JP",
    "日文": "ja-JP",
    "日语": "ja-JP",
    "日本語": "ja-JP",
    "ko": "ko-KR",
    "kor": "ko-KR",
    "korean": "ko-KR",
    "韩文": "ko-KR",
    "ru": "ru-RU",
    "rus": "ru-RU",
    "russian": "ru-RU",
    "俄文": "ru-RU",
    "俄语": "ru-RU",
    "de": "de-DE",
    "ger": "de-DE",
    "deu": "de-DE",
    "german": "de-DE",
    "ngerman": "de-DE",
    "德文": "de-DE",
    "德语": "de-DE",
    "fr": "fr-FR",
    "fre": "fr-FR",
    "fra": "fr-FR",
    "french": "fr-FR",
    "法文": "fr-FR",
    "法语": "fr-FR",
    "es": "es-ES",
    "spa": "es-ES",
    "spanish": "es-ES",
    "it": "it-IT",
    "ita": "it-IT",
    "italian": "it-IT",
    "pt": "pt-PT",
    "portuguese": "pt-PT",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "nl": "nl-NL",
    "dutch": "nl-NL",
    "la": "la",
    "latin": "la",
    "el": "el-GR",
    "greek": "el-GR",
    "sv": "sv-SE",
    "swedish": "sv-SE",
    "pl": "pl-PL",
    "polish": "pl-PL",
}

_TAG_RE = LazyPattern(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")


@lru_cache(maxsize=1024)  # a list has few distinct language fields
@lru_cache(maxsize=4096)
def normalize_language(value: str | None) -> str | None:
    """A BCP 47 tag for what people write in a language field, or None if unrecognised.

    >>> normalize_language("chinese"), normalize_language("中文"), normalize_language("en")
    ('zh-CN', 'zh-CN', 'en-US')
    """
    if not value:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    # "english and chinese", "zh; en": take the first language named
    first = re.split(r"[;,/]|\s+and\s+", text, maxsplit=1)[0].strip()
    folded = re.sub(r"\s+", "", first).lower()
    if folded in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[folded]
    m = _TAG_RE.match(first)
    if m:
        lang, script, region = m.group(1).lower(), m.group(2), m.group(3)
        if lang in ("zh", "en", "ja", "ko", "ru", "de", "fr") and not region and not script:
            return _LANGUAGE_ALIASES[lang]
        tag = lang
        if script:
            tag += "-" + script.title()
        if region:
            tag += "-" + region.upper()
        if lang == "zh" and script and not region:
            return "zh-TW" if script.lower() == "hant" else "zh-CN"
        return tag
    return None


def primary_language(tag: str | None) -> str | None:
    """The primary subtag: ``zh`` for ``zh-CN``."""
    return tag.split("-", 1)[0].lower() if tag else None


def work_language(work: Work) -> str:
    """The BCP 47 language of *work*: its ``language`` field if recognisable, else its script.

    Script decides between Chinese (Han without kana), Japanese (kana), Korean
    (hangul) and English (anything else), in the title, container, publisher and the
    first three authors and editors (:func:`script_language`).
    """
    tag = normalize_language(work.language)
    if tag:
        return tag
    return script_language(
        work.title,
        work.container_title,
        work.publisher,
        *(n.literal or n.family or "" for n in work.author[:3] + work.editor[:3]),
    )


def script_language(*texts: str | None) -> str:
    """The language the script of *texts* suggests: ``ja-JP`` for kana, ``ko-KR`` for
    hangul, ``zh-CN`` for Han, else ``en-US``."""
    probe = " ".join(filter(None, texts))
    if not has_cjk(probe):
        return "en-US"
    if has_kana(probe):
        return "ja-JP"
    if _script("hangul").search(probe):
        return "ko-KR"
    if has_han(probe):
        return "zh-CN"
    return "en-US"


def is_cjk_name(name: Name) -> bool:
    """True for a name written in Han, kana or hangul (rendered family+given, no space)."""
    return has_cjk(name.family) or has_cjk(name.given) or has_cjk(name.literal)


# Two-character Chinese surnames (复姓) that must not be split after one character.
_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "太史",
        "端木",
        "上官",
        "司马",
        "东方",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "夏侯",
        "诸葛",
        "尉迟",
        "公羊",
        "赫连",
        "澹台",
        "皇甫",
        "宗政",
        "濮阳",
        "公冶",
        "太叔",
        "申屠",
        "公孙",
        "慕容",
        "仲孙",
        "钟离",
        "长孙",
        "宇文",
        "司徒",
        "鲜于",
        "司空",
        "闾丘",
        "子车",
        "亓官",
        "司寇",
        "巫马",
        "公西",
        "颛孙",
        "壤驷",
        "公良",
        "漆雕",
        "乐正",
        "宰父",
        "谷梁",
        "拓跋",
        "夹谷",
        "轩辕",
        "令狐",
        "段干",
        "百里",
        "呼延",
        "东郭",
        "南门",
        "羊舌",
        "微生",
        "公户",
        "公玉",
        "公仪",
        "梁丘",
        "公仲",
        "公上",
        "公门",
        "公山",
        "公坚",
        "左丘",
        "公伯",
        "西门",
        "公祖",
        "第五",
        "公乘",
        "贯丘",
        "公皙",
        "南荣",
        "东里",
        "东宫",
        "仲长",
        "子书",
        "子桑",
        "即墨",
        "达奚",
        "褚师",
        "吴铭",
    ]
)


def split_cjk_name(text: str) -> Name:
    """A Chinese name as family and given name: ``孙柏瑛`` → 孙 + 柏瑛, ``欧阳修`` → 欧阳 + 修.

    Names of one character, names with a separator (``·``) and names that are
    not all Han stay whole, as ``literal``.
    """
    name = text.strip()
    if not name:
        return Name(literal=text)
    if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES:
        return Name(family=name[:2], given=name[2:])
    if 2 <= len(name) <= 4 and is_han(name):
        return Name(family=name[0], given=name[1:])
    return Name(literal=name)


# Surnames whose reading differs from the character's most common reading.
_SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng1",
    "单": "shan4",
    "仇": "qiu2",
    "解": "xie4",
    "区": "ou1",
    "查": "zha1",
    "朴": "piao2",
    "盖": "ge3",
    "乐": "yue4",
    "缪": "miao4",
    "翟": "zhai2",
    "种": "chong2",
    "秘": "bi4",
    "尉": "yu4",
    "覃": "qin2",
    "隗": "wei3",
    "召": "shao4",
    "员": "yun4",
    "繁": "po2",
    "句": "gou1",
    "蕃": "pi2",
    "重": "chong2",
    "长孙": "zhang3sun1",
    "尉迟": "yu4chi2",
    "万俟": "mo4qi2",
    "沈": "shen3",
    "柏": "bai3",
    "薄": "bo2",
    "祭": "zhai4",
    "谌": "chen2",
    "黑": "he4",
    "宿": "su4",
    "牟": "mou2",
    "能": "nai4",
    "都": "du1",
    "华": "hua4",
    "任": "ren2",
    "过": "guo1",
    "折": "she2",
    "哈": "ha3",
    "藏": "zang4",
    "厦": "xia4",
    "占": "zhan1",
    "纪": "ji3",
    "阚": "kan4",
}


@lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(
        lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    )


def surname_reading(text: str) -> tuple[int, tuple[str, ...]] | None:
    """``(n, readings)`` when *text* starts with an n-character surname read otherwise as a
    surname than as a word (``曾`` → ``(1, ("zeng1",))``, ``长孙`` → ``(2, ("zhang3", "sun1"))``)."""
    for n in (2, 1):
        reading = _SURNAME_READINGS.get(text[:n]) if len(text) >= n else None
        if reading is not None:
            return n, tuple(re.findall(r"[a-zü]+[1-5]", reading))
    return None


def pinyin_key(text: str, *, surname: bool = True) -> tuple[str, ...]:
    """A sort key for Chinese *text* by pinyin (with tone numbers to break ties).

    With *surname* the leading one or two characters are read as a surname
    (曾 zeng, not ceng).  Non-Han characters sort by themselves, lowercased.
    """
    if not text:
        return ()
    head: tuple[str, ...] = ()
    rest = text
    if surname:
        if text[:2] in _SURNAME_READINGS:
            head, rest = (_SURNAME_READINGS[text[:2]],), text[2:]
        elif text[:1] in _SURNAME_READINGS:
            head, rest = (_SURNAME_READINGS[text[:1]],), text[1:]
    return head + tuple(s.lower() for s in _pinyin(rest))


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's character table)."""
    from pypinyin import Style, pinyin_dict
    from pypinyin.style import convert

    out: set[str] = set()
    for readings in pinyin_dict.pinyin_dict.values():
        for reading in readings.split(","):
            out.add(convert(reading, Style.NORMAL, strict=True).replace("ü", "v"))
    return frozenset(out)


def _is_pinyin_word(word: str) -> bool:
    syllables = _pinyin_syllables()
    text = word.lower().replace("ü", "v")
    reachable = [True] + [False] * len(text)
    for i in range(len(text)):
        if reachable[i]:
            for j in range(i + 1, min(len(text), i + 6) + 1):
                if text[i:j] in syllables:
                    reachable[j] = True
    return reachable[-1]


def is_pinyin_name(family: str | None, given: str | None) -> bool:
    """True for a Chinese name written in pinyin with its given name in full (``Wang Shanshan``).

    The family name must be one pinyin syllable and every part of the given name
    (split at spaces and hyphens) a run of syllables; initials (``K. Q.``) never are.
    """
    if not family or not given:
        return False
    if not re.fullmatch(r"[A-Z][a-zü]+", family) or family.lower() not in _pinyin_syllables():
        return False
    parts = [p for p in re.split(r"[\s-]+", given.strip()) if p]
    return bool(parts) and all(
        re.fullmatch(r"[A-Za-zü][a-zü]+", p) is not None and _is_pinyin_word(p) for p in parts
    )
