"""The embedded offline story writer (pure Python, no database)."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from typing import Any

import pytest

from autotrain.catalog import GENRE_KEYS, GENRES, STYLE_MODIFIERS, plan_items
from autotrain.llm.base import Completion, GenerationRequest, Generator
from autotrain.llm.offline import OfflineGenerator, default_voices, write_story
from autotrain.quality import GENRE_LEXICON, score
from autotrain.quality.clean import clean

WIZARD = "A young wizard discovers an ancient spellbook"
SENSORY = "Use vivid sensory details"
DIALOGUE = "Include natural dialogue between the characters"
FIRST_PERSON = "Write it in the first person"

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_PROMPT_STOPWORDS = frozenset(
    "a an the of to in on at for with from by as is are and or that its his her who which must "
    "every each two one".split()
)


def _story(**overrides: Any) -> str:
    arguments: dict[str, Any] = {"genre": "fantasy", "prompt": WIZARD, "style_modifier": STYLE_MODIFIERS[0], "seed": 1}
    arguments.update(overrides)
    return write_story(**arguments)


def _sample(count: int, *, seed: int = 0) -> list[tuple[str, str, str, int, int]]:
    """(genre, prompt, style, seed, voice) across every genre, prompt and style."""
    plan = plan_items(seed=seed, num_examples=count, genres=None)
    return [(i.genre, i.prompt, i.style_modifier, i.seed, i.index % 3) for i in plan]


def _write(genre: str, prompt: str, style: str, seed: int, voice: int) -> str:
    return write_story(genre=genre, prompt=prompt, style_modifier=style, seed=seed, voice=voice)


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:], words[2:]))


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def test_same_arguments_give_the_same_text():
    assert _story(seed=5) == _story(seed=5)
    assert _story(seed=5, voice=2) == _story(seed=5, voice=2)


def test_different_seeds_give_different_texts():
    texts = {_story(seed=s) for s in range(50)}
    assert len(texts) == 50


def test_the_three_voices_write_different_texts_for_the_same_seed():
    texts = {_story(seed=9, voice=v) for v in (0, 1, 2)}
    assert len(texts) == 3


def test_two_to_four_paragraphs_each_ending_a_sentence():
    for genre, prompt, style, seed, voice in _sample(400):
        text = _write(genre, prompt, style, seed, voice)
        paragraphs = text.split("\n\n")
        assert 2 <= len(paragraphs) <= 4, text
        for paragraph in paragraphs:
            assert paragraph == paragraph.strip()
            assert paragraph[0].isupper() or paragraph[0] == '"', paragraph
            assert paragraph.endswith((".", "!", "?", '."', '!"', '?"')), paragraph


def test_all_paragraph_counts_occur():
    counts = {len(_write(*item).split("\n\n")) for item in _sample(200, seed=1)}
    assert counts == {2, 3, 4}


def test_length_stays_in_range_and_mostly_400_to_800():
    lengths = [len(_write(*item)) for item in _sample(1000, seed=2)]
    assert min(lengths) >= 350
    assert max(lengths) <= 900
    in_sweet_spot = sum(1 for n in lengths if 400 <= n <= 800)
    assert in_sweet_spot / len(lengths) >= 0.9


def test_no_template_residue_markup_or_meta_talk():
    for genre, prompt, style, seed, voice in _sample(800, seed=3):
        text = _write(genre, prompt, style, seed, voice)
        assert "{" not in text and "}" not in text, text
        assert "  " not in text
        assert "\n\n\n" not in text
        for forbidden in ("As an AI", "Here's a story", "Here is a story", "*", "#", "- ", "<", ">"):
            assert forbidden not in text, (forbidden, text)
        assert not re.search(r"\b(a) [aeiou]", text), text  # "a elf princess"


def test_every_catalog_prompt_is_followed():
    # At least two of the prompt's content words (or their stems) appear in every story for it.
    for genre in GENRES.values():
        for prompt in genre.prompts:
            content = {_stem(w) for w in _WORD.findall(prompt.lower()) if w not in _PROMPT_STOPWORDS}
            for seed in range(6):
                text = _write(genre.key, prompt, STYLE_MODIFIERS[seed], seed, seed % 3)
                used = {_stem(w) for w in _WORD.findall(text.lower())}
                assert len(content & used) >= 2, (prompt, text)


def test_the_prompt_is_not_pasted_verbatim_as_the_opening():
    for genre in GENRES.values():
        for prompt in genre.prompts:
            text = _write(genre.key, prompt, STYLE_MODIFIERS[0], 1, 0)
            assert not text.lower().startswith(prompt.lower())
            # Catalog prompts have hand-written premises; quoting the prompt is the free-prompt fallback.
            assert "would put it simply" not in text


def test_wizard_prompt_talks_about_the_wizard_and_the_spellbook():
    for seed in range(20):
        text = _story(seed=seed, voice=seed % 3).lower()
        assert "wizard" in text
        assert "spellbook" in text


def test_genre_vocabulary_shows_up_in_every_genre():
    # Judged with the quality scorer's own genre word lists, so "on genre" means what the filter means.
    rich = 0
    for genre in GENRE_KEYS:
        vocabulary = {_stem(w) for w in GENRE_LEXICON[genre]}
        for seed in range(40):
            prompt = GENRES[genre].prompts[seed % 10]
            text = _write(genre, prompt, STYLE_MODIFIERS[seed % 10], seed, seed % 3)
            used = {_stem(w) for w in _WORD.findall(text.lower())}
            assert vocabulary & used, (genre, text)
            rich += len(vocabulary & used) >= 2
    assert rich / (len(GENRE_KEYS) * 40) >= 0.8


def test_genres_read_differently():
    # The same prompt and seed under two genres borrows different names, places and details.
    prompt = GENRES["mystery"].prompts[0]
    mystery = _trigrams(_write("mystery", prompt, STYLE_MODIFIERS[0], 3, 0))
    horror = _trigrams(_write("horror", prompt, STYLE_MODIFIERS[0], 3, 0))
    assert len(mystery & horror) / len(mystery | horror) < 0.5


def test_sensory_style_brings_sensory_words():
    senses = ("smell", "smelled", "scent", "tasted", "taste", "heard", "hear", "felt", "sound", "sounds")
    for seed in range(60):
        text = _story(style_modifier=SENSORY, seed=seed, voice=seed % 3).lower()
        assert any(re.search(rf"\b{w}\b", text) for w in senses), text


def test_dialogue_style_always_has_a_double_quoted_utterance():
    for seed in range(60):
        genre = GENRE_KEYS[seed % 8]
        text = _write(genre, GENRES[genre].prompts[seed % 10], DIALOGUE, seed, seed % 3)
        assert re.search(r'"[A-Z][^"]+[.,!?]"', text), text


def test_other_styles_sometimes_have_dialogue_too():
    texts = [_story(style_modifier="Create tension and suspense", seed=s) for s in range(200)]
    with_dialogue = sum(1 for t in texts if '"' in t)
    assert 40 <= with_dialogue <= 120


def test_first_person_style_writes_in_the_first_person():
    for seed in range(40):
        text = _story(style_modifier=FIRST_PERSON, seed=seed, voice=seed % 3)
        narration = re.sub(r'"[^"]*"', "", text)
        assert re.search(r"\bI\b", narration), text
        assert re.search(r"\b(my|me|I)\b", narration)
        assert not re.search(r"\b(she|he) (was|had|felt|could)\b", narration), text


def test_emotion_and_tension_styles_add_their_beats():
    emotion = ("felt", "heart", "guilt", "hope", "fear", "wanted", "ached", "hands", "pretending", "rush")
    tension = (
        "breathing", "silence", "seconds", "creaked", "footsteps", "no way out", "froze", "running out",
    )
    for seed in range(40):
        text = _story(style_modifier="Focus on character emotions and internal conflict", seed=seed).lower()
        assert any(w in text for w in emotion), text
        text = _story(style_modifier="Create tension and suspense", seed=seed).lower()
        assert any(w in text for w in tension), text


def test_context_passages_visibly_influence_the_text():
    context = ("Captain Morrow sailed the Emberline into the storm, and nobody saw her again.",)
    for seed in range(20):
        text = _story(seed=seed, context=context)
        assert "Morrow" in text or "Emberline" in text
        assert text != _story(seed=seed)


def test_free_prompts_and_unknown_genres_still_make_clean_prose():
    cases = [
        ("", "Write a story about a cat who finds a magic ring", ""),
        ("sci_fi", "Robots rebel on Mars", "Be brief"),
        ("no-such-genre", "", "{weird} style"),
        ("romance", "A {braced} prompt", FIRST_PERSON),
    ]
    for genre, prompt, style in cases:
        for seed in range(10):
            text = _write(genre, prompt, style, seed, seed % 3)
            assert 300 <= len(text) <= 1000
            assert text.rstrip().endswith((".", "!", "?", '"'))
            assert "{" not in text and "}" not in text


def test_variety_three_hundred_fantasy_texts_are_not_near_duplicates():
    texts = [
        _write("fantasy", GENRES["fantasy"].prompts[i % 10], STYLE_MODIFIERS[(i // 10) % 10], 1000 + i, 0)
        for i in range(300)
    ]
    shingles = [_trigrams(t) for t in texts]
    worst = 0.0
    for i in range(len(shingles)):
        a = shingles[i]
        for j in range(i + 1, len(shingles)):
            b = shingles[j]
            worst = max(worst, len(a & b) / len(a | b))
    assert worst < 0.5


def test_variety_holds_even_for_one_prompt_and_one_style():
    for voice in (0, 1, 2):
        shingles = [_trigrams(_story(seed=s, voice=voice)) for s in range(100)]
        worst = max(
            len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j])
            for i in range(100)
            for j in range(i + 1, 100)
        )
        assert worst < 0.6


def test_stories_pass_the_quality_filter():
    # 200 stories across all genres and styles: the offline writer should almost never be rejected.
    kept = 0
    for genre, prompt, style, seed, voice in _sample(200, seed=4):
        report = score(_write(genre, prompt, style, seed, voice), prompt, genre=genre)
        if report.score >= 7.0:
            kept += 1
    assert kept / 200 >= 0.97


def test_cleaning_leaves_every_story_whole():
    # Cleaning takes nothing off a story the writer wrote: not "...went out to say the words of love that should
    # have been said" (once read as the offer "say the word"), nor "the tense quiet broke" (the grammar's tense).
    cut = [
        (genre, prompt, voice)
        for round_seed in range(6)
        for genre, prompt, style, seed, _ in _sample(80, seed=round_seed)
        for voice in range(3)
        if clean(text := _write(genre, prompt, style, seed, voice)).text != text.strip()
    ]
    assert not cut, cut[:5]


def test_write_story_is_fast():
    items = _sample(1000, seed=5)
    started = time.perf_counter()
    for item in items:
        _write(*item)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0


def test_offline_generator_completes_a_request():
    generator = OfflineGenerator()
    assert isinstance(generator, Generator)
    assert generator.name == "offline-template"
    request = GenerationRequest(genre="fantasy", prompt=WIZARD, style_modifier=SENSORY, seed=17)
    completion = asyncio.run(generator.complete(request))
    assert isinstance(completion, Completion)
    assert completion.model == "offline-template"
    assert completion.text == write_story(
        genre="fantasy", prompt=WIZARD, style_modifier=SENSORY, seed=17, voice=0
    )
    assert 0 <= completion.latency < 1.0
    assert completion.prompt_tokens == len(WIZARD.split())
    assert completion.completion_tokens == round(len(completion.text.split()) * 1.3)


def test_offline_generator_is_deterministic_and_uses_context():
    request = GenerationRequest(
        genre="horror", prompt=GENRES["horror"].prompts[0], style_modifier=DIALOGUE, seed=3,
        context=("Old Mrs Abernathy kept the key to the Whitlock cellar.",),
    )
    generator = OfflineGenerator("x", voice=1)
    first = asyncio.run(generator.complete(request))
    second = asyncio.run(generator.complete(request))
    assert first.text == second.text
    assert "Abernathy" in first.text or "Whitlock" in first.text


def test_default_voices_are_three_named_voices_that_differ():
    voices = default_voices()
    assert [v.name for v in voices] == ["offline-template-lyric", "offline-template-noir", "offline-template-classic"]
    assert [v.voice for v in voices] == [0, 1, 2]
    prompt = GENRES["mystery"].prompts[3]
    request = GenerationRequest(genre="mystery", prompt=prompt, style_modifier="", seed=8)

    async def all_voices() -> list[Completion]:
        return list(await asyncio.gather(*(v.complete(request) for v in voices)))

    completions = asyncio.run(all_voices())
    assert len({c.text for c in completions}) == 3
    assert [c.model for c in completions] == ["offline-template-lyric", "offline-template-noir", "offline-template-classic"]


@pytest.mark.parametrize("voice", [0, 1, 2, 3, -1])
def test_any_voice_number_is_accepted(voice):
    text = _story(voice=voice)
    assert text


# Seeds are the contract: a retried run, a benchmark and a recorded evaluation all re-write the same items
# and expect the same texts, so any change to the grammar, the word lists or the catalog's premises must
# show up here and be made on purpose (then re-pin these).
PINNED_TWIST = (
    "Grimald worked alone, as a paladin, and preferred it that way. Later, people would ask why he began "
    "hunting the demon that wore his brother's face. He never had a good answer. In the catacombs beneath "
    "Sorrowgate, people buried their dead face down in cursed ground, so they would not find their way home."
    "\n\n"
    'Even Malric went quiet whenever the demon was mentioned. "The demon remembers every name it has ever '
    'taken," Malric said at last. He shook his head. "I\'m not leaving without an answer."'
    "\n\n"
    "He should have walked away. He didn't. Then Malric smiled, and he realized that Malric had known about "
    "the demon all along."
)
PINNED_FREE = (
    "Theo Park had come to a derelict mining rig in the asteroid belt as a station medic, meaning to stay a "
    "week; he stayed a good deal longer. One morning, he came face to face with the paint. Out here among "
    "the stars, help was three months away at the best possible speed."
    "\n\n"
    'Later, when people asked, he would put it simply: "A robot learns to paint." The memory of Jonas and '
    "Marla stayed close the whole time, like a hand on his shoulder."
    "\n\n"
    'Jonas leaned closer. "Oxygen reserves are at eleven percent and falling." He shook his head. "I know. '
    "I've known for a while.\""
    "\n\n"
    "There were warnings, of course, but he did not heed them until it was nearly too late. And so he set "
    "out once more, resolved to get to the bottom of the paint, and to come home again if he could."
)
PINNED_CATALOG_DIGEST = "a728d74e0a7153c7b120434332890d56a1b5ad83a036bcd2cc071bc2e9a171b8"


def test_pinned_texts_for_a_catalog_prompt_and_a_free_prompt_with_context():
    paladin = GENRES["dark_fantasy"].prompts[6]
    assert _write("dark_fantasy", paladin, "End with an unexpected twist", 7, 1) == PINNED_TWIST
    free = write_story(
        genre="", prompt="A robot learns to paint", style_modifier=DIALOGUE, seed=11, voice=2,
        context=["Marla walked to the harbour. Then Jonas said hello to Marla."],
    )
    assert free == PINNED_FREE


def test_pinned_digest_over_every_catalog_prompt_and_voice():
    digest = hashlib.sha256()
    prompts = [(key, prompt) for key, genre in GENRES.items() for prompt in genre.prompts]
    for index, (genre, prompt) in enumerate(prompts):
        for voice in range(3):
            text = _write(genre, prompt, STYLE_MODIFIERS[(index + voice) % 10], index, voice)
            digest.update(text.encode() + b"\0")
    assert digest.hexdigest() == PINNED_CATALOG_DIGEST
