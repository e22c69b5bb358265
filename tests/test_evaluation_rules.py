"""The evaluation of a custom model against its base, its rules: the held-out prompts, the winner rule,
the pairwise judge's request and answer (and the stub's side of it), and who writes each side."""

from __future__ import annotations

import pytest

from autotrain import catalog, services
from autotrain.finetune import evaluation as rules
from autotrain.models import FineTuneJob
from tests.helpers import make_kept

# --- held-out prompts ------------------------------------------------------------------------------


def test_prompts_are_held_out_spread_over_the_genres_and_stable():
    genres = ["horror", "fantasy"]
    trained = {(p, s) for p in catalog.GENRES["horror"].prompts[:5] for s in catalog.STYLE_MODIFIERS}
    chosen = rules.choose_prompts(seed=42, n=16, genres=genres, trained_on=trained)
    assert len(chosen) == 16 and [p.index for p in chosen] == list(range(16))
    assert not {(p.prompt, p.style_modifier) for p in chosen} & trained
    assert [p.genre for p in chosen[:4]] == ["horror", "fantasy", "horror", "fantasy"]
    assert sum(p.genre == "horror" for p in chosen) == 8
    for p in chosen:
        assert p.prompt in catalog.GENRES[p.genre].prompts and p.style_modifier in catalog.STYLE_MODIFIERS
    # Within a genre no prompt comes back before every other (unused) one was asked.
    horror = [p.prompt for p in chosen if p.genre == "horror"]
    assert len(set(horror[:5])) == 5 and set(horror) == set(catalog.GENRES["horror"].prompts[5:])
    assert len(set((p.prompt, p.style_modifier) for p in chosen)) == 16
    again = rules.choose_prompts(seed=42, n=16, genres=genres, trained_on=trained)
    assert again == chosen
    other = rules.choose_prompts(seed=43, n=16, genres=genres, trained_on=trained)
    assert other != chosen


def test_the_favourite_genres_come_first_and_all_genres_when_none_is_kept():
    assert rules.genres_by_preference({"mystery": 3, "horror": 9, "romance": 0}) == ["horror", "mystery"]
    assert rules.genres_by_preference({}) == list(catalog.GENRE_KEYS)
    chosen = rules.choose_prompts(seed=1, n=16, genres=list(catalog.GENRE_KEYS), trained_on=set())
    assert {p.genre for p in chosen} == set(catalog.GENRE_KEYS)
    # Three genres, 16 prompts: the favourites get the remainder.
    chosen = rules.choose_prompts(seed=1, n=16, genres=["thriller", "romance", "adventure"], trained_on=set())
    counts = [sum(p.genre == g for p in chosen) for g in ("thriller", "romance", "adventure")]
    assert counts == [6, 5, 5]


def test_a_genre_with_every_pair_trained_on_is_skipped():
    everything = {(p, s) for p in catalog.GENRES["romance"].prompts for s in catalog.STYLE_MODIFIERS}
    chosen = rules.choose_prompts(seed=5, n=4, genres=["romance", "mystery"], trained_on=everything)
    assert [p.genre for p in chosen] == ["mystery"] * 4
    assert rules.choose_prompts(seed=5, n=4, genres=["romance"], trained_on=everything) == []
    # The user's genres used up: the other genres rather than nothing.
    chosen = rules.choose_prompts(seed=5, n=4, genres=["romance"], trained_on=everything, then=["horror", "thriller"])
    assert [p.genre for p in chosen] == ["horror", "thriller", "horror", "thriller"]


def test_the_evaluation_seed_is_stable_per_job():
    assert rules.evaluation_seed("a") == rules.evaluation_seed("a") != rules.evaluation_seed("b")


# --- the winner rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("custom", "base", "preferences", "expected"),
    [
        (8.5, 7.5, [], "custom"),
        (7.5, 8.5, [], "base"),
        (8.0, 8.2, [], "tie"),  # under the margin
        (8.0, 8.25, [], "base"),  # at the margin: a difference
        (None, 8.0, [], "base"),  # a side that failed to answer loses
        (3.0, None, [], "custom"),
        (None, None, [], None),
        (7.0, 9.0, ["custom", "custom"], "custom"),  # the jury decides
        (9.0, 7.0, ["base", "tie", "base"], "base"),
        (9.0, 7.0, ["custom", "base"], "custom"),  # split jury: the heuristics break the tie
        (8.0, 8.1, ["tie", "tie"], "tie"),
        (8.0, 8.1, ["custom", "tie"], "custom"),
    ],
)
def test_winner_rule(custom, base, preferences, expected):
    assert rules.winner(custom_score=custom, base_score=base, preferences=preferences) == expected


# --- the pairwise judge's request and answer, and the stub's side of it -----------------------------


def test_the_compare_request_holds_the_brief_and_both_passages_and_the_answer_is_validated():
    from autotrain.quality import jury as judge_rules

    messages = judge_rules.build_compare_messages(
        genre="sci_fi", genre_label="sci-fi", prompt="A ship  wakes\\nits crew", style="Be brief", first="One.", second="Two."
    )
    assert messages[0] == {"role": "system", "content": judge_rules.COMPARE_SYSTEM_PROMPT}
    user = messages[1]["content"]
    assert user.startswith("Genre: sci-fi\nPrompt: A ship wakes\\nits crew\nStyle: Be brief\n")
    assert '<passage label="A">\nOne.\n</passage>\n<passage label="B">\nTwo.\n</passage>' in user
    assert judge_rules.parse_compare_answer('{"preferred": "b", "reason": " Better. "}') == {
        "preferred": "B",
        "reason": "Better.",
    }
    assert judge_rules.parse_compare_answer('```json\n{"preferred": "TIE"}\n```') == {"preferred": "tie", "reason": ""}
    for bad in ("not json", "[]", '{"preferred": "C"}', '{"preferred": 1}', '{"reason": "x"}'):
        with pytest.raises(judge_rules.JudgeAnswerError):
            judge_rules.parse_compare_answer(bad)


def test_the_stub_answers_comparisons_as_scripted():
    import json

    from autotrain.quality import jury as judge_rules
    from stubs.replies import compare_answer, compare_passages, judge_candidates

    messages = judge_rules.build_compare_messages(
        genre="horror", prompt="A house", style="", first="The lighthouse stood.", second="The harbour slept."
    )
    payload = {"messages": messages, "response_format": {"type": "json_object"}}
    passages = compare_passages(payload)
    assert passages == {"A": "The lighthouse stood.", "B": "The harbour slept."}
    assert judge_candidates(payload) is None  # not mistaken for a jury's scoring request
    assert compare_passages({"messages": messages}) is None  # no json_object: a story request

    def preferred(behaviour):
        return json.loads(compare_answer("judge-a", passages, behaviour))["preferred"]

    assert preferred("A") == "A" and preferred("B") == "B" and preferred("tie") == "tie"
    assert preferred("prefer:harbour") == "B" and preferred("prefer:LIGHTHOUSE") == "A"
    assert preferred("prefer:the") == "tie"  # both mention it
    assert preferred("prefer:moon") == "tie"  # neither does
    # The default picks by text, not by label: swapping the order keeps the same passage.
    first = preferred(None)
    swapped = {"A": passages["B"], "B": passages["A"]}
    assert json.loads(compare_answer("judge-a", swapped))["preferred"] == ("B" if first == "A" else "A")
    with pytest.raises(ValueError):
        compare_answer("judge-a", passages, "sometimes")
    with pytest.raises(json.JSONDecodeError):
        json.loads(compare_answer("judge-a", passages, "garbage"))


# --- who writes each side ----------------------------------------------------------------------------


def test_each_backend_has_its_custom_writer_and_its_base(settings):
    from autotrain.services.generation import base_writer, custom_writer

    settings.ZEGA_FINETUNE_BASE_URL = "http://provider.test/v1"
    settings.ZEGA_LLM_API_KEY = "sk-x"
    settings.ZEGA_OLLAMA_URL = "http://ollama.test:11434/"
    artifact = {"system": "Write like Alice.", "examples": [{"text": "One."}, {"text": ""}, {"text": "Two."}]}

    fewshot = FineTuneJob(backend="fewshot", model_name="zega-alice", base_model="offline-a, offline-b", artifact=artifact)
    custom, base = custom_writer(fewshot), base_writer(fewshot)
    assert custom.uses_ensemble and (custom.label, custom.system, custom.examples) == (
        "zega-alice", "Write like Alice.", ("One.", "Two.")
    )
    assert base.uses_ensemble and (base.label, base.system, base.examples) == ("offline-a, offline-b", None, ())

    openai = FineTuneJob(backend="openai", model_name="ft:gpt-x:org:zega-alice:1", base_model="gpt-x", artifact=artifact)
    custom, base = custom_writer(openai), base_writer(openai)
    assert (custom.model, custom.base_url, custom.api_key, custom.system) == (
        "ft:gpt-x:org:zega-alice:1", "http://provider.test/v1", "sk-x", "Write like Alice."
    )
    assert (base.model, base.base_url, base.api_key, base.system, base.label) == (
        "gpt-x", "http://provider.test/v1", "sk-x", None, "gpt-x"
    )

    ollama = FineTuneJob(backend="ollama", model_name="zega-alice", base_model="llama3.2", artifact={})
    custom, base = custom_writer(ollama), base_writer(ollama)
    assert (custom.model, custom.base_url, custom.api_key) == ("zega-alice", "http://ollama.test:11434/v1", None)
    assert (base.model, base.base_url, base.examples) == ("llama3.2", "http://ollama.test:11434/v1", ())


@pytest.mark.django_db
def test_an_ollama_model_is_evaluated_against_its_base_on_ollamas_chat_endpoint(user, settings):
    from stubs.ollama import OllamaStub

    with OllamaStub(base_models={"llama3.1"}) as ollama:
        settings.ZEGA_FINETUNE_BACKEND = "ollama"
        settings.ZEGA_OLLAMA_URL = ollama.url
        settings.ZEGA_FINETUNE_BASE_MODEL = None
        settings.ZEGA_EVAL_PROMPTS = 5
        make_kept(user, 12)
        job, _ = services.finetune_job_start(user=user, enqueue=False)
        job = services.finetune_job_execute(job_id=job.id)
        assert (job.status, job.model_name, job.base_model) == ("succeeded", "zega-alice", "llama3.1")
        evaluation = services.evaluation_start(job=job, enqueue=False)
        assert evaluation.writers == {"custom": "zega-alice", "base": "llama3.1"}
        assert services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=5) == 5
        assert sorted(ollama.chat_models) == ["llama3.1"] * 5 + ["zega-alice"] * 5
        systems = {model: messages[0]["content"] for model, messages in zip(ollama.chat_models, ollama.chat_messages)}
        assert systems["zega-alice"] == job.artifact["system"] != systems["llama3.1"]
    evaluation.refresh_from_db()
    assert evaluation.status == "succeeded"
    for pair in evaluation.pairs.all():
        assert pair.status == "done" and pair.custom_breakdown["writer"] == "zega-alice"
        assert pair.base_breakdown["writer"] == "llama3.1"
