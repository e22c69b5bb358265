"""Near-duplicate detection: MinHash signatures and the per-user index."""

from __future__ import annotations

import random
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from autotrain import dedup
from autotrain.dedup import DedupIndex, signature, similarity

# ~600 characters.
COLONY = (
    "The colony ship Meridian had been falling toward the violet planet for eleven years when Captain Osei "
    "woke from cryosleep to the sound of alarms. Frost still clung to her eyelashes. Through the viewport "
    "the world hung like a bruised marble, its oceans swirling beneath clouds the color of rust. 'Status,' "
    "she croaked. The ship's AI answered in its calm, sexless voice: the reactor was failing, two thousand "
    "colonists were still asleep, and the landing window would close in nine hours. Osei pulled herself "
    "along "
    "the cold corridor toward engineering, counting the pods as she passed."
)
# A couple of words changed.
COLONY_NEAR_COPY = COLONY.replace("eleven years", "twelve years").replace("cold corridor", "dark corridor")
# A different story on the same prompt and genre.
COLONY_OTHER = (
    "The Meridian's engines died three days out from the new world, and nobody aboard the colony ship "
    "noticed "
    "until the lights dimmed in the hydroponics bay. Engineer Tamsin Roe crawled through the maintenance "
    "shafts with a flashlight in her teeth, tracing the fault to a melted coupling. Below her, in the long "
    "dark "
    "hall of sleeping colonists, ten thousand pods glowed blue. She thought of her brother in pod 4471. If "
    "she "
    "failed, none of them would ever see the violet seas they had been promised."
)
WIZARD_A = (
    "Elias found the spellbook wedged behind a crumbling shelf in the tower library, its leather cover "
    "cracked "
    'and warm beneath his trembling fingers. The pages glowed a faint, eerie blue as he turned them. "You '
    'should not be here," whispered a dry voice from the binding itself.'
)
WIZARD_B = (
    "Nobody told Mira that the spellbook would bite. She had expected dust, perhaps a curse or two, not the "
    "sharp little teeth that lined its spine. Her master laughed when she showed him the marks and said "
    "every "
    "young wizard earned them once."
)

VOCABULARY = (
    "wizard spellbook tower dragon knight castle forest river mountain village storm night dawn ship planet "
    "colony captain engine star signal station alien detective letter murder clue manor butler garden door "
    "window candle shadow whisper voice blood bone grave moon sun rain snow fire ash smoke iron silver gold "
    "glass stone wood paper ink page map road bridge market tavern king queen prince thief sword shield "
    "arrow horse wolf raven owl cat child mother father brother sister friend stranger soldier priest witch "
    "ran walked fell rose opened closed found lost kept broke burned froze waited watched heard saw knew "
    "old young dark bright cold warm quiet loud slow quick empty heavy strange ancient red black white"
).split()


def random_story(rng: random.Random, words: int = 110) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)) + "."


# --- signatures --------------------------------------------------------------------------------------


def test_signature_size():
    sig = signature(COLONY)
    assert isinstance(sig, bytes)
    assert len(sig) == dedup.SIGNATURE_BYTES == dedup.NUM_PERM * 4
    assert len(signature("")) == dedup.SIGNATURE_BYTES
    assert len(signature("Hi.")) == dedup.SIGNATURE_BYTES


def test_signature_is_deterministic():
    assert signature(COLONY) == signature(COLONY)
    assert signature(COLONY) == signature(str(COLONY))


def test_signature_is_the_same_in_another_process():
    # Stored signatures are compared across workers and restarts: no per-process hash salt may leak in.
    code = "import sys; from autotrain.dedup import signature; sys.stdout.write(signature(sys.argv[1]).hex())"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code, COLONY],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)},
    ).stdout
    assert bytes.fromhex(out) == signature(COLONY)


def test_signature_equals_datasketch_minhash():
    # The fast path must compute exactly datasketch's MinHash over the same shingles.
    for text in (COLONY, COLONY_OTHER, WIZARD_A, "Short one.", ""):
        minhash = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, hashfunc=zlib.crc32)
        shingles = dedup._shingles(text)
        if shingles:
            minhash.update_batch(shingles)
        assert np.frombuffer(signature(text), dtype="<u4").tolist() == minhash.hashvalues.tolist()


def test_permutations_are_datasketchs_and_the_service_does_not_import_it():
    reference = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED).permutations
    assert dedup._A.tolist() == reference[0].tolist()
    assert dedup._B.tolist() == reference[1].tolist()
    # datasketch pulls in scipy (~0.45 s per process start); the service computes the same without it.
    root = Path(__file__).resolve().parent.parent
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, autotrain.dedup; print(sorted({'datasketch', 'scipy'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root)},
    ).stdout.strip()
    assert loaded == "[]"


def test_shingles_are_lowercased_word_trigrams_without_punctuation():
    assert dedup._shingles("The Ship, the STAR; the ship!") == {
        b"the ship the",
        b"ship the star",
        b"the star the",
        b"star the ship",
    }
    # Too few words for trigrams: the words themselves.
    assert dedup._shingles("Run, Mira!") == {b"run", b"mira"}


def test_similarity():
    assert similarity(signature(COLONY), signature(COLONY)) == 1.0
    assert similarity(signature(COLONY), signature(COLONY_NEAR_COPY)) >= 0.8
    assert similarity(signature(COLONY), signature(COLONY_OTHER)) < 0.2
    assert similarity(signature(WIZARD_A), signature(WIZARD_B)) < 0.2
    # Case and punctuation do not matter.
    assert similarity(signature(COLONY), signature(COLONY.upper().replace(",", ""))) == 1.0


def test_similarity_rejects_a_foreign_signature():
    with pytest.raises(ValueError):
        similarity(signature(COLONY), b"\x00" * 10)


# --- the index ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "candidate", "duplicate"),
    [
        (COLONY, COLONY, True),
        (COLONY, COLONY_NEAR_COPY, True),
        (COLONY, "  " + COLONY.upper() + "  ", True),
        (COLONY, COLONY_OTHER, False),
        (WIZARD_A, WIZARD_B, False),
        ("The end.", "The end!", True),
        ("The end.", "Run, Mira!", False),
    ],
    ids=[
        "identical",
        "near-copy",
        "case-and-spacing",
        "same-prompt-other-story",
        "same-genre",
        "short-same",
        "short-different",
    ],
)
def test_find_duplicate(stored, candidate, duplicate):
    index = DedupIndex(threshold=0.8)
    index.add("kept-1", signature(stored))
    found = index.find_duplicate(signature(candidate))
    assert found == ("kept-1" if duplicate else None)


def test_empty_index_finds_nothing():
    index = DedupIndex()
    assert len(index) == 0
    assert index.find_duplicate(signature(COLONY)) is None


def test_returns_the_most_similar_key():
    index = DedupIndex(threshold=0.5)
    index.add(1, signature(COLONY_NEAR_COPY))
    index.add(2, signature(COLONY))
    index.add(3, signature(COLONY_OTHER))
    assert index.find_duplicate(signature(COLONY)) == 2


def test_adding_the_same_key_twice_is_harmless():
    index = DedupIndex()
    index.add(7, signature(COLONY))
    index.add(7, signature(COLONY))
    assert len(index) == 1
    assert index.find_duplicate(signature(COLONY_NEAR_COPY)) == 7


def test_accepts_memoryview_signatures():
    # A BinaryField can hand back a memoryview.
    index = DedupIndex()
    index.add(1, memoryview(signature(COLONY)))
    assert index.find_duplicate(memoryview(signature(COLONY))) == 1


def test_threshold_is_respected():
    near = similarity(signature(COLONY), signature(COLONY_NEAR_COPY))
    assert 0.8 <= near < 1.0
    strict = DedupIndex(threshold=0.99)
    strict.add(1, signature(COLONY))
    assert strict.find_duplicate(signature(COLONY_NEAR_COPY)) is None
    assert strict.find_duplicate(signature(COLONY)) == 1
    with pytest.raises(ValueError):
        DedupIndex(threshold=0)


def test_candidates_are_verified_not_just_bucketed():
    # A stored signature that shares exactly one LSH band with the query is a candidate but not a duplicate.
    index = DedupIndex(threshold=0.8)
    query = np.frombuffer(signature(COLONY), dtype="<u4").copy()
    partial = ~query
    partial[: index.rows] = query[: index.rows]
    index.add("one-band", partial.astype("<u4").tobytes())
    assert index.find_duplicate(query.tobytes()) is None


def test_large_index_finds_near_copy_without_false_positives():
    rng = random.Random(20240601)
    texts = [random_story(rng) for _ in range(5000)]
    index = DedupIndex(threshold=0.8)
    for i, text in enumerate(texts):
        index.add(i, signature(text))
    assert len(index) == 5000

    words = texts[1234].split()
    words[10] = "lighthouse"
    words[70] = "harbour"
    near_copy = " ".join(words)
    assert index.find_duplicate(signature(near_copy)) == 1234

    fresh = [random_story(rng) for _ in range(50)] + [COLONY, COLONY_OTHER, WIZARD_A, WIZARD_B]
    fresh_sigs = [signature(text) for text in fresh]
    started = time.perf_counter()
    found = [index.find_duplicate(sig) for sig in fresh_sigs]
    elapsed = time.perf_counter() - started
    assert found == [None] * len(fresh)
    # ~0.01 ms each here; the bound is loose so it never flakes on a busy machine.
    assert elapsed / len(fresh) < 0.005


def test_lookups_stay_fast_with_ten_thousand_entries():
    rng = np.random.default_rng(7)
    index = DedupIndex(threshold=0.8)
    for i in range(10_000):
        index.add(i, rng.integers(0, 2**32, size=dedup.NUM_PERM, dtype=np.uint64).astype("<u4").tobytes())
    index.add("colony", signature(COLONY))
    queries = [signature(COLONY_OTHER), signature(WIZARD_A), signature(COLONY_NEAR_COPY)] * 100
    started = time.perf_counter()
    results = [index.find_duplicate(q) for q in queries]
    elapsed = time.perf_counter() - started
    assert results[:3] == [None, None, "colony"]
    assert elapsed / len(queries) < 0.005


def test_signature_is_fast():
    text = (COLONY + " " + COLONY_OTHER)[:800]
    signature(text)
    started = time.perf_counter()
    for _ in range(1000):
        signature(text)
    # ~0.15 ms each here; loose bound.
    assert time.perf_counter() - started < 3.0
