"""Training data: the three export formats, OpenAI-style validation (each rule), the validation split,
the few-shot choice of examples, `GET /training/export` and `manage.py export_training_data`."""

import json

import pytest
from django.core.management import CommandError, call_command

from autotrain.finetune import dataset
from autotrain.finetune.dataset import Record, build_dataset, validate_chat_jsonl
from autotrain.finetune.fewshot import select_examples
from autotrain.llm.base import GenerationRequest
from autotrain.llm.openai_compat import build_messages
from tests.factories import ExampleFactory, RunFactory
from tests.helpers import make_kept

GOOD_MESSAGES = [
    {"role": "system", "content": "You write stories."},
    {"role": "user", "content": "Genre: fantasy\nPrompt: a dragon"},
    {"role": "assistant", "content": "The dragon slept under the hill."},
]


def good_line(**overrides) -> str:
    return json.dumps({"messages": GOOD_MESSAGES, **overrides})


def file_with(bad_line: str, *, good: int = 10) -> str:
    return "\n".join([good_line()] * good + [bad_line]) + "\n"


def record(i: int, *, genre="fantasy", text=None, quality=8.0) -> Record:
    return Record(
        example_id=i,
        genre=genre,
        prompt="A young wizard discovers an ancient spellbook",
        style_modifier="Use vivid sensory details",
        text=text or f"Passage {i}. The wizard opened the book and the candles bent toward it.",
        quality_score=quality,
    )


# --- validation rules ------------------------------------------------------------------------------


def test_a_well_formed_file_passes():
    report = validate_chat_jsonl("\n".join([good_line()] * 10) + "\n")
    assert report.ok and report.examples == 10


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ("{}", "missing or empty 'messages'"),
        (json.dumps({"messages": []}), "missing or empty 'messages'"),
        (json.dumps({"messages": "hello"}), "missing or empty 'messages'"),
        (good_line(extra=1), "unknown key 'extra'"),
        (json.dumps({"messages": ["hi", *GOOD_MESSAGES]}), "message 0 is not an object"),
        (json.dumps({"messages": [{"content": "hi"}, *GOOD_MESSAGES]}), "message 0 has no 'role'"),
        (
            json.dumps({"messages": [{"role": "narrator", "content": "hi"}, *GOOD_MESSAGES]}),
            "unrecognised role",
        ),
        (
            json.dumps({"messages": [{"role": "user", "content": "hi", "mood": "x"}, *GOOD_MESSAGES]}),
            "unknown key 'mood'",
        ),
        (json.dumps({"messages": [{"role": "user"}, *GOOD_MESSAGES]}), "message 0 has no 'content'"),
        (json.dumps({"messages": [{"role": "user", "content": "  "}, *GOOD_MESSAGES]}), "non-empty string"),
        (json.dumps({"messages": [{"role": "user", "content": 42}, *GOOD_MESSAGES]}), "non-empty string"),
        (json.dumps({"messages": GOOD_MESSAGES[:2]}), "no assistant message"),
        (
            json.dumps(
                {"messages": [*GOOD_MESSAGES[:2], {"role": "assistant", "content": "The end<|endoftext|>"}]}
            ),
            "special token '<|endoftext|>'",
        ),
        (
            json.dumps({"messages": [*GOOD_MESSAGES[:2], {"role": "assistant", "content": "x" * 300_000}]}),
            "longer than 65536 tokens",
        ),
    ],
)
def test_each_rule_rejects_its_bad_line_and_names_it(bad_line, reason):
    report = validate_chat_jsonl(file_with(bad_line))
    assert not report.ok
    assert len(report.errors) == 1
    assert report.errors[0].startswith("line 11: ")
    assert reason in report.errors[0]


def test_fewer_than_ten_examples_is_refused_and_blank_lines_do_not_count():
    report = validate_chat_jsonl("\n".join([good_line()] * 9) + "\n\n\n")
    assert not report.ok and report.examples == 9
    assert report.errors == ("9 examples; at least 10 are required",)


def test_the_summary_lists_the_first_problems_and_counts_the_rest():
    report = validate_chat_jsonl("\n".join(["{"] * 12))
    assert len(report.errors) == 12
    assert report.summary(limit=2).startswith("line 1: not valid JSON")
    assert report.summary(limit=2).endswith("; and 10 more")


# --- formats ---------------------------------------------------------------------------------------


def test_openai_lines_carry_preferences_the_inference_prompt_and_the_text():
    records = [record(1, genre="horror"), record(2, genre="horror"), record(3, genre="sci_fi")]
    system = dataset.system_prompt(model_name="zega-alice", username="alice", records=records)
    assert "zega-alice" in system and "horror (67%)" in system and "sci-fi (33%)" in system
    line = json.loads(next(iter(dataset.jsonl_lines(records, fmt="openai", system=system))))
    roles = [m["role"] for m in line["messages"]]
    assert roles == ["system", "user", "assistant"]
    assert line["messages"][0]["content"] == system
    assert line["messages"][2]["content"] == records[0].text
    # The user turn is exactly what /generate sends a model at inference time.
    request = GenerationRequest(
        genre="horror", prompt=records[0].prompt, style_modifier=records[0].style_modifier
    )
    assert line["messages"][1]["content"] == build_messages(request)[1]["content"]


def test_alpaca_and_sharegpt_shapes():
    records = [record(1, genre="sci_fi")]
    alpaca = json.loads(next(iter(dataset.jsonl_lines(records, fmt="alpaca", system="S"))))
    assert set(alpaca) == {"instruction", "input", "output", "system"}
    assert "sci-fi" in alpaca["instruction"] and alpaca["input"] == records[0].prompt
    assert alpaca["output"] == records[0].text
    sharegpt = json.loads(next(iter(dataset.jsonl_lines(records, fmt="sharegpt", system="S"))))
    assert [turn["from"] for turn in sharegpt["conversations"]] == ["system", "human", "gpt"]
    assert sharegpt["conversations"][2]["value"] == records[0].text
    with pytest.raises(ValueError):
        list(dataset.jsonl_lines(records, fmt="csv", system="S"))


# --- the split -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "held"), [(10, 0), (19, 0), (20, 2), (50, 5), (120, 12)])
def test_about_ten_percent_is_held_back_from_twenty_examples(n, held):
    records = [record(i) for i in range(n)]
    built = build_dataset(records=records, model_name="zega-a", username="a", seed=7)
    assert len(built.validation) == held
    assert len(built.training) == n - held
    training_ids = {r.example_id for r in built.training}
    validation_ids = {r.example_id for r in built.validation}
    assert not training_ids & validation_ids and training_ids | validation_ids == set(range(n))
    again = build_dataset(records=list(reversed(records)), model_name="zega-a", username="a", seed=7)
    assert again == built  # seeded and order-independent: rebuilding a job's dataset gives the same split
    assert built.validate().ok


# --- the few-shot choice ---------------------------------------------------------------------------


def test_fewshot_takes_the_best_examples_spread_over_preferred_genres():
    records = (
        [record(i, genre="horror", quality=7.5 + i / 10) for i in range(6)]  # the most kept genre
        + [record(10 + i, genre="sci_fi", quality=9.0 - i / 10) for i in range(3)]
        + [record(20, genre="romance", quality=9.9)]
    )
    chosen = select_examples(records, max_examples=5, max_chars=10_000)
    assert [r.genre for r in chosen] == ["horror", "sci_fi", "romance", "horror", "sci_fi"]
    assert chosen[0].example_id == 5  # horror's best
    assert chosen[1].example_id == 10  # sci-fi's best


def test_fewshot_stays_within_its_character_budget():
    records = [record(i, text="x" * 900 + f" {i}.") for i in range(10)]
    chosen = select_examples(records, max_examples=10, max_chars=2000)
    assert len(chosen) == 2 and sum(len(r.text) for r in chosen) <= 2000


# --- export: API and command -----------------------------------------------------------------------


@pytest.fixture
def alice_data(user, other_user):
    kept = make_kept(user, 4)
    run = kept[0].run
    ExampleFactory(run=run, index=100, status="rejected", reject_reason="low_quality", text="Bad.")
    ExampleFactory(run=run, index=101, excluded=True, text="Excluded by staff. It must not leave.")
    ExampleFactory(run=RunFactory(user=other_user), index=0, text="Bob's story, not Alice's.")
    return kept


def lines_of(response) -> list[dict]:
    return [json.loads(line) for line in response.content.decode().splitlines()]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["openai", "alpaca", "sharegpt"])
def test_export_serves_kept_not_excluded_examples(api, alice_data, fmt):
    response = api.get(f"/training/export?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jsonl")
    assert f'filename="zega-alice-{fmt}.jsonl"' in response["Content-Disposition"]
    lines = lines_of(response)
    assert len(lines) == 4
    body = response.content.decode()
    assert "Excluded by staff" not in body and "Bob's story" not in body and "Bad." not in body
    if fmt == "openai":
        assert validate_chat_jsonl(response.content, min_examples=4).ok


@pytest.mark.django_db
def test_export_defaults_to_openai_and_checks_its_parameters(api, staff_api, alice_data):
    assert "messages" in lines_of(api.get("/training/export"))[0]
    bad = api.get("/training/export?format=csv")
    assert bad.status_code == 400 and "format" in bad.json()
    assert api.get("/training/export?user_id=bob").status_code == 403
    assert len(lines_of(staff_api.get("/training/export?user_id=alice&format=alpaca"))) == 4
    assert staff_api.get("/training/export?user_id=nobody").status_code == 404


@pytest.mark.django_db
def test_export_command_writes_stdout_or_a_file(alice_data, tmp_path, capsys):
    call_command("export_training_data", "--user", "alice", "--format", "sharegpt")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all("conversations" in json.loads(line) for line in out)
    target = tmp_path / "alice.jsonl"
    call_command("export_training_data", "--user", "alice", "--format", "openai", "--output", str(target))
    assert validate_chat_jsonl(target.read_bytes(), min_examples=4).ok
    with pytest.raises(CommandError):
        call_command("export_training_data", "--user", "nobody", "--format", "openai")
