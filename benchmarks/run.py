"""Run `benchmarks/bench_*.py` (all, or those named), print one table, update results.json.

Each module offers `run() -> list[Figure]`. Figures that compare two things measured in the
same run (ratios) are the ones to trust on a shared machine; absolute times are context.
`python -m benchmarks.run predict` reruns one benchmark: results.json keeps the others' figures,
each benchmark with the time it was measured.
"""

import importlib
import json
import platform
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

HERE = Path(__file__).resolve().parent


class Figure(TypedDict):
    benchmark: str
    figure: str
    value: float
    unit: str
    note: str


def discover(only: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    return [name for name in names if not only or any(word in name for word in only)]


def print_table(figures: list[Figure]) -> None:
    header = ("benchmark", "figure", "value", "unit", "note")
    rows = [
        (f["benchmark"], f["figure"], f"{f['value']:,.3f}", f["unit"], f["note"]) for f in figures
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str]) -> int:
    from lambdas.core.observability import logger

    logger.setLevel("WARNING")
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    names = discover(argv)
    if not names:
        print(f"no benchmark matches {' '.join(argv)}: see benchmarks/bench_*.py", file=sys.stderr)
        return 2
    figures: list[Figure] = []
    for name in names:
        began = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        figures.extend(module.run())
        print(f"{name}: done in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    print_table(figures)
    path = HERE / "results.json"
    previous = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    results = merge_results(previous, figures, datetime.now(UTC).isoformat(timespec="seconds"))
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def merge_results(previous: dict[str, Any], figures: list[Figure], now: str) -> dict[str, Any]:
    """The new figures, and those of the benchmarks not rerun as they were."""
    rerun = {figure["benchmark"] for figure in figures}
    measured_at = previous.get("measured_at")
    if not isinstance(measured_at, dict):  # the older layout: one time for the whole file
        kept_names = {figure["benchmark"] for figure in previous.get("figures", [])}
        measured_at = dict.fromkeys(kept_names, measured_at)
    kept = [f for f in previous.get("figures", []) if f["benchmark"] not in rerun]
    return {
        "measured_at": {
            **{name: at for name, at in measured_at.items() if name not in rerun},
            **dict.fromkeys(sorted(rerun), now),
        },
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "figures": kept + figures,
    }


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
