"""Learn the weights of the writer's-aside measure (autotrain/quality/asides.py) from the corpus's tune half.

    python scripts/train_asides.py [--check] [--show N]

Writes autotrain/quality/asides.json; --check only compares what it would write with the committed file
(exit 1 when they differ); --show lists the N heaviest tokens either way. The held-out half is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autotrain.quality import asides, clean, corpus, prose, talk  # noqa: E402
from autotrain.quality.topics_data import GENRE_TOPICS, PROMPT_TOPICS  # noqa: E402


def training_sentences() -> tuple[list[tuple[str, bool]], list[tuple[str, bool, str]], frozenset[str]]:
    """The writer's sentences and the story's, from the tune half (see asides.py), and the good answers the
    rules already reject as meta-talk."""
    writer: list[tuple[str, bool]] = []
    story: list[tuple[str, bool, str]] = []
    flagged: set[str] = set()
    for case in corpus.load("tune"):
        cleaned = clean.clean(case.text)
        narration = prose.narration(cleaned.text)
        narrator_i = asides.narrator_says_i(narration)
        if case.good:
            if talk.meta_talk(narration, learned=False) is not None:
                flagged.add(case.id)
            story.extend((sentence, narrator_i, case.id) for sentence in asides.sentences(narration))
            for chatter in (cleaned.preamble, cleaned.postamble):
                writer.extend((sentence, narrator_i) for sentence in asides.sentences(prose.narration(chatter)))
        elif case.category == "meta_talk":
            found = talk.meta_talk(narration, learned=False)
            if found:
                writer.extend(
                    (sentence, narrator_i) for sentence in asides.sentences(narration)
                    if found[:40] in sentence or sentence in found
                )
    return writer, story, frozenset(flagged)


def build() -> asides.Model:
    subjects = frozenset(" ".join([*PROMPT_TOPICS.values(), *GENRE_TOPICS.values()]).split())
    writer, story, flagged = training_sentences()
    return asides.train(writer, story, subjects, flagged)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list the N heaviest tokens")
    args = parser.parse_args()
    model = build()
    text = model.to_json()
    if args.show:
        heaviest = sorted(model.weights.items(), key=lambda item: -item[1])[: args.show]
        print(f"bias {model.bias}, threshold {model.threshold}, {len(model.weights)} tokens")
        print("  ".join(f"{token}: {weight:.2f}" for token, weight in heaviest))
    if args.check:
        same = asides.MODEL_PATH.exists() and asides.MODEL_PATH.read_text(encoding="utf-8") == text
        print("asides.json is what the corpus gives" if same else "asides.json differs from what the corpus gives")
        return 0 if same else 1
    asides.MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {asides.MODEL_PATH} ({len(model.weights)} tokens, threshold {model.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
