"""Benchmark: the tagged readers (RIS, EndNote, CNKI, NoteExpress), the RIS writer and the
pasted-page importer on generated worst-case shapes.

Each case builds its input in a fresh process (not timed), reads it with
:func:`citelib.read_text` (or writes it) and prints the shape, its size, the seconds the
call took (wall and CPU; on a shared machine trust CPU), lines/s and MB/s of CPU
time, the works read and the peak memory of the process.  A case
that does not finish within ``--timeout`` seconds is printed as ``> N s``.

    .venv/bin/python bench/bench_tagged_limits.py                 # every case, 60 s each
    .venv/bin/python bench/bench_tagged_limits.py --only ris- --timeout 20
    .venv/bin/python bench/bench_tagged_limits.py --src /tmp/before   # another checkout's citelib

``--src DIR`` puts ``DIR`` first on ``sys.path`` of each case, so the same shapes can be
timed against an older copy of the code (``git archive HEAD | tar -x -C /tmp/before``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable

M = 1_000_000

# --------------------------------------------------------------------------- shapes


def _ris_record(i: int) -> str:
    return (
        f"TY  - JOUR\nAU  - Family{i % 997}, Given\nTI  - Title number {i}\n"
        f"PY  - {1900 + i % 120}\nER  - \n"
    )


def ris_records(n: int) -> str:
    """*n* ordinary five-line records."""
    return "".join(_ris_record(i) for i in range(n))


def ris_one(body: str) -> str:
    return f"TY  - JOUR\nTI  - A title\n{body}ER  - \n"


def ris_tagged(tag: str, n: int, value: Callable[[int], str]) -> str:
    return ris_one("".join(f"{tag}  - {value(i)}\n" for i in range(n)))


def ris_continuation(n: int) -> str:
    return ris_one("AB  - start\n" + "".join(f"continued line {i}\n" for i in range(n)))


def ris_no_tags(n: int) -> str:
    return "".join(f"some text without a tag {i}\n" for i in range(n))


def ris_long_lines(n: int, width: int) -> str:
    line = "x" * width
    return ris_one("AB  - start\n" + "".join(f"{line}{i}\n" for i in range(n)))


def ris_field(size: int) -> str:
    return ris_one("AB  - " + ("word " * (size // 5)) + "\n")


def endnote_records(n: int) -> str:
    return "".join(
        f"%0 Journal Article\n%A Family{i % 997}, Given\n%T Title number {i}\n%D {1900 + i % 120}\n\n"
        for i in range(n)
    )


def endnote_one(tag: str, n: int, value: Callable[[int], str]) -> str:
    return "%0 Journal Article\n%T A title\n" + "".join(f"%{tag} {value(i)}\n" for i in range(n))


def endnote_continuation(n: int) -> str:
    return "%0 Journal Article\n%T A title\n%X start\n" + "".join(
        f"continued line {i}\n" for i in range(n)
    )


def cnki_records(n: int) -> str:
    return "".join(
        f"DataType: 1\nTitle-题名: 标题{i}\nAuthor-作者: 王{i % 97};李四;\n"
        f"Source-刊名: 期刊\nYear-年: {1950 + i % 70}\n\n"
        for i in range(n)
    )


def cnki_labels(n: int) -> str:
    """One record with *n* different labels (``F0-字段: v`` …)."""
    return "DataType: 1\nTitle-题名: 标题\n" + "".join(f"F{i}-字段: v{i}\n" for i in range(n))


def cnki_keywords(n: int) -> str:
    return "DataType: 1\nTitle-题名: 标题\nKeyword-关键词: " + ";".join(f"词{i}" for i in range(n))


def noteexpress_records(n: int) -> str:
    return "".join(
        f"{{Reference Type}}: Journal Article\n{{Title}}: 标题{i}\n{{Author}}: 王{i % 97}\n"
        f"{{Journal}}: 期刊\n{{Year}}: {1950 + i % 70}\n\n"
        for i in range(n)
    )


def noteexpress_fields(n: int) -> str:
    return "{Reference Type}: Journal Article\n{Title}: 标题\n" + "".join(
        f"{{Field {i}}}: v{i}\n" for i in range(n)
    )


def page_journal(english_words: int, chinese: int = 8, repeat: int = 0) -> str:
    """A journal-article page with *english_words* English keyword words after *chinese*
    Chinese keywords; *repeat* extra copies of a repeated field line."""
    zh = " ".join(f"关键词{i}" for i in range(chinese))
    en = " ".join(f"word{i}" for i in range(english_words))
    more = "二级引证文献2\n" * repeat
    return (
        "社区治理的研究\nResearch on Community Governance\n"
        "摘要 中文摘要。 English abstract.\n作者 王五\n出处 《期刊》2018年第1期2-16,共15页\n"
        f"关键词 {zh} {en}\n参考文献6\n{more}"
    )


def page_repeated_line(size: int) -> str:
    head = "标题\n作者 王五\n出处 《期刊》2018年\n摘要 文本\n"
    line = "一行重复的文字 repeated text\n"
    return head + line * (size // len(line.encode()))


def page_thesis(size: int) -> str:
    head = (
        "A Title\nPosted on:2020-08-25Degree:DoctorType:Dissertation\n"
        "Country:ChinaCandidate:K Q RenFull Text:PDFGTID:1\nAbstract/Summary:\n"
    )
    line = "Abstract text line that goes on.\n"
    return head + line * (size // len(line)) + "Keywords/Search Tags:a, b\n"


def ris_write_authors(n: int) -> str:
    """Not text: marks a write case (the authors of one work written as RIS)."""
    return str(n)


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    # RIS
    "ris-records-200k (1M lines)": ("ris", lambda: ris_records(200_000)),
    "ris-records-100k": ("ris", lambda: ris_records(100_000)),
    "ris-kw-1M (one record)": ("ris", lambda: ris_tagged("KW", M, lambda i: f"keyword {i}")),
    "ris-kw-50k": ("ris", lambda: ris_tagged("KW", 50_000, lambda i: f"keyword {i}")),
    "ris-kw-1M-same": ("ris", lambda: ris_tagged("KW", M, lambda i: "same")),
    "ris-sn-1M": ("ris", lambda: ris_tagged("SN", M, lambda i: f"{i:08d}")),
    "ris-sn-20k": ("ris", lambda: ris_tagged("SN", 20_000, lambda i: f"{i:08d}")),
    "ris-sn-text-100k": ("ris", lambda: ris_tagged("SN", 100_000, lambda i: f"n{i}")),
    "ris-au-100k": ("ris", lambda: ris_tagged("AU", 100_000, lambda i: f"Family{i}, G")),
    "ris-ur-100k": ("ris", lambda: ris_tagged("UR", 100_000, lambda i: f"http://x/{i}")),
    "ris-n1-100k": ("ris", lambda: ris_tagged("N1", 100_000, lambda i: f"note {i}")),
    "ris-u1-100k": ("ris", lambda: ris_tagged("U1", 100_000, lambda i: f"{i}[pmid]")),
    "ris-py-100k": ("ris", lambda: ris_tagged("PY", 100_000, lambda i: f"{1000 + i % 9000}")),
    "ris-sp-100k": ("ris", lambda: ris_tagged("SP", 100_000, lambda i: f"{i}")),
    "ris-ti-100k": ("ris", lambda: ris_tagged("TI", 100_000, lambda i: f"title {i}")),
    "ris-id-100k": ("ris", lambda: ris_tagged("ID", 100_000, lambda i: f"k{i}")),
    "ris-continuation-1M": ("ris", lambda: ris_continuation(M)),
    "ris-continuation-100k": ("ris", lambda: ris_continuation(100_000)),
    "ris-no-tags-1M": ("ris", lambda: ris_no_tags(M)),
    "ris-long-lines-1000x10KB": ("ris", lambda: ris_long_lines(1000, 10_000)),
    "ris-field-5MB": ("ris", lambda: ris_field(5 * M)),
    "ris-ty-1M": ("ris", lambda: "TY  - JOUR\n" * M),
    # EndNote
    "endnote-records-200k (1M lines)": ("endnote", lambda: endnote_records(200_000)),
    "endnote-K-1M": ("endnote", lambda: endnote_one("K", M, lambda i: f"keyword {i}")),
    "endnote-@-1M": ("endnote", lambda: endnote_one("@", M, lambda i: f"{i:08d}")),
    "endnote-@-20k": ("endnote", lambda: endnote_one("@", 20_000, lambda i: f"{i:08d}")),
    "endnote-A-100k": ("endnote", lambda: endnote_one("A", 100_000, lambda i: f"Family{i}, G")),
    "endnote-continuation-1M": ("endnote", lambda: endnote_continuation(M)),
    "endnote-continuation-100k": ("endnote", lambda: endnote_continuation(100_000)),
    "endnote-no-tags-1M": ("endnote", lambda: ris_no_tags(M)),
    "endnote-field-5MB": ("endnote", lambda: "%0 Journal Article\n%X " + "word " * M + "\n"),
    # CNKI
    "cnki-records-200k (1.2M lines)": ("cnki", lambda: cnki_records(200_000)),
    "cnki-labels-100k": ("cnki", lambda: cnki_labels(100_000)),
    "cnki-labels-20k": ("cnki", lambda: cnki_labels(20_000)),
    "cnki-keywords-100k": ("cnki", lambda: cnki_keywords(100_000)),
    # NoteExpress
    "noteexpress-records-200k (1.2M lines)": ("noteexpress", lambda: noteexpress_records(200_000)),
    "noteexpress-fields-100k": ("noteexpress", lambda: noteexpress_fields(100_000)),
    # pasted pages
    "page-keywords-400-words": ("page", lambda: page_journal(400)),
    "page-keywords-100-words": ("page", lambda: page_journal(100)),
    "page-keywords-200KB": ("page", lambda: page_journal(25_000, chinese=40)),
    "page-repeated-field-100k": ("page", lambda: page_journal(10, repeat=100_000)),
    "page-repeated-line-200KB": ("page", lambda: page_repeated_line(200_000)),
    "page-repeated-author-line-200KB": (
        "page",
        lambda: page_journal(10) + "作者 王五\n" * (200_000 // 14),
    ),
    "page-spaces-in-fields-200KB": (
        "page",
        lambda: page_journal(10).replace("作者 王五", "作者 王五" + " " * 200_000 + "李四"),
    ),
    "page-thesis-5MB": ("page", lambda: page_thesis(5 * M)),
    # formatted reference lists (citelib.parse's reader): a run without spaces before a stop
    # (a fuzz input, <i> repeated) cost the run squared at every stop; 1,000 entries of a
    # GB/T list for the rate
    "reflist-long-run-60KB": (
        "reflist",
        lambda: (
            "[1] 张三. Typical " + "<i>" * 20_000 + " REN K Q, 2020. 书名[M]. 北京: 出版社, 2020.\n"
        ),
    ),
    "reflist-entries-1000": (
        "reflist",
        lambda: "".join(
            f"[{i}] 孙柏瑛. 城市政府协同治理框架{i}[J]. 地方治理研究, 2018(1): 2-16.\n"
            for i in range(1, 1001)
        ),
    ),
    # writing
    "ris-write-authors-100k": ("ris-write", lambda: ris_write_authors(100_000)),
}

_CHILD = r"""
import json, resource, sys, time
src, name = sys.argv[1], sys.argv[2]
if src:
    sys.path.insert(0, src)
sys.path.insert(0, sys.argv[3])
import citelib
from bench_tagged_limits import CASES
fmt, make = CASES[name]
text = make()
t0, c0 = time.perf_counter(), time.process_time()
if fmt == "ris-write":
    from citelib.model import Name, Work
    work = Work(id="w", type="book", author=tuple(Name(family=f"F{i}", given="G") for i in range(int(text))))
    out = citelib.write_text([work], "ris").text
    n, lines, size = 1, out.count("\n"), len(out.encode())
else:
    try:
        lib = citelib.read_text(text, fmt)
        n = len(lib.works)
    except citelib.errors.CitelibError as e:
        n = f"error: {str(e)[:60]}"
    lines, size = text.count("\n"), len(text.encode())
secs, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"secs": secs, "cpu": cpu, "lines": lines, "bytes": size, "works": n, "rss": rss,
                  "file": citelib.__file__}))
"""


def run(name: str, timeout: float, src: str) -> str:
    here = sys.path[0]
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, src, name, here],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"{name:40} > {timeout:g} s"
    if done.returncode != 0:
        return f"{name:40} failed: {done.stderr.strip().splitlines()[-1:]}"
    r = json.loads(done.stdout.strip().splitlines()[-1])
    secs = max(r["cpu"], 1e-9)
    return (
        f"{name:40} {r['secs']:8.2f} s wall {r['cpu']:8.2f} s CPU  "
        f"{r['lines']:>9,} lines {r['bytes'] / M:7.2f} MB  "
        f"{r['lines'] / secs:>11,.0f} lines/s {r['bytes'] / M / secs:7.2f} MB/s  "
        f"works {r['works']}  peak {r['rss']:.0f} MB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    ap.add_argument("--only", default="", help="run the cases whose name holds this")
    ap.add_argument("--src", default="", help="a directory holding another citelib to time")
    ap.add_argument("--list", action="store_true", help="list the cases")
    args = ap.parse_args()
    names = [n for n in CASES if args.only in n]
    if args.list:
        print("\n".join(names))
        return
    start = time.perf_counter()
    for name in names:
        print(run(name, args.timeout, args.src), flush=True)
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
