"""`make quality`: the filter's confusion figures on both halves of the labelled corpus.

    python scripts/quality_report.py [--half tune|heldout] [--wrong] [--offline ITEMS]

--wrong lists the misjudged cases (of the tune half only: the held-out half is for measuring).
--offline scores the built-in writer's stories instead (ITEMS planned items x 3 voices, the defaults of a
run): how many are kept, and the CPU time cleaning and scoring take per candidate (`time.process_time`,
the best of three rounds, so that other work on the machine weighs as little as it can).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autotrain.quality import corpus  # noqa: E402


def offline(items: int, *, seed: int = 0, rounds: int = 3) -> str:
    from autotrain.llm.offline import planned_stories
    from autotrain.quality import score

    stories = [(text, i.prompt, i.genre) for i, text in planned_stories(seed=seed, num_examples=items)]
    for text, prompt, genre in stories[:200]:  # warm the caches
        score(text, prompt, genre=genre)
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        reports = [score(text, prompt, genre=genre) for text, prompt, genre in stories]
        best = min(best, time.process_time() - started)
    kept = sum(report.kept for report in reports)
    lines = [f"offline writer: kept {kept:,}/{len(stories):,}, cleaning + scoring "
             f"{best / len(stories) * 1000:.3f} ms CPU per candidate (best of {rounds} rounds)"]
    for reason, count in Counter(r.reject_reason for r in reports if not r.kept).most_common():
        lines.append(f"  rejected {count}: {reason}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=corpus.HALVES, action="append")
    parser.add_argument("--wrong", action="store_true", help="list misjudged tune cases")
    parser.add_argument("--offline", type=int, metavar="ITEMS", help="score the offline writer's stories")
    args = parser.parse_args()
    if args.offline:
        print(offline(args.offline))
        return 0
    for half in args.half or corpus.HALVES:
        result = corpus.confusion(corpus.load(half))
        print(corpus.render(half, result, show_wrong=args.wrong and half == "tune"))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
