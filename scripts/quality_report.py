"""`make quality`: the filter's confusion figures on both halves of the labelled corpus.

    python scripts/quality_report.py [--half tune|heldout] [--wrong]

--wrong lists the misjudged cases (of the tune half only: the held-out half is for measuring).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autotrain.quality import corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=corpus.HALVES, action="append")
    parser.add_argument("--wrong", action="store_true", help="list misjudged tune cases")
    args = parser.parse_args()
    for half in args.half or corpus.HALVES:
        result = corpus.confusion(corpus.load(half))
        print(corpus.render(half, result, show_wrong=args.wrong and half == "tune"))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
