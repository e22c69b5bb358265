"""Scenarios 4-5: the default offline ensemble (no network), end to end, and how runs grow.

Offline, generation costs CPU in our own processes, so these measure our code: the offline writer's
three voices, quality scoring, dedup, the database writes, the cluster's overhead.
"""

from __future__ import annotations

import json
import resource
import subprocess
import time

from bench.scenarios.common import Options, Result, spread, stack
from bench.stack import PYTHON, ROOT


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _command_run(deployed, num: int, username: str) -> tuple[float, float, dict]:
    """`manage.py autotrain` in a process of its own: (wall, CPU seconds, its --json summary)."""
    cpu_before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        [PYTHON, "manage.py", "autotrain", "--user", username, "--num", str(num), "--json"],
        cwd=ROOT,
        env=deployed.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if done.returncode != 0:
        raise RuntimeError(f"manage.py autotrain failed:\n{done.stderr[-3000:]}")
    return wall, cpu, json.loads(done.stdout.strip().splitlines()[-1])


def offline_end_to_end(options: Options) -> Result:
    """4. 500 offline examples via `manage.py autotrain` and via the API + cluster; CPU per example."""
    num = options.pick(500, 100)
    result = Result()
    with stack() as deployed:
        command_walls, command_cpu, baseline_cpu, run_times, failed = [], [], [], [], []
        for attempt in range(options.repeats):
            # The same command for one example: start-up (Django, imports) and a run's fixed costs.
            _, cpu_one, _ = _command_run(deployed, 1, f"bench-4-base-{attempt}")
            wall, cpu, summary = _command_run(deployed, num, f"bench-4-cmd-{attempt}")
            command_walls.append(wall)
            command_cpu.append(cpu)
            baseline_cpu.append(cpu_one)
            run_times.append(summary["total_time"])
            failed.append(summary["failed"])
        per_example = [
            (cpu - base) / (num - 1) * 1000 for cpu, base in zip(command_cpu, baseline_cpu, strict=True)
        ]

        deployed.start_web()
        deployed.start_cluster(workers=2)
        api_walls, cluster_cpu = [], []
        for attempt in range(options.repeats):
            before = deployed.cluster_cpu()
            summary = deployed.run(deployed.client(f"bench-4-api-{attempt}"), num, timeout=600)
            api_walls.append(summary["wall"])
            cluster_cpu.append((deployed.cluster_cpu() - before) / num * 1000)
            failed.append(summary["failed"])
    result.figures.update(
        examples=num,
        command_wall=spread(command_walls),
        command_run_total_time=spread(run_times),
        command_cpu_seconds=spread(command_cpu),
        startup_cpu_seconds=spread(baseline_cpu),
        cpu_ms_per_example=spread(per_example, 2),
        api_wall=spread(api_walls),
        cluster_cpu_ms_per_example=spread(cluster_cpu, 2),
        failed=failed,
    )
    result.notes.append(
        "command_wall: the whole `manage.py autotrain` process (interpreter and Django start-up included); "
        "cpu_ms_per_example: its CPU minus that of the same command for 1 example, over the other examples "
        "(offline writer, scoring, dedup, database writes); api_wall: POST -> run finished"
    )
    result.target("manage.py autotrain wall (s)", result.figures["command_wall"]["median"], 5.0)
    result.target("API + cluster wall (s)", result.figures["api_wall"]["median"], 10.0)
    result.target("CPU per example (ms)", result.figures["cpu_ms_per_example"]["median"], 5.0)
    return result


def growth(options: Options) -> Result:
    """5. Offline runs of 500 and 5,000 through the API + cluster: linear wall, flat worker memory."""
    small, large = options.pick((500, 5000), (100, 1000))
    result = Result()
    walls: dict[int, list[float]] = {small: [], large: []}
    peaks: dict[int, list[float]] = {small: [], large: []}
    with stack() as deployed:
        deployed.start_web()
        for attempt in range(max(1, options.repeats - 1)):  # two: a fresh cluster per run is slow
            for num in (small, large):
                # A fresh cluster per run: a worker's peak memory is a high-water mark over its life.
                deployed.start_cluster(workers=2)
                summary = deployed.run(deployed.client(f"bench-5-{num}-{attempt}"), num, timeout=900)
                walls[num].append(summary["wall"])
                peaks[num].append(deployed.cluster_peak_rss_mb())
                deployed.stop_clusters()
    wall_ratio = spread(walls[large])["median"] / spread(walls[small])["median"]
    memory_ratio = spread(peaks[large])["median"] / spread(peaks[small])["median"]
    result.figures.update(
        sizes=[small, large],
        wall_small=spread(walls[small]),
        wall_large=spread(walls[large]),
        wall_ratio=round(wall_ratio, 2),
        peak_rss_mb_small=spread(peaks[small], 1),
        peak_rss_mb_large=spread(peaks[large], 1),
        memory_ratio=round(memory_ratio, 3),
    )
    result.notes.append(
        "peak memory: the largest VmHWM among the cluster's processes, a fresh cluster per run"
    )
    result.target(f"wall {large} / wall {small}", wall_ratio, 11.0 * large / small / 10)
    result.target(f"peak memory {large} / {small}", memory_ratio, 1.2)
    result.target(f"peak memory at {large} (MB)", spread(peaks[large])["median"], 300.0)
    return result
