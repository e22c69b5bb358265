"""Scenario 6: a backend that allows 600 requests a minute.

The stub counts accepted requests over a rolling minute and answers 429 with Retry-After beyond the
limit; every answer carries OpenAI's `x-ratelimit-limit-requests` / `-remaining-requests` headers. No
ZEGA_LLM_RPM is set: the members learn the limit from those headers (autotrain.llm.ratelimit) and pace
themselves. One member, so the member's pace is the throughput; the run has more requests than a minute
allows, so the limit binds.
"""

from __future__ import annotations

from bench.scenarios.common import Options, Result, chat_requests, stack, stub, stub_env

RPM = 600


def rate_limited(options: Options) -> Result:
    num = options.pick(650, 150)  # more than a minute allows: the limit binds
    result = Result()
    with stub(latency=0.25, rpm_limit=RPM, seed=6) as stub_:
        with stack(env=stub_env(stub_, models=("stub-a",))) as deployed:
            deployed.start_web()
            deployed.start_cluster(workers=2)
            summary = deployed.run(deployed.client("bench-6"), num, timeout=900)
            requests = chat_requests(stub_.snapshot(), summary["id"])
    accepted = sorted(r.received for r in requests if r.status == 200)
    limited = sum(1 for r in requests if r.status == 429)
    # Accepted requests per minute, from the first accepted to the last: the sustained throughput.
    span = accepted[-1] - accepted[0] if len(accepted) > 1 else float("nan")
    throughput = (len(accepted) - 1) / span * 60 if span else float("nan")
    result.figures.update(
        examples=num,
        rpm_limit=RPM,
        wall=round(summary["wall"], 2),
        successful=summary["successful"],
        failed=summary["failed"],
        accepted_requests=len(accepted),
        answered_429=limited,
        throughput_rpm=round(throughput, 1),
        throughput_share_of_limit=round(throughput / RPM, 3),
    )
    errors = summary["failures"]["generation_error"]
    result.figures["generation_errors"] = errors
    result.notes.append(
        "failed counts quality and duplicate rejections too; the target is on generation errors"
    )
    result.target("examples failed by the backend", errors, 0)
    result.target("|throughput - limit| / limit", abs(throughput - RPM) / RPM, 0.15)
    return result
