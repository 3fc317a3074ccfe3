"""Writes llama-benchy.generated.json with llama-benchy's own result writer.

Runs llama_benchy.results.BenchmarkResults (llama-benchy 0.4.0 from PyPI) on deterministic
RequestResult timings, as its runner does after a sweep, and saves the report with
save_report(format="json"). No server is needed: the timings stand in for the requests.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install llama-benchy==0.4.0
    /tmp/venv/bin/python generate-llama-benchy.py
"""
import json
import os

from llama_benchy.client import RequestResult
from llama_benchy.results import BenchmarkMetadata, BenchmarkResults


def batch(concurrency, tg, start, ttft, per_token):
    out = []
    for r in range(concurrency):
        s = start + 0.01 * r
        first = s + ttft
        stamps = [first + i * per_token for i in range(tg)]
        out.append(RequestResult(start_ts=s, end_ts=stamps[-1], first_token_ts=first,
                                 first_response_ts=first, prompt_tokens=512,
                                 total_tokens=512 + tg, token_timestamps=stamps))
    return out


results = BenchmarkResults()
for c, ttft, per_token in [(1, 0.080, 0.010), (4, 0.120, 0.014)]:
    runs = [batch(c, 32, 1000.0 + 10 * k, ttft + 0.005 * k, per_token) for k in range(2)]
    results.add(model="Qwen/Qwen3-0.6B", pp=512, tg=32, depth=0, concurrency=c,
                run_results=runs, latency=0.002, expected_pp_tokens=512)
results.metadata = BenchmarkMetadata(version="0.4.0", timestamp="2026-12-07 19:30:00",
                                     latency_mode="api", latency_ms=2.0, model="Qwen/Qwen3-0.6B",
                                     prefix_caching_enabled=False, max_concurrency=4)
here = os.path.dirname(os.path.abspath(__file__))
results.save_report(os.path.join(here, "llama-benchy.generated.json"), "json", concurrency=4)
