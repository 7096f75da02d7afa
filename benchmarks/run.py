"""Run every `benchmarks/bench_*.py`, print one table, write benchmarks/results.json.

Each module offers `run() -> list[Figure]`. Figures that compare two things measured in the
same run (ratios) are the ones to trust on a shared machine; absolute times are context.
"""

import importlib
import json
import platform
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

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
    figures: list[Figure] = []
    for name in discover(argv):
        began = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        figures.extend(module.run())
        print(f"{name}: done in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    print_table(figures)
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "figures": figures,
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
