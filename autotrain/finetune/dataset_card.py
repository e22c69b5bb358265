"""A user's training data as a Hugging Face dataset: a zip of `data/train.jsonl`, `data/validation.jsonl`
and `README.md`, the dataset card (YAML metadata the Hub reads, then the data's figures in words).

No database here, as in autotrain.finetune.dataset: callers pass the kept, non-excluded examples (rows
or anything with the same attributes) and the runs that made them. The same data gives the same bytes:
the split is a function of the example ids and the zip's timestamps are fixed.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autotrain.finetune import dataset

VALIDATION_SHARE = dataset.VALIDATION_SHARE
# Fixed member timestamps (zip's epoch): the archive's bytes depend on the data only.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# The Hub's size buckets: (upper bound, label).
SIZE_CATEGORIES = [
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
]
HISTOGRAM_BIN = 0.5


@dataclass(frozen=True)
class Export:
    """What the zip holds, for callers that report on it."""

    archive: bytes
    train: int
    validation: int


def split(examples: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """(train, validation): round(10%) of the examples, chosen by a hash of each id, go to validation.

    A hash rank rather than a seeded draw keeps an example in its split while the data grows (an
    example moves only when one ranked before it arrives), so validation figures stay comparable
    across exports and no example trains in one export after validating in the last.
    """
    ordered = sorted(examples, key=lambda e: e.pk)
    held = int(len(ordered) * VALIDATION_SHARE + 0.5)
    ranked = sorted(ordered, key=lambda e: hashlib.sha256(str(e.pk).encode()).digest())
    chosen = {e.pk for e in ranked[:held]}
    return [e for e in ordered if e.pk not in chosen], [e for e in ordered if e.pk in chosen]


def line(example: Any, *, system: str) -> dict:
    """One row: the chat `messages` a trainer reads (as the openai export writes them) and the
    example's own columns, for the Hub's viewer and for filtering."""
    record = dataset.records_from([example])[0]
    return {
        **dataset.openai_line(record, system=system),
        "genre": example.genre,
        "prompt": example.prompt,
        "style_modifier": example.style_modifier or "",
        "text": example.text,
        "quality_score": example.quality_score,
        "judge_score": example.judge_score,
        "writer": example.winning_model or None,
    }


def build(*, examples: Sequence[Any], runs: Sequence[Any], username: str, excluded: int = 0) -> Export:
    """The zip for these kept, non-excluded examples; `runs` are the runs they come from (for the
    filter settings), `excluded` how many of the user's kept examples were left out by curation."""
    records = dataset.records_from(sorted(examples, key=lambda e: e.pk))
    system = dataset.system_prompt(model_name=f"zega-{username}", username=username, records=records)
    train, validation = split(examples)
    card = dataset_card(
        examples=examples,
        runs=runs,
        username=username,
        train=len(train),
        validation=len(validation),
        excluded=excluded,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, part in (("data/train.jsonl", train), ("data/validation.jsonl", validation)):
            body = "".join(json.dumps(line(e, system=system), ensure_ascii=False) + "\n" for e in part)
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), body.encode(), zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("README.md", ZIP_TIME), card.encode(), zipfile.ZIP_DEFLATED)
    return Export(archive=buffer.getvalue(), train=len(train), validation=len(validation))


# --- the card ---------------------------------------------------------------------------------------


def size_category(n: int) -> str:
    for bound, label in SIZE_CATEGORIES:
        if n < bound:
            return label
    return "n>10M"


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), of an ascending sequence."""
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram(scores: Sequence[float]) -> list[tuple[float, float, int]]:
    """(low, high, count) bins of HISTOGRAM_BIN from the lowest score's bin up to 10 (10 in the last)."""
    if not scores:
        return []
    start = math.floor(min(scores) / HISTOGRAM_BIN) * HISTOGRAM_BIN
    edges = []
    low = start
    while low < 10:
        edges.append((low, min(10.0, low + HISTOGRAM_BIN)))
        low += HISTOGRAM_BIN
    counts = [0] * len(edges)
    for score in scores:
        index = min(len(edges) - 1, int((score - start) / HISTOGRAM_BIN))
        counts[index] += 1
    return [(lo, hi, n) for (lo, hi), n in zip(edges, counts, strict=True)]


def _yaml(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: no quoting rules of our own.
    return json.dumps(value, ensure_ascii=False)


def _range(values: Sequence[float]) -> str:
    distinct = sorted(set(values))
    if not distinct:
        return "none"
    if len(distinct) == 1:
        return f"{distinct[0]:g}"
    return f"{distinct[0]:g} to {distinct[-1]:g} (it changed between runs)"


def _figures(values: Sequence[float]) -> str:
    ordered = sorted(values)
    return (
        f"mean {sum(ordered) / len(ordered):.2f}, min {ordered[0]:.2f}, 10th percentile "
        f"{quantile(ordered, 0.1):.2f}, median {quantile(ordered, 0.5):.2f}, 90th percentile "
        f"{quantile(ordered, 0.9):.2f}, max {ordered[-1]:.2f}"
    )


def dataset_card(
    *,
    examples: Sequence[Any],
    runs: Sequence[Any],
    username: str,
    train: int,
    validation: int,
    excluded: int = 0,
) -> str:
    """README.md: the Hub's YAML metadata, then what the data is, how it was filtered, and its figures."""
    total = len(examples)
    name = f"Zega stories of {username}"
    front = [
        "---",
        f"pretty_name: {_yaml(name)}",
        "language:",
        "- en",
        "task_categories:",
        "- text-generation",
        "tags:",
        "- synthetic",
        "- fiction",
        "- creative-writing",
        "size_categories:",
        f"- {size_category(total)}",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        "    path: data/train.jsonl",
        "  - split: validation",
        "    path: data/validation.jsonl",
        "---",
    ]
    body = [
        f"# {name}",
        "",
        f"{total} short story passages in English, written by language models for {username} and kept by "
        "Zega Auto-Train: for each catalog prompt and style, every model of an ensemble wrote a passage, "
        "the best-scoring one won, and it was kept only when it passed the quality filter below and did "
        "not nearly repeat one already kept.",
        "",
        "No license is set: the texts were written by the models listed under Writers, under their "
        "providers' terms; check those before publishing or training on this data.",
        "",
        "## Structure",
        "",
        "| split | examples |",
        "| --- | ---: |",
        f"| train | {train} |",
        f"| validation | {validation} |",
        "",
        "The validation split is 10% of the examples, chosen by a hash of each example's id, so an "
        "example keeps its split in later exports.",
        "",
        "Each line of `data/*.jsonl` holds `messages` (system, user and assistant turns, the chat format "
        "trainers read; the user turn is the request as the service sends it), `genre`, `prompt`, "
        "`style_modifier`, `text` (the passage), `quality_score` (heuristic, 0-10), `judge_score` (the "
        "LLM jury's mean mark, 1-10, or null) and `writer` (the model that wrote it).",
        "",
    ]
    body += _genre_section(examples)
    body += _quality_section(examples)
    body += _jury_section(examples)
    body += _writer_section(examples)
    body += _filter_section(runs, excluded)
    return "\n".join(front + [""] + body).rstrip("\n") + "\n"


def _genre_section(examples: Sequence[Any]) -> list[str]:
    lines = ["## Genres", ""]
    if not examples:
        return lines + ["No examples.", ""]
    by_genre: dict[str, list[float]] = defaultdict(list)
    for e in examples:
        by_genre[e.genre].append(e.quality_score)
    lines += ["| genre | examples | share | mean quality |", "| --- | ---: | ---: | ---: |"]
    for genre, scores in sorted(by_genre.items(), key=lambda item: (-len(item[1]), item[0])):
        known = [s for s in scores if s is not None]
        mean = f"{sum(known) / len(known):.2f}" if known else "–"
        lines.append(f"| {genre} | {len(scores)} | {100 * len(scores) / len(examples):.0f}% | {mean} |")
    return lines + [""]


def _quality_section(examples: Sequence[Any]) -> list[str]:
    scores = [e.quality_score for e in examples if e.quality_score is not None]
    lines = ["## Quality", ""]
    if not scores:
        return lines + ["No scores.", ""]
    lines += [f"Heuristic quality scores: {_figures(scores)}.", "", "| score | examples |", "| --- | ---: |"]
    for low, high, count in histogram(scores):
        lines.append(f"| {low:.1f}–{high:.1f} | {count} |")
    return lines + [""]


def _jury_section(examples: Sequence[Any]) -> list[str]:
    status = Counter(e.judge_status for e in examples)
    judged = [e.judge_score for e in examples if e.judge_status == "judged" and e.judge_score is not None]
    lines = ["## Jury", ""]
    if not status.get("judged") and not status.get("unavailable"):
        return lines + ["No LLM jury judged these examples: the heuristic filter alone kept them.", ""]
    lines.append(
        f"{status.get('judged', 0)} of {len(examples)} examples were judged by the LLM jury"
        + (f", {status['unavailable']} kept while no judge answered" if status.get("unavailable") else "")
        + (f", {status['off']} kept without a jury" if status.get("off") else "")
        + "."
    )
    if judged:
        lines.append(f"Judge scores: {_figures(judged)}.")
    return lines + [""]


def _writer_section(examples: Sequence[Any]) -> list[str]:
    by_writer: dict[str, list[float]] = defaultdict(list)
    for e in examples:
        by_writer[e.winning_model or "unknown"].append(e.quality_score)
    lines = ["## Writers", ""]
    if not by_writer:
        return lines + ["No examples.", ""]
    lines += ["| model | examples | mean quality |", "| --- | ---: | ---: |"]
    for writer, scores in sorted(by_writer.items(), key=lambda item: (-len(item[1]), item[0])):
        known = [s for s in scores if s is not None]
        mean = f"{sum(known) / len(known):.2f}" if known else "–"
        lines.append(f"| {writer} | {len(scores)} | {mean} |")
    return lines + [""]


def _described(entry: Any) -> str:
    """A run's ensemble member or judge as recorded ({"name", "model", ...}; a bare name in old rows):
    its name, with the model when that differs."""
    if not isinstance(entry, dict):
        return str(entry)
    name, model = str(entry.get("name") or entry.get("model") or "?"), entry.get("model")
    return f"{name} ({model})" if model and model != name else name


def _filter_section(runs: Sequence[Any], excluded: int) -> list[str]:
    members = sorted({_described(member) for run in runs for member in (run.ensemble or [])})
    judges = sorted({_described(judge) for run in runs for judge in (run.jury or [])})
    judge_thresholds = [run.judge_threshold for run in runs if run.jury and run.judge_threshold is not None]
    lines = [
        "## How the data was filtered",
        "",
        f"- Runs: {len(runs)}.",
        f"- Ensemble: {', '.join(members) if members else 'not recorded'}.",
        f"- Quality threshold: {_range([run.quality_threshold for run in runs])} (heuristic score, 0-10).",
    ]
    if judges:
        lines.append(
            f"- Jury: {', '.join(judges)}; judge threshold {_range(judge_thresholds)}, and no "
            "majority of reject verdicts."
        )
    else:
        lines.append("- Jury: none.")
    lines.append("- Near-duplicates of the user's kept examples were rejected (MinHash).")
    if excluded:
        lines.append(
            f"- {excluded} kept example(s) excluded from training by their owner or staff are left out."
        )
    return lines + [""]
