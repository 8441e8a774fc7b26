"""`make bench`: run every benchmark in one process and write docs/benchmarks.md.

Each benchmark module exposes `run() -> dict`. A dict with "rows" (metric,
value, target, verdict) and "notes" is rendered as a table; any other dict is
rendered key by key. A benchmark that fails is reported, not hidden.
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import sys
import traceback
from pathlib import Path

MODULES = ["bench_engine", "bench_planner", "bench_plan_targets", "bench_autograde", "bench_dashboard"]
ROOT = Path(__file__).resolve().parent.parent
BY_HAND = "## Why the code is shaped this way"   # a section written by hand: every run keeps it, last


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
        memory_text = f"{memory:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        memory_text = "unknown RAM"
    return (f"{cpu}, {os.cpu_count()} cores, {memory_text}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()} from {sys.base_prefix}")


def render(name: str, result: dict) -> str:
    lines = [f"## {result.get('title', name)}", ""]
    if "rows" in result:
        lines += ["| metric | value | target | verdict |", "|---|---|---|---|"]
        lines += [f"| {' | '.join(str(c) for c in row)} |" for row in result["rows"]]
    else:
        lines += ["| metric | value |", "|---|---|"]
        for key, value in result.items():
            if key in ("title", "notes", "markdown"):
                continue
            shown = f"{value:.4g}" if isinstance(value, float) else str(value)
            lines.append(f"| {key} | {shown} |")
    for key in ("notes", "markdown"):
        if result.get(key):
            lines += ["", str(result[key])]
    return "\n".join(lines) + "\n"


def split_by_hand(text: str) -> tuple[str, str]:
    """The generated part of docs/benchmarks.md and its hand-written section (with a blank line before)."""
    start = text.find(BY_HAND)
    if start < 0:
        return text, ""
    end = text.find("\n## ", start + 1)
    section = text[start:] if end < 0 else text[start:end + 1]
    rest = text[:start] + ("" if end < 0 else text[end + 1:])
    return rest, "\n" + section.rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    wanted = argv or MODULES
    sections = []
    failed = 0
    for name in wanted:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError:
            print(f"skip {name}: not present", file=sys.stderr)
            continue
        print(f"running {name} ...", flush=True)
        try:
            result = module.run()
        except Exception:  # report and go on: one broken benchmark must not hide the others
            failed += 1
            print(traceback.format_exc(), file=sys.stderr)
            sections.append(f"## {name}\n\nFAILED:\n\n```\n{traceback.format_exc()}```\n")
            continue
        text = render(name, result)
        print(text)
        sections.append(text)
    header = (f"# Benchmarks\n\nWritten by `make bench` on {dt.date.today()} — machine: {machine()}.\n\n"
              "Every ratio compares against a baseline run in the same process. Timings are never asserted "
              "in the test suite. The machine is a shared virtual machine whose speed drifts by itself (the "
              "same work can take up to twice as long, for seconds to minutes at a time, with nothing else "
              "running), so each benchmark interleaves what it compares and reports the spread: ratios hold, "
              "absolute times (a Kim Boi month, the national projection) follow the host's state.\n\n")
    out = ROOT / "docs" / "benchmarks.md"
    existing, by_hand = split_by_hand(out.read_text() if out.exists() else "")
    if argv and existing:  # a partial run updates only its own sections
        if existing.startswith("# Benchmarks") and "\n## " in existing:  # today's date and machine on top
            existing = header + existing[existing.index("\n## ") + 1:]
        for section in sections:
            title = section.splitlines()[0]
            start = existing.find(title)
            if start >= 0:
                end = existing.find("\n## ", start + 1)
                existing = existing[:start] + section + ("\n" + existing[end + 1:] if end >= 0 else "")
            else:
                existing += "\n" + section
        out.write_text(existing.rstrip("\n") + "\n" + by_hand)
    else:
        out.write_text(header + "\n".join(sections).rstrip("\n") + "\n" + by_hand)
    print(f"wrote {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
