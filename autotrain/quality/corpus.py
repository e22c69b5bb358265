"""The project's labelled quality corpus (tests/data/quality/) and the confusion figures over it.

Each case is a model's raw answer to a catalog brief, labelled `good` (to keep) or `bad` (to reject),
with a category saying what kind of good or bad it is. The corpus is split in two halves: `tune` (what
the heuristics were developed against) and `heldout` (only ever measured). `make quality` prints both.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from autotrain.quality.scoring import QualityReport, score

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "quality"
HALVES = ("tune", "heldout")


@dataclass(frozen=True)
class Case:
    id: str
    label: str
    category: str
    genre: str
    prompt: str
    style: str
    text: str
    finish_reason: str = "stop"
    story: str | None = None
    source: str = ""  # the file it came from, without ".jsonl" ("good_w7")
    # Of a meta-talk answer: the stretches of its text in the model's own voice, as their writer marked them
    # (what the learned measure of asides.py learns the writer's register from).
    asides: tuple[str, ...] = ()

    @property
    def good(self) -> bool:
        return self.label == "good"


def load(half: str, directory: Path = CORPUS_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted((directory / half).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            try:
                cases.append(
                    Case(
                        id=raw["id"],
                        label=raw["label"],
                        category=raw["category"],
                        genre=raw["genre"],
                        prompt=raw["prompt"],
                        style=raw["style"],
                        text=raw["text"],
                        finish_reason=raw.get("finish_reason") or "stop",
                        story=raw.get("story"),
                        source=path.stem,
                        asides=tuple(raw.get("asides") or ()),
                    )
                )
            except KeyError as exc:
                raise ValueError(f"{path}:{number}: missing {exc}") from None
    return cases


def judge(case: Case, threshold: float = 7.0) -> QualityReport:
    return score(case.text, case.prompt, genre=case.genre, threshold=threshold, finish_reason=case.finish_reason)


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    wrong: list[tuple[Case, QualityReport]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Confusion:
    """Good kept / bad rejected, overall and per category."""

    good: Tally = field(default_factory=Tally)
    bad: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # Good cases whose cleaned text is not their story (a wrapper left in, or story text cut away).
    unclean: list[tuple[Case, str]] = field(default_factory=list)
    # Per file, the good cases with a story: right when kept with exactly that story as the text. The figure
    # each fresh batch of wrapped answers (or of stories with tempting edges) is measured by.
    stories: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def confusion(cases: Iterable[Case], threshold: float = 7.0) -> Confusion:
    result = Confusion()
    for case in cases:
        report = judge(case, threshold)
        right = report.kept == case.good
        for tally in (result.good if case.good else result.bad, result.by_category[case.category]):
            tally.total += 1
            tally.right += right
            if not right:
                tally.wrong.append((case, report))
        if case.story is not None:
            exact = report.kept and _norm(report.text) == _norm(case.story)
            if report.kept and not exact:
                result.unclean.append((case, report.text))
            tally = result.stories[case.source]
            tally.total += 1
            tally.right += exact
    return result


def _norm(text: str) -> str:
    return " ".join(text.split())


def render(half: str, result: Confusion, *, show_wrong: bool = False) -> str:
    lines = [
        f"{half}: good kept {result.good.right}/{result.good.total} ({result.good.rate:.1%}), "
        f"bad rejected {result.bad.right}/{result.bad.total} ({result.bad.rate:.1%})",
        f"  {'category':<22} {'right':>7} {'rate':>7}",
    ]
    for category in sorted(result.by_category, key=lambda c: (not c.startswith("good"), c)):
        tally = result.by_category[category]
        lines.append(f"  {category:<22} {tally.right:>3}/{tally.total:<3} {tally.rate:>7.1%}")
    if result.unclean:
        lines.append(f"  kept with chatter left in or story cut: {len(result.unclean)}")
    if result.stories:
        lines.append("  good answers returned as exactly their story, by file:")
        for source in sorted(result.stories):
            tally = result.stories[source]
            lines.append(f"    {source:<20} {tally.right:>3}/{tally.total:<3} {tally.rate:>7.1%}")
    if show_wrong:
        for category in sorted(result.by_category):
            for case, report in result.by_category[category].wrong:
                lines.append(f"  WRONG {case.id} [{category}] score {report.score}: {report.reject_reason}")
                lines.append(f"        {' '.join(case.text.split())[:160]}")
        for case, text in result.unclean:
            lines.append(f"  UNCLEAN {case.id}: {' '.join(text.split())[:160]}")
    return "\n".join(lines)
