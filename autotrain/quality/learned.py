"""What the filter's learned measures (asides.py, register.py, briefs.py) share: their weights as plain data, a bias, a
threshold and a weight per token, written and read as JSON beside the module."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Self


@dataclass(frozen=True)
class Weights:
    bias: float
    threshold: float
    weights: dict[str, float]

    def to_json(self) -> str:
        ordered = dict(sorted(self.weights.items(), key=lambda item: (-item[1], item[0])))
        more = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("bias", "threshold", "weights")}
        return json.dumps({"bias": self.bias, "threshold": self.threshold, "weights": ordered, **more}, indent=0) + "\n"

    @classmethod
    def load(cls, path: Path) -> Self:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(**raw)
