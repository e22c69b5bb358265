"""Scenario 7: one run shared by more clusters, on PostgreSQL and a Redis broker.

Two clusters on this 2-core machine could only share its two cores, so each cluster stands for a
machine of its own: one worker process, pinned to a CPU of its own (taskset). The same offline run of
5,000 examples goes to one such cluster, then to two; the web server, PostgreSQL and Redis are shared.
"No index generated twice": every item was claimed exactly once (TrainingExample.attempts == 1), and
every index exists once and finished.
"""

from __future__ import annotations

import collections

from bench.scenarios.common import Options, Result, spread, stack


def _run(deployed, clusters: int, num: int, username: str) -> dict:
    for cpu in range(clusters):
        deployed.start_cluster(workers=1, cpus={cpu})
    try:
        summary = deployed.run(deployed.client(username), num, timeout=900)
    finally:
        deployed.stop_clusters()
    attempts = deployed.item_attempts(summary["id"])
    counts = collections.Counter(attempts.values())
    return {
        "wall": summary["wall"],
        "finished": summary["successful"] + summary["failed"],
        "items": len(attempts),
        "generated_twice": sum(n for claims, n in counts.items() if claims != 1),
    }


def scale_out(options: Options) -> Result:
    num = options.pick(5000, 1000)
    result = Result()
    one, two = [], []
    with stack(postgres=True, redis=True) as deployed:
        deployed.start_web()
        # Once each by default: 5,000 examples take ~25 s a run here, and the whole benchmark has 10 minutes.
        for attempt in range(options.scale_repeats):
            one.append(_run(deployed, 1, num, f"bench-7-one-{attempt}"))
            two.append(_run(deployed, 2, num, f"bench-7-two-{attempt}"))
    one_wall, two_wall = spread([r["wall"] for r in one]), spread([r["wall"] for r in two])
    speedup = one_wall["median"] / two_wall["median"]
    twice = sum(r["generated_twice"] for r in one + two)
    result.figures.update(
        examples=num,
        database="postgresql",
        broker="redis",
        workers_per_cluster=1,
        one_cluster_wall=one_wall,
        two_clusters_wall=two_wall,
        speedup=round(speedup, 2),
        items_claimed_more_than_once=twice,
        all_finished=all(r["finished"] == num and r["items"] == num for r in one + two),
    )
    result.target("speed-up of two clusters", speedup, 1.5, at_most=False)
    result.target("indexes generated twice", twice, 0)
    return result
