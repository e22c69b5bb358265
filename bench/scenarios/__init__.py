"""The benchmark's scenarios, numbered as in the performance issue; `bench.run` runs them."""

from __future__ import annotations

from bench.scenarios.api_latency import api_latency
from bench.scenarios.jury import jury
from bench.scenarios.backend import against_peer, against_sequential, backend_bound
from bench.scenarios.offline import growth, offline_end_to_end
from bench.scenarios.ratelimit import rate_limited
from bench.scenarios.scaleout import scale_out

# number -> (name, function); the name is also the results file bench/results/<name>.json
SCENARIOS = {
    1: ("backend_bound", backend_bound),
    2: ("against_sequential", against_sequential),
    3: ("against_peer", against_peer),
    4: ("offline_end_to_end", offline_end_to_end),
    5: ("growth", growth),
    6: ("rate_limited", rate_limited),
    7: ("scale_out", scale_out),
    8: ("api_latency", api_latency),
    9: ("jury", jury),
}
