"""The OpenAI-compatible stub from the command line (blocking; benchmarks and manual runs):

    python -m stubs --port 8911 --latency 0.25 --rate-500 0.05 \
        [--judge-reply judge-a=reject --judge-reply judge-b=garbage] [--story-preamble "Sure! ..."]

It prints `stub OpenAI server on <base url>` once listening, serves until SIGINT or SIGTERM, then prints
its counters as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal

from stubs.config import JudgeReply, StubConfig
from stubs.openai import StubServer
from stubs.replies import COMPARE_BEHAVIOURS, JUDGE_BEHAVIOURS, compare_answer, judge_answer


def _parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, StubConfig]:
    parser = argparse.ArgumentParser(prog="python -m stubs", description="A loopback OpenAI-compatible stub server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--max-in-flight", type=int)
    parser.add_argument("--max-in-flight-per-model", type=int)
    parser.add_argument("--rpm", type=int, dest="rpm_limit")
    for kind in ("429", "500", "503", "hang", "malformed", "empty-choice"):
        parser.add_argument(f"--rate-{kind}", type=float, default=0.0)
    parser.add_argument("--retry-after", type=float, default=1.0)
    parser.add_argument("--hang-seconds", type=float, default=30.0)
    parser.add_argument("--fail-model", action="append", default=[], metavar="MODEL=PROBABILITY")
    parser.add_argument("--known-model", action="append", metavar="MODEL")
    parser.add_argument("--api-key")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--judge-reply",
        action="append",
        default=[],
        metavar="MODEL=BEHAVIOUR",
        help=f"how judge MODEL answers judge requests: {', '.join(JUDGE_BEHAVIOURS)} (keep:N / reject:N: marks N)",
    )
    parser.add_argument(
        "--compare-reply",
        action="append",
        default=[],
        metavar="MODEL=BEHAVIOUR",
        help=f"how judge MODEL answers comparison requests: {', '.join(COMPARE_BEHAVIOURS)}",
    )
    parser.add_argument("--story-preamble", default="", help="chatter before every story, e.g. 'Sure!'")
    parser.add_argument("--story-postamble", default="", help="chatter after every story")
    args = parser.parse_args(argv)
    failing = {}
    for spec in args.fail_model:
        name, _, probability = spec.partition("=")
        failing[name] = float(probability or 1.0)
    judge_replies: dict[str, JudgeReply | str] = {}
    for spec in args.judge_reply:
        name, _, behaviour = spec.partition("=")
        try:
            judge_answer(name, {"A": "text"}, behaviour)  # refuse a typo now, not at the first request
        except ValueError as exc:
            parser.error(str(exc))
        judge_replies[name] = behaviour
    compare_replies: dict[str, JudgeReply | str] = {}
    for spec in args.compare_reply:
        name, _, behaviour = spec.partition("=")
        try:
            compare_answer(name, {"A": "a", "B": "b"}, behaviour)
        except ValueError as exc:
            parser.error(str(exc))
        compare_replies[name] = behaviour
    config = StubConfig(
        latency=args.latency,
        max_in_flight=args.max_in_flight,
        max_in_flight_per_model=args.max_in_flight_per_model,
        rpm_limit=args.rpm_limit,
        rate_429=args.rate_429,
        rate_500=args.rate_500,
        rate_503=args.rate_503,
        rate_hang=args.rate_hang,
        rate_malformed=args.rate_malformed,
        rate_empty_choice=args.rate_empty_choice,
        retry_after=args.retry_after,
        hang_seconds=args.hang_seconds,
        failing_models=failing,
        known_models=set(args.known_model) if args.known_model else None,
        api_key=args.api_key,
        seed=args.seed,
        judge_replies=judge_replies,
        compare_replies=compare_replies,
        story_preamble=args.story_preamble,
        story_postamble=args.story_postamble,
    )
    return args, config


def main(argv: list[str] | None = None) -> None:
    args, config = _parse_args(argv)
    stub = StubServer(config, host=args.host, port=args.port)

    async def run() -> None:
        task = asyncio.create_task(stub.serve_forever())
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):  # benchmarks stop it with either
            loop.add_signal_handler(signum, task.cancel)
        while not stub.listening and not task.done():  # print the port only once listening
            await asyncio.sleep(0.01)
        print(f"stub OpenAI server on {stub.base_url}", flush=True)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(run())
    print(json.dumps({k: v for k, v in stub.stats.snapshot().items() if k != "requests"}), flush=True)
