"""Learn the filter's four learned measures from the corpus's tune half: the writer's asides (asides.py), a
text's register, story or exposition (register.py), story or summary (summary.py), and its fit to each catalog brief
(briefs.py).

    python scripts/train_learned.py [--check] [--show N]

Writes autotrain/quality/asides.json, register.json, summary.json and briefs.json; --check only compares what it would write with the
committed files (exit 1 when either differs); --show lists the N heaviest tokens of each. The held-out half is
never read.

Cleaning reads the asides measure (where an opening's chatter ends), and the measures learn from cleaned texts, so one
writing may not be what the next learns: the script writes again, each time in a process of its own, until --check
agrees (FIXED_POINT_ROUNDS at most).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autotrain import catalog  # noqa: E402
from autotrain.quality import asides, briefs, clean, corpus, form, prose, register, relevance, summary, talk  # noqa: E402
from autotrain.quality.topics_data import GENRE_TOPICS, PROMPT_TOPICS  # noqa: E402


@lru_cache(maxsize=1)
def tune() -> tuple[tuple[corpus.Case, clean.Cleaned], ...]:
    """The tune half's cases, each with its cleaned answer (cleaned once for all four measures, with the prompt, as
    scoring cleans it: the maker's reading of the brief is chatter to both)."""
    return tuple((case, clean.clean(case.text, case.prompt)) for case in corpus.load("tune"))


def training_sentences() -> tuple[list[tuple[str, bool]], list[tuple[str, bool, str]], frozenset[str]]:
    """The writer's sentences and the story's, from the tune half (see asides.py), and the answers whose story
    sentences do not set the threshold: good answers the rules already reject as meta-talk, and meta-talk answers
    with their model's words marked."""
    writer: list[tuple[str, bool]] = []
    story: list[tuple[str, bool, str]] = []
    flagged: set[str] = set()
    for case, cleaned in tune():
        if case.good and case.story is not None and case.story in case.text:
            # A good answer whose story its writer marked: the story and the chatter around it as marked, not as
            # cleaning reads them (chatter left in by cleaning would teach the measure a story says "I hope the twist
            # landed!", and set its threshold; a story's line cleaning took off, that a writer says it).
            before, _, after = case.text.partition(case.story)
            cleaned = clean.Cleaned(case.story, before.strip(), after.strip())
        narration = prose.narration(cleaned.text)
        narrator_i = asides.narrator_says_i(narration)
        if case.good:
            if talk.meta_talk(narration, learned=False) is not None:
                flagged.add(case.id)
            story.extend((sentence, narrator_i, case.id) for sentence in asides.sentences(narration))
            for chatter in (cleaned.preamble, cleaned.postamble):
                writer.extend((sentence, narrator_i) for sentence in asides.sentences(prose.narration(chatter)))
        elif case.category == "meta_talk":
            # The model's own words: as the answer's writer marked them, else the sentence the rules find; the
            # other sentences of a marked answer are the story's.
            marked = [prose.narration(aside) for aside in case.asides]
            if marked:
                flagged.add(case.id)  # its story sentences teach the measure, but do not set its threshold
                # (the marked asides read in the whole answer, not as cleaned: what cleaning takes off depends on the
                # measure, and an aside it takes off one writing and leaves the next would teach it every other time)
                writer.extend(
                    (sentence, narrator_i)
                    for sentence in asides.sentences(prose.narration(case.text))
                    if any(_overlaps(sentence, aside) for aside in marked)
                )
            found = talk.meta_talk(narration, learned=False)
            for sentence in asides.sentences(narration):
                if marked:
                    if not any(_overlaps(sentence, aside) for aside in marked):
                        story.append((sentence, narrator_i, case.id))
                elif found and (found[:40] in sentence or sentence in found):
                    writer.append((sentence, narrator_i))
    return writer, story, frozenset(flagged)


def _overlaps(sentence: str, aside: str) -> bool:
    """Whether a sentence of the narration is (part of) a marked aside, or holds one."""
    aside = aside.strip()
    return bool(aside) and (sentence in aside or aside in sentence or aside[:40] in sentence)


SUBJECTS = frozenset(" ".join([*PROMPT_TOPICS.values(), *GENRE_TOPICS.values()]).split())


def build_asides() -> asides.Model:
    writer, story, flagged = training_sentences()
    return asides.train(writer, story, SUBJECTS, flagged)


def build_register() -> register.Model:
    """Good answers against exposition answers, by the words of their cleaned narration; and which of them the
    generic-word count calls essays (over its level, and no scene in dialogue), where the threshold is set, and
    which it asks the measure alone of (near the level, under it), where `alone` is set. (The forty-ninth round) A
    good answer the script reading rejects whatever its register teaches the weights but sets neither bar: its
    verdict changes nothing (minutes of a meeting told in its speakers' initials, 2.89 out of fold, set `alone` at
    2.81 with one other answer)."""
    texts, asked, near = [], [], []
    for case, cleaned in tune():
        if case.good or case.category == "exposition":
            text = cleaned.text
            narration = prose.narration(text)
            measured = relevance.narrative(narration, prose.speech_paragraphs(text))
            texts.append((prose.WORD.findall(narration), not case.good, case.source))
            moot = case.good and form.is_script(form.lines_of(text))
            asked.append(not moot and measured.over_level
                         and measured.speech_paragraphs < relevance.SCENE_SPEECH_PARAGRAPHS)
            near.append(not moot and measured.register_alone_asked)
    return register.train(texts, SUBJECTS, asked, near)


# The plan (seed) of the built-in writer's stories the summary measure learns from: not a run's default (0), so that the
# default run's 3,000 stories (`quality_report.py --offline 1000`) measure it as stories it has not seen.
OFFLINE_SEED = 1
OFFLINE_ITEMS = 1000


def build_summary() -> summary.Model:
    """Good answers against outline answers, by the words of their cleaned text (as scoring.py reads it), with the built-in writer's
    stories (each voice of OFFLINE_ITEMS planned items) as stories."""
    from autotrain.llm.offline import planned_stories

    written = [
        prose.WORD.findall(prose.lowered(text))
        for _, text in planned_stories(seed=OFFLINE_SEED, num_examples=OFFLINE_ITEMS)
    ]
    return summary.train(
        [
            (prose.WORD.findall(prose.lowered(cleaned.text)), not case.good, case.source)
            for case, cleaned in tune()
            if case.good or case.category == "outline_list"
        ],
        SUBJECTS,
        written,
    )


def build_briefs() -> briefs.Model:
    """Good answers against off-brief answers, by the stems of their cleaned text, as scoring.py reads it."""
    answers = []
    for case, cleaned in tune():
        if case.good or case.category == "off_brief":
            words = prose.WORD.findall(prose.lowered(cleaned.text))
            named, total = relevance.cores_named(relevance.text_stems(set(words)), case.prompt)
            share = named / total if total else 1.0
            answers.append(briefs.Answer(briefs.stems(words), case.prompt, share, not case.good, case.source))
    topics = {
        prompt: briefs.stems(prose.WORD.findall(f"{PROMPT_TOPICS.get(prompt, '')} {prompt}".lower()))
        for genre in catalog.GENRES.values()
        for prompt in genre.prompts
    }
    return briefs.train(answers, topics)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list the N heaviest tokens of each")
    parser.add_argument("--once", action="store_true", help="write once, without writing again until --check agrees")
    args = parser.parse_args()
    differs = 0
    for name, model, path in (("asides", build_asides(), asides.MODEL_PATH),
                              ("register", build_register(), register.MODEL_PATH),
                              ("summary", build_summary(), summary.MODEL_PATH),
                              ("briefs", build_briefs(), briefs.MODEL_PATH)):
        text = model.to_json()
        if args.show:
            heaviest = sorted(model.weights.items(), key=lambda item: -item[1])[: args.show]
            print(f"{name}: bias {model.bias}, threshold {model.threshold}, {len(model.weights)} tokens")
            print("  " + "  ".join(f"{token}: {weight:.2f}" for token, weight in heaviest))
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            print(f"{path.name} is what the corpus gives" if same else f"{path.name} differs from what the corpus gives")
            differs += not same
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(model.weights)} tokens, threshold {model.threshold})")
    if args.check or args.once:
        return 1 if differs else 0
    return _write_until_stable()


FIXED_POINT_ROUNDS = 3


def _write_until_stable() -> int:
    """Write again (each time in a fresh process: the measures are cached) until what is written is what the corpus
    gives with it."""
    script = str(Path(__file__).resolve())
    for _ in range(FIXED_POINT_ROUNDS):
        if subprocess.run([sys.executable, script, "--check"], capture_output=True).returncode == 0:
            return 0
        subprocess.run([sys.executable, script, "--once"], check=True)
    agrees = subprocess.run([sys.executable, script, "--check"]).returncode == 0
    if not agrees:
        print(f"the learned files still move after {FIXED_POINT_ROUNDS} more writings", file=sys.stderr)
    return 0 if agrees else 1


if __name__ == "__main__":
    raise SystemExit(main())
