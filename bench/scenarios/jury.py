"""Scenario 9: what the LLM jury costs (CONTRACT section 5), and the heuristics' CPU per candidate.

The backend of scenario 1 (the stub at 0.25 s per request, 32 requests in service per model) with two
judges more (`ZEGA_JUDGE_MODELS`, models on the same stub under the same per-model cap): every item
is one round of three members' requests, then one request per judge. The same 500-example run is
measured with the jury and without it (the cluster restarted with `ZEGA_JUDGE_MODELS` empty), on one
stack, side by side. The target is against two rounds' ideal, 2 x ceil(500/32) x 0.25 s: the judges'
round cannot start before an item's texts are in, but it may overlap the next items' generation (the
judges are other models), so a wall under the two-round ideal is possible.

The micro-measurement: `autotrain.quality.score` on the offline writer's stories for a run's planned
items (its three voices), CPU per call (time.process_time), in this process.
"""

from __future__ import annotations

import math
import statistics
import time

from bench.scenarios.backend import IN_FLIGHT, LATENCY, ideal_wall
from bench.scenarios.common import MODELS, Options, Result, chat_requests, spread, stack, stub, stub_env

JUDGES = ("judge-a", "judge-b")


def ideal_two_rounds(num: int, in_flight: int = IN_FLIGHT, latency: float = LATENCY) -> float:
    """Generation and judging as two full rounds each of ceil(num / in_flight) x latency."""
    return 2 * ideal_wall(num, in_flight, latency)


def _measured_run(deployed, stub_, num: int, username: str) -> dict:
    client = deployed.client(username)
    stub_.reset()
    cpu_before = deployed.cluster_cpu()
    summary = deployed.run(client, num, timeout=900)
    requests = chat_requests(stub_.snapshot(), summary["id"])
    stories = [r for r in requests if r.kind == "story"]
    judges = [r for r in requests if r.kind == "judge"]
    # How long an item's judge requests came after its last member's answer: the judges' queueing.
    texts_in: dict[int, float] = {}
    for record in stories:
        if record.answered is not None:
            texts_in[record.index] = max(texts_in.get(record.index, 0.0), record.answered)
    waits = sorted(r.received - texts_in[r.index] for r in judges if r.index in texts_in)
    # Time at the stub (received to answered): the latency, plus queueing for the per-model cap.
    at_stub = sorted(r.answered - r.received for r in judges if r.answered is not None)
    last_story = max((r.answered for r in stories if r.answered), default=math.nan)
    last_judge = max((r.answered for r in judges if r.answered), default=last_story)
    return {
        "wall": summary["wall"],
        "successful": summary["successful"],
        "failed": summary["failed"],
        "failures": {k: v for k, v in summary["failures"].items() if v},
        "story_requests": len(stories),
        "judge_requests": len(judges),
        "run_judge_requests": summary["jury"]["requests"],
        "judge_tokens": summary["jury"]["prompt_tokens"] + summary["jury"]["completion_tokens"],
        "judge_wait_p50_ms": round(statistics.median(waits) * 1000, 1) if waits else None,
        "judge_wait_p95_ms": round(waits[int(0.95 * (len(waits) - 1))] * 1000, 1) if waits else None,
        "judge_at_stub_p50_ms": round(statistics.median(at_stub) * 1000, 1) if at_stub else None,
        # From the last member's answer to the last judge's: the judges' round the run ends on.
        "judge_tail": round(last_judge - last_story, 3) if judges else 0.0,
        "cluster_cpu_ms_per_example": round((deployed.cluster_cpu() - cpu_before) / num * 1000, 2),
    }


def _warm_up(deployed, stub_) -> None:
    """As scenario 1: two chunks first, so each worker has imported its backends and connected."""
    deployed.run(deployed.client("bench-warm-up"), 4 * IN_FLIGHT, timeout=300)
    stub_.reset()


def score_cpu(calls: int) -> dict:
    """CPU of autotrain.quality.score per candidate on the offline writer's stories (three voices per
    planned item, as the offline ensemble writes them); the stories are written before the clock."""
    from autotrain import catalog, quality
    from autotrain.llm.offline import write_story

    items = catalog.plan_items(seed=20261202, num_examples=math.ceil(calls / 3), genres=None)
    cases = [
        (
            write_story(
                genre=i.genre, prompt=i.prompt, style_modifier=i.style_modifier, seed=i.seed, voice=voice
            ),
            i,
        )
        for i in items
        for voice in range(3)
    ][:calls]
    for text, item in cases[:50]:  # first calls compile the regexes and fill caches
        quality.score(text, item.prompt, genre=item.genre)
    per_call: list[float] = []
    kept = 0
    started = time.process_time()
    for text, item in cases:
        before = time.process_time()
        report = quality.score(text, item.prompt, genre=item.genre, finish_reason="stop")
        per_call.append(time.process_time() - before)
        kept += report.reject_reason is None
    total = time.process_time() - started
    per_call.sort()
    return {
        "calls": len(cases),
        "mean_chars": round(sum(len(t) for t, _ in cases) / len(cases)),
        "cpu_ms_per_candidate": round(total / len(cases) * 1000, 3),
        "p50_ms": round(per_call[len(per_call) // 2] * 1000, 3),
        "p99_ms": round(per_call[int(0.99 * (len(per_call) - 1))] * 1000, 3),
        "max_ms": round(per_call[-1] * 1000, 3),
        "kept_share": round(kept / len(cases), 3),
    }


def jury(options: Options) -> Result:
    """9. 500 examples, 3 members + 2 judges, 0.25 s/request, 32 in flight per model; without the jury
    side by side; and the heuristics' CPU per candidate."""
    num = options.pick(500, 100)
    result = Result()
    runs: dict[str, list[dict]] = {"jury": [], "no_jury": []}
    with stub(latency=LATENCY, max_in_flight_per_model=IN_FLIGHT, seed=9) as stub_:
        env = stub_env(stub_, concurrency=IN_FLIGHT, ZEGA_JUDGE_MODELS=",".join(JUDGES))
        with stack(env=env) as deployed:
            deployed.start_web()
            # The web process records the judges on every run (display only); the cluster decides
            # whether there is a jury: without one, it runs with ZEGA_JUDGE_MODELS empty.
            for mode, cluster_env in (("jury", {}), ("no_jury", {"ZEGA_JUDGE_MODELS": ""})):
                deployed.start_cluster(workers=2, env=cluster_env)
                _warm_up(deployed, stub_)
                for attempt in range(options.repeats):
                    runs[mode].append(_measured_run(deployed, stub_, num, f"bench-9-{mode}-{attempt}"))
                deployed.stop_clusters()
    walls = {mode: [r["wall"] for r in measured] for mode, measured in runs.items()}
    ideal = ideal_two_rounds(num)
    ratio = spread([w / ideal for w in walls["jury"]])
    overhead = statistics.median(walls["jury"]) / statistics.median(walls["no_jury"])
    with_jury = runs["jury"]
    cpu = score_cpu(options.pick(3000, 600))
    result.figures.update(
        examples=num,
        members=len(MODELS),
        judges=len(JUDGES),
        latency=LATENCY,
        in_flight_per_model=IN_FLIGHT,
        wall_with_jury=spread(walls["jury"]),
        wall_without_jury=spread(walls["no_jury"]),
        ideal_two_rounds=ideal,
        ideal_one_round=ideal / 2,
        ratio=ratio,
        jury_over_no_jury=round(overhead, 2),
        story_requests=[r["story_requests"] for r in with_jury],
        judge_requests=[r["judge_requests"] for r in with_jury],
        run_judge_requests=[r["run_judge_requests"] for r in with_jury],
        judge_tokens=[r["judge_tokens"] for r in with_jury],
        judge_wait_p50_ms=spread([r["judge_wait_p50_ms"] or 0.0 for r in with_jury], 1),
        judge_wait_p95_ms=spread([r["judge_wait_p95_ms"] or 0.0 for r in with_jury], 1),
        judge_at_stub_p50_ms=spread([r["judge_at_stub_p50_ms"] or 0.0 for r in with_jury], 1),
        judge_tail=spread([r["judge_tail"] for r in with_jury]),
        successful={mode: [r["successful"] for r in measured] for mode, measured in runs.items()},
        failures={mode: [r["failures"] for r in measured] for mode, measured in runs.items()},
        cluster_cpu_ms_per_example={
            mode: spread([r["cluster_cpu_ms_per_example"] for r in measured], 2)
            for mode, measured in runs.items()
        },
        quality_score_cpu=cpu,
    )
    result.notes.append(
        "ideal_two_rounds = 2 x ceil(examples/32) x 0.25 s: the members' round, then the judges'; the "
        "judges' requests of early items overlap later items' generation, so the wall may beat it"
    )
    result.target("wall with jury / two-round ideal", ratio["median"], 1.3)
    result.target("quality.score CPU ms per candidate", cpu["cpu_ms_per_candidate"], 1.0, unit=" ms")
    return result
