"""Timing one command with `/usr/bin/time -v`, medians, and the Markdown tables.

Wall time is measured in this process with `time.perf_counter()` around the child (finer than
`/usr/bin/time`'s 10 ms "Elapsed" field; the extra fork of `time` costs about a millisecond);
CPU time (user + sys) and peak RSS ("Maximum resident set size") come from `/usr/bin/time -v`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass

TIME = "/usr/bin/time"


class CommandFailed(RuntimeError):
    pass


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + sys
    rss_kb: int  # peak resident set size, KiB


def run_timed(cmd: list[str], log_prefix: str, env: dict[str, str] | None = None) -> Sample:
    """Runs `cmd` under `/usr/bin/time -v`; stdout/stderr go to `log_prefix.out/.err`.

    An untimed `sync` first, so writing back the previous step's output (or deleting it) does
    not land on this step's clock."""
    time_file = log_prefix + ".time"
    os.sync()
    with open(log_prefix + ".out", "wb") as out, open(log_prefix + ".err", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-v", "-o", time_file, *cmd], stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        with open(log_prefix + ".err", encoding="utf-8", errors="replace") as f:
            tail = f.read()[-2000:]
        raise CommandFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{tail}")
    fields: dict[str, str] = {}
    with open(time_file, encoding="utf-8", errors="replace") as f:
        for line in f:
            key, sep, value = line.strip().rpartition(": ")
            if sep:
                fields[key] = value
    return Sample(
        wall=wall,
        cpu=float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]),
        rss_kb=int(fields["Maximum resident set size (kbytes)"]),
    )


def median(samples: list[Sample]) -> Sample:
    """Median of each metric separately."""
    return Sample(
        wall=statistics.median(s.wall for s in samples),
        cpu=statistics.median(s.cpu for s in samples),
        rss_kb=int(statistics.median(s.rss_kb for s in samples)),
    )


def fmt_seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def fmt_rss(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def fmt_ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b > 0 else "—"


def table(header: list[str], rows: list[list[str]], right_from: int = 2) -> str:
    """A Markdown table; columns from `right_from` on are right-aligned."""
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def comparison_row(n_label: str, what: str, ck: Sample, hugo: Sample | None) -> list[str]:
    """`| N | measurement | wall CK | wall Hugo | ratio | CPU … | RSS … |`."""
    if hugo is None:
        return [n_label, what, fmt_seconds(ck.wall), "—", "—", fmt_seconds(ck.cpu), "—", "—",
                fmt_rss(ck.rss_kb), "—", "—"]
    return [
        n_label, what,
        fmt_seconds(ck.wall), fmt_seconds(hugo.wall), fmt_ratio(ck.wall, hugo.wall),
        fmt_seconds(ck.cpu), fmt_seconds(hugo.cpu), fmt_ratio(ck.cpu, hugo.cpu),
        fmt_rss(ck.rss_kb), fmt_rss(hugo.rss_kb), fmt_ratio(ck.rss_kb, hugo.rss_kb),
    ]


COMPARISON_HEADER = [
    "N", "Measurement",
    "CongKhai wall", "Hugo wall", "wall CK/Hugo",
    "CongKhai CPU", "Hugo CPU", "CPU CK/Hugo",
    "CongKhai peak RSS", "Hugo peak RSS", "RSS CK/Hugo",
]

FLOOR_HEADER = ["N", "Floor", "wall", "CPU", "peak RSS", "CongKhai build ÷ floor (wall)",
                "Hugo build ÷ floor (wall)"]


def floor_row(n_label: str, what: str, floor: Sample, ck: Sample | None, hugo: Sample | None) -> list[str]:
    return [
        n_label, what, fmt_seconds(floor.wall), fmt_seconds(floor.cpu), fmt_rss(floor.rss_kb),
        fmt_ratio(ck.wall, floor.wall) if ck else "—",
        fmt_ratio(hugo.wall, floor.wall) if hugo else "—",
    ]


def remove_tree(path: str) -> None:
    """`rm -rf`, quicker than shutil.rmtree for 100,000 files."""
    if os.path.lexists(path):
        subprocess.run(["rm", "-rf", "--", path], check=True)
