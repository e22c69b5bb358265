"""`GET /training/export?format=hf` and `export_training_data --format hf`: a zip for the Hugging Face
Hub with train / validation splits and a dataset card that states the data's figures."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from autotrain.finetune import dataset, dataset_card
from autotrain.models import TrainingExample
from tests.factories import ExampleFactory, RunFactory

Example = TrainingExample


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def card_parts(readme: str) -> tuple[dict, str]:
    assert readme.startswith("---\n")
    _, front, body = readme.split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.fixture
def data(user):
    """20 kept examples over two runs (one with a jury), one excluded, one rejected."""
    # As runs record them (autotrain.llm.registry.describe_ensemble / describe_jury).
    ensemble = [
        {"name": "llama", "kind": "openai", "model": "llama3.1", "base_url": "http://127.0.0.1:1/v1"},
        {"name": "mistral", "kind": "openai", "model": "mistral", "base_url": "http://127.0.0.1:1/v1"},
    ]
    jury = [
        {"name": name, "model": name, "base_url": "http://127.0.0.1:1/v1"} for name in ("judge-a", "judge-b")
    ]
    plain = RunFactory(user=user, quality_threshold=7.0, ensemble=ensemble)
    judged = RunFactory(user=user, quality_threshold=7.5, ensemble=ensemble, jury=jury, judge_threshold=7.0)
    kept = []
    for i in range(12):
        kept.append(
            ExampleFactory(
                run=plain,
                genre="fantasy" if i < 8 else "horror",
                quality_score=7.0 + i * 0.25,
                winning_model="llama" if i % 3 else "mistral",
                text=f"Story {i}: the wizard opened the book.",
            )
        )
    for i in range(8):
        kept.append(
            ExampleFactory(
                run=judged,
                genre="mystery",
                quality_score=8.0 + i * 0.1,
                winning_model="llama",
                judge_status="judged" if i < 6 else "unavailable",
                judge_score=7.0 + i * 0.5 if i < 6 else None,
                text=f"Case {i}: the detective read the letter.",
            )
        )
    excluded = ExampleFactory(run=plain, text="An excluded story.", excluded=True)
    rejected = ExampleFactory(
        run=plain,
        status=Example.Status.REJECTED,
        reject_reason="low_quality",
        quality_score=3.0,
        text="A rejected story.",
    )
    return kept, excluded, rejected


@pytest.mark.django_db
def test_hf_export_is_a_zip_with_splits_and_a_card(api, data):
    kept, excluded, rejected = data
    response = api.get("/training/export", {"format": "hf"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="zega-alice-hf.zip"'
    files = unzip(response.content)
    assert set(files) == {"data/train.jsonl", "data/validation.jsonl", "README.md"}

    train = [json.loads(line) for line in files["data/train.jsonl"].splitlines()]
    validation = [json.loads(line) for line in files["data/validation.jsonl"].splitlines()]
    assert (len(train), len(validation)) == (18, 2)  # 10% of 20
    texts = [row["text"] for row in train + validation]
    assert sorted(texts) == sorted(e.text for e in kept)
    assert excluded.text not in texts and rejected.text not in texts
    row = train[0]
    assert set(row) == {
        "messages",
        "genre",
        "prompt",
        "style_modifier",
        "text",
        "quality_score",
        "judge_score",
        "writer",
    }
    assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
    assert row["messages"][-1]["content"] == row["text"]
    # The messages pass the same chat checks as the openai export.
    chats = "".join(json.dumps({"messages": r["messages"]}) + "\n" for r in train)
    report = dataset.validate_chat_jsonl(chats)
    assert report.ok and report.examples == 18, report.errors

    # The same data, the same bytes.
    assert api.get("/training/export", {"format": "hf"}).content == response.content


@pytest.mark.django_db
def test_the_card_has_hub_metadata_and_the_datas_figures(api, data):
    kept, _, _ = data
    front, body = card_parts(unzip(api.get("/training/export?format=hf").content)["README.md"])
    assert front["pretty_name"] == "Zega stories of alice"
    assert front["language"] == ["en"]
    assert front["task_categories"] == ["text-generation"]
    assert front["size_categories"] == ["n<1K"]
    assert front["configs"][0]["data_files"] == [
        {"split": "train", "path": "data/train.jsonl"},
        {"split": "validation", "path": "data/validation.jsonl"},
    ]
    # Genres: counts and shares.
    assert (
        "| fantasy | 8 | 40% |" in body and "| mystery | 8 | 40% |" in body and "| horror | 4 | 20% |" in body
    )
    # Quality: mean and min of the 20 kept scores, and a histogram that counts all of them.
    scores = sorted(e.quality_score for e in kept)
    assert f"mean {sum(scores) / len(scores):.2f}, min {scores[0]:.2f}" in body
    histogram = [
        line for line in body.split("## Quality")[1].split("##")[0].splitlines() if line.startswith("| ")
    ]
    assert sum(int(line.split("|")[2]) for line in histogram[2:]) == 20
    # Jury: 6 judged, 2 kept while no judge answered, 12 without a jury; judge scores 7.0..9.5.
    assert (
        "6 of 20 examples were judged by the LLM jury, 2 kept while no judge answered, 12 kept without a jury."
        in body
    )
    assert "Judge scores: mean 8.25, min 7.00" in body
    # Writers: llama wrote 8 + 8 = 16, mistral 4.
    assert "| llama | 16 |" in body and "| mistral | 4 |" in body
    # Filter settings of the runs behind the data, and what curation left out.
    assert "Quality threshold: 7 to 7.5 (it changed between runs)" in body
    assert "Jury: judge-a, judge-b; judge threshold 7" in body
    assert "Ensemble: llama (llama3.1), mistral." in body
    assert "1 kept example(s) excluded from training" in body


@pytest.mark.django_db(transaction=True)
def test_hf_export_of_a_real_run(api, user, settings):
    """A run made by POST /auto-train (the offline writer), exported: what the runs really record."""
    response = api.post("/auto-train", {"num_examples": 12, "genres": ["fantasy", "horror"]}, format="json")
    assert response.status_code == 200, response.content
    kept = response.json()["successful"]
    assert kept > 0
    export = api.get("/training/export", {"format": "hf"})
    assert export.status_code == 200, export.content[:500]
    files = unzip(export.content)
    rows = files["data/train.jsonl"].splitlines() + files["data/validation.jsonl"].splitlines()
    assert len(rows) == kept
    front, body = card_parts(files["README.md"])
    assert front["task_categories"] == ["text-generation"]
    writers = {json.loads(row)["writer"] for row in rows}
    assert writers and all(f"| {writer} |" in body for writer in writers)
    assert f"Quality threshold: {settings.ZEGA_QUALITY_THRESHOLD:g} " in body
    assert "Ensemble: offline" in body
    assert "- Runs: 1." in body


@pytest.mark.django_db
def test_an_empty_export_is_still_a_valid_dataset(api, user):
    files = unzip(api.get("/training/export", {"format": "hf"}).content)
    assert files["data/train.jsonl"] == "" and files["data/validation.jsonl"] == ""
    front, body = card_parts(files["README.md"])
    assert front["size_categories"] == ["n<1K"]
    assert "0 short story passages" in body


@pytest.mark.django_db
def test_another_users_export_is_403_and_unknown_format_400(api, other_user):
    assert api.get("/training/export", {"format": "hf", "user_id": "bob"}).status_code == 403
    assert api.get("/training/export", {"format": "parquet"}).status_code == 400


@pytest.mark.django_db
def test_management_command_writes_the_same_zip(api, data, tmp_path):
    path = tmp_path / "alice.zip"
    call_command("export_training_data", "--user", "alice", "--format", "hf", "--output", str(path))
    assert path.read_bytes() == api.get("/training/export", {"format": "hf"}).content
    with pytest.raises(CommandError, match="--output"):
        call_command("export_training_data", "--user", "alice", "--format", "hf")


class Row:
    def __init__(self, pk):
        self.pk = pk


def test_split_is_ten_percent_by_id_hash_and_stable_as_data_grows():
    first = [Row(pk) for pk in range(1, 101)]
    train, validation = dataset_card.split(first)
    assert len(validation) == 10 and len(train) == 90
    assert {r.pk for r in train} | {r.pk for r in validation} == set(range(1, 101))
    assert [r.pk for r in dataset_card.split(list(reversed(first)))[1]] == [r.pk for r in validation]
    grown = first + [Row(pk) for pk in range(101, 111)]
    _, later = dataset_card.split(grown)
    assert len(later) == 11
    # An example leaves validation only when a new one takes its place: one more place, so every
    # new one in validation but one displaced an old one, and no old training example moved over.
    before, after = {r.pk for r in validation}, {r.pk for r in later}
    newcomers = after - set(range(1, 101))
    assert len(before - after) == len(newcomers) - 1
    assert after - newcomers <= before
    assert dataset_card.split([Row(1), Row(2), Row(3)])[1] == []


def test_quantiles_histogram_and_size_categories():
    assert dataset_card.quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert dataset_card.quantile([7.0], 0.9) == 7.0
    assert dataset_card.histogram([7.0, 7.2, 9.9, 10.0]) == [
        (7.0, 7.5, 2),
        (7.5, 8.0, 0),
        (8.0, 8.5, 0),
        (8.5, 9.0, 0),
        (9.0, 9.5, 0),
        (9.5, 10.0, 2),
    ]
    assert [dataset_card.size_category(n) for n in (0, 999, 1000, 12_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
    ]
