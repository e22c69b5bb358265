"""The benchmark: `make bench`, or `.venv/bin/python -m bench.run [--scenario N | --only NAME ...] [--quick]`.

Runs the scenarios of BENCHMARKS.md in order (all by default), each on fresh throw-away processes and
databases. Each prints one JSON line with its figures and targets and writes the same to
bench/results/<name>.json. Exits 1 when a scenario failed to run (a missed target is a figure, not an
error: it is reported, and BENCHMARKS.md says why).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    from bench.scenarios import SCENARIOS
    from bench.scenarios.common import Options

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scenario",
        "-s",
        type=int,
        action="append",
        choices=sorted(SCENARIOS),
        help="run only this scenario (repeatable)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(name for name, _ in SCENARIOS.values()),
        metavar="NAME",
        help="run only the scenario of this name, e.g. jury (repeatable; with --scenario too)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller runs, one repeat: checks the harness, not the figures"
    )
    parser.add_argument(
        "--repeats", type=int, default=None, help="repeats per scenario (default 3; 1 with --quick)"
    )
    args = parser.parse_args(argv)
    options = Options(quick=args.quick, repeats=args.repeats or (1 if args.quick else 3))
    RESULTS.mkdir(exist_ok=True)
    broken = 0
    started_all = time.perf_counter()
    by_name = {name: number for number, (name, _) in SCENARIOS.items()}
    picked = {*(args.scenario or []), *(by_name[name] for name in args.only or [])}
    chosen = sorted(picked or SCENARIOS)
    for number in chosen:
        name, run = SCENARIOS[number]
        record = {
            "scenario": number,
            "name": name,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": options.quick,
            "repeats": options.repeats,
            "machine": _machine(),
        }
        started = time.perf_counter()
        try:
            outcome = run(options)
        except Exception as exc:  # noqa: BLE001 - one broken scenario must not hide the others' figures
            broken += 1
            record.update(error=f"{type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
        else:
            record.update(
                figures=outcome.figures,
                targets=outcome.targets,
                notes=outcome.notes,
                all_targets_met=all(t["met"] for t in outcome.targets.values()),
            )
        record["seconds"] = round(time.perf_counter() - started, 1)
        line = json.dumps(record)
        print(line, flush=True)
        (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2) + "\n")
    print(
        f"bench: {len(chosen)} scenarios in {time.perf_counter() - started_all:.0f} s",
        file=sys.stderr,
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
