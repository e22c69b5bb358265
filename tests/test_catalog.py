"""The catalog's tables and the seeded plan of a run (pure Python, no database)."""

from __future__ import annotations

import string
from collections import Counter

import pytest

from autotrain.catalog import (
    GENRE_KEYS,
    GENRES,
    GENRES_DESCRIPTION,
    PREMISES,
    STYLE_MODIFIERS,
    PlannedItem,
    item_seed,
    normalize_genres,
    plan_items,
)


def test_genre_keys_are_the_eight_contract_keys_in_order():
    assert GENRE_KEYS == (
        "fantasy", "dark_fantasy", "sci_fi", "mystery", "horror", "romance", "adventure", "thriller",
    )
    assert tuple(GENRES) == GENRE_KEYS
    for key, genre in GENRES.items():
        assert genre.key == key
        assert genre.label
        assert genre.description


def test_each_genre_has_ten_distinct_prompts_and_eighty_in_total():
    all_prompts = []
    for genre in GENRES.values():
        assert len(genre.prompts) == 10
        assert len(set(genre.prompts)) == 10
        all_prompts.extend(genre.prompts)
    assert len(all_prompts) == 80
    assert len(set(all_prompts)) == 80
    for prompt in all_prompts:
        assert prompt == prompt.strip()
        assert prompt[0].isupper()
        assert not prompt.endswith((".", "!", "?"))



def test_every_prompt_carries_a_premise_the_offline_writer_can_slot_in():
    assert list(PREMISES) == [prompt for genre in GENRES.values() for prompt in genre.prompts]
    slots = {"he", "He", "him", "his", "His", "himself"}
    for genre in GENRES.values():
        assert tuple(genre.premises) == genre.prompts
        for prompt, premise in genre.premises.items():
            assert PREMISES[prompt] is premise
            assert premise.gender in (None, "f", "m"), prompt
            for text in (premise.hero, premise.thing, premise.item, premise.deed, premise.goal):
                assert text and text == text.strip(), prompt
                used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
                assert used <= slots, (prompt, used)
            # The writer adds its own article: "the {thing}", "a {hero}".
            for phrase in (premise.hero, premise.thing, premise.item):
                assert not phrase.lower().startswith(("a ", "an ", "the ")), (prompt, phrase)

def test_seed_document_prompts_are_in_the_catalog():
    assert "A young wizard discovers an ancient spellbook" in GENRES["fantasy"].prompts
    assert "A knight embarks on a quest to slay a dragon" in GENRES["fantasy"].prompts
    assert "An elf princess must unite the warring kingdoms" in GENRES["fantasy"].prompts
    assert "A necromancer raises an army of the undead" in GENRES["dark_fantasy"].prompts
    assert "Shadows consume the kingdom as evil spreads" in GENRES["dark_fantasy"].prompts
    assert "A forbidden ritual unleashes an ancient evil" in GENRES["dark_fantasy"].prompts
    assert "First contact with an alien civilization" in GENRES["sci_fi"].prompts
    assert "A colony ship reaches a mysterious planet" in GENRES["sci_fi"].prompts
    assert "AI systems begin showing signs of consciousness" in GENRES["sci_fi"].prompts


def test_ten_distinct_style_modifiers_including_the_seed_ones():
    assert len(STYLE_MODIFIERS) == 10
    assert len(set(STYLE_MODIFIERS)) == 10
    for seed_style in (
        "Make it atmospheric and descriptive",
        "Focus on character emotions and internal conflict",
        "Use vivid sensory details",
        "Create tension and suspense",
    ):
        assert seed_style in STYLE_MODIFIERS


def test_genres_description_matches_the_seed():
    assert GENRES_DESCRIPTION == "Available genres for automatic training data generation"


def test_plan_has_the_requested_items_indexed_in_order():
    plan = plan_items(seed=1, num_examples=25, genres=["fantasy", "sci_fi"])
    assert len(plan) == 25
    assert [item.index for item in plan] == list(range(25))
    for item in plan:
        assert isinstance(item, PlannedItem)
        assert item.genre in ("fantasy", "sci_fi")
        assert item.prompt in GENRES[item.genre].prompts
        assert item.style_modifier in STYLE_MODIFIERS


def test_same_arguments_give_the_same_plan():
    first = plan_items(seed=42, num_examples=100, genres=None)
    second = plan_items(seed=42, num_examples=100, genres=None)
    assert first == second


def test_different_seeds_give_different_plans():
    first = plan_items(seed=1, num_examples=50, genres=None)
    second = plan_items(seed=2, num_examples=50, genres=None)
    assert [(i.genre, i.prompt, i.style_modifier) for i in first] != [
        (i.genre, i.prompt, i.style_modifier) for i in second
    ]
    assert {i.seed for i in first}.isdisjoint({i.seed for i in second})


def test_plan_does_not_touch_the_global_random_state():
    import random

    random.seed(123)
    expected = random.random()
    random.seed(123)
    plan_items(seed=5, num_examples=30, genres=None)
    assert random.random() == expected


def test_a_plan_is_a_prefix_of_a_longer_plan_with_the_same_seed():
    # A run that is re-planned (e.g. after a crash) with the same seed sees the same first items.
    short = plan_items(seed=9, num_examples=10, genres=None)
    long = plan_items(seed=9, num_examples=40, genres=None)
    assert long[:10] == short


@pytest.mark.parametrize(
    ("genres", "num_examples"),
    [
        (["fantasy", "sci_fi"], 5),
        (["horror", "romance", "thriller"], 100),
        (None, 500),
        ([], 7),
        (["mystery"], 3),
    ],
)
def test_genres_are_spread_evenly(genres, num_examples):
    for seed in range(5):
        plan = plan_items(seed=seed, num_examples=num_examples, genres=genres)
        counts = Counter(item.genre for item in plan)
        expected_keys = set(genres) if genres else set(GENRE_KEYS)
        if num_examples >= len(expected_keys):
            assert set(counts) == expected_keys
        assert set(counts) <= expected_keys
        assert max(counts.values()) - min(counts.values()) <= 1


def test_prompts_are_used_evenly_within_a_genre():
    plan = plan_items(seed=3, num_examples=35, genres=["adventure"])
    prompts = [item.prompt for item in plan]
    # Every prompt once before any repeats, in each round of ten.
    assert len(set(prompts[:10])) == 10
    assert len(set(prompts[10:20])) == 10
    assert len(set(prompts[20:30])) == 10
    counts = Counter(prompts)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_prompts_are_balanced_per_genre_in_a_mixed_plan():
    plan = plan_items(seed=11, num_examples=160, genres=None)
    for key in GENRE_KEYS:
        counts = Counter(item.prompt for item in plan if item.genre == key)
        assert set(counts) == set(GENRES[key].prompts)
        assert set(counts.values()) == {2}


def test_style_modifiers_are_balanced():
    plan = plan_items(seed=4, num_examples=57, genres=None)
    counts = Counter(item.style_modifier for item in plan)
    assert set(counts) == set(STYLE_MODIFIERS)
    assert max(counts.values()) - min(counts.values()) <= 1
    first_round = [item.style_modifier for item in plan[:10]]
    assert len(set(first_round)) == 10


def test_genre_order_is_shuffled_not_fixed():
    plans = [plan_items(seed=s, num_examples=8, genres=None) for s in range(10)]
    orders = {tuple(item.genre for item in plan) for plan in plans}
    assert len(orders) > 1


def test_item_seeds_are_distinct_63_bit_and_stable():
    plan = plan_items(seed=77, num_examples=500, genres=None)
    seeds = [item.seed for item in plan]
    assert len(set(seeds)) == 500
    assert all(0 <= s < 2**63 for s in seeds)
    assert seeds[0] == item_seed(77, 0)
    assert item_seed(77, 1) == item_seed(77, 1)
    assert item_seed(77, 1) != item_seed(78, 1)


def test_unknown_genre_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="westerns"):
        plan_items(seed=1, num_examples=5, genres=["fantasy", "westerns"])
    with pytest.raises(ValueError, match="Fantasy"):
        normalize_genres(["Fantasy"])


def test_a_bare_string_is_not_accepted_as_a_genre_list():
    with pytest.raises(ValueError):
        normalize_genres("fantasy")


@pytest.mark.parametrize("num_examples", [0, -1, -500])
def test_fewer_than_one_example_is_a_value_error(num_examples):
    with pytest.raises(ValueError):
        plan_items(seed=1, num_examples=num_examples, genres=None)


@pytest.mark.parametrize("num_examples", [True, 2.0, "3", None])
def test_num_examples_must_be_an_int(num_examples):
    with pytest.raises(TypeError):
        plan_items(seed=1, num_examples=num_examples, genres=None)


def test_repeated_genres_are_folded_keeping_first_appearance():
    assert normalize_genres(["sci_fi", "fantasy", "sci_fi", "fantasy", "horror"]) == [
        "sci_fi", "fantasy", "horror",
    ]
    plan = plan_items(seed=2, num_examples=30, genres=["sci_fi", "sci_fi", "fantasy"])
    counts = Counter(item.genre for item in plan)
    assert counts == {"sci_fi": 15, "fantasy": 15}


def test_none_or_empty_genres_mean_all_genres():
    assert normalize_genres(None) == list(GENRE_KEYS)
    assert normalize_genres([]) == list(GENRE_KEYS)
    assert normalize_genres(()) == list(GENRE_KEYS)
