"""The peer of scenario 3: the same generations through distilabel, run inside bench/.venv-peer.

Reads a JSON job from the file named on the command line:
    {"base_url", "models": [...], "system": str, "instructions": [...], "input_batch_size": int,
     "max_tokens": int, "temperature": float}
builds one pipeline: the instructions loaded once, then one `TextGeneration` task per model (the same
three "members" our vote ensemble asks), each with distilabel's `OpenAILLM` pointed at the loopback stub
and `input_batch_size` equal to our requests in flight per member. Prints one JSON line: the wall time of
`pipeline.run()` and how many generations came back, per model.

This file runs under the peer's interpreter only; it imports nothing from the project.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
import warnings


def main() -> None:
    with open(sys.argv[1]) as handle:
        job = json.load(handle)
    # distilabel caches pipelines and datasets under its home: keep it out of the user's home directory.
    os.environ.setdefault("DISTILABEL_CACHE_DIR", tempfile.mkdtemp(prefix="zega-peer-"))
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)

    from distilabel.models import OpenAILLM
    from distilabel.pipeline import Pipeline
    from distilabel.steps import LoadDataFromDicts
    from distilabel.steps.tasks import TextGeneration

    rows = [{"instruction": text} for text in job["instructions"]]
    with Pipeline(name="zega-peer", cache_dir=os.environ["DISTILABEL_CACHE_DIR"]) as pipeline:
        load = LoadDataFromDicts(name="load", data=rows, batch_size=len(rows))
        for model in job["models"]:
            task = TextGeneration(
                name=f"generate-{model}",
                llm=OpenAILLM(
                    model=model,
                    base_url=job["base_url"],
                    api_key="not-needed",
                    max_retries=0,
                    generation_kwargs={
                        "max_new_tokens": job["max_tokens"],
                        "temperature": job["temperature"],
                    },
                ),
                system_prompt=job["system"],
                input_batch_size=job["input_batch_size"],
            )
            load >> task

    started = time.perf_counter()
    distiset = pipeline.run(use_cache=False)
    wall = time.perf_counter() - started

    generated = {}
    for model in job["models"]:
        name = f"generate_{model}".replace("-", "_")
        subset = next((distiset[key] for key in distiset if key.replace("-", "_") == name), None)
        texts = subset["train"]["generation"] if subset is not None else []
        generated[model] = sum(1 for text in texts if text)
    print(json.dumps({"wall": wall, "generated": generated}), flush=True)


if __name__ == "__main__":
    main()
