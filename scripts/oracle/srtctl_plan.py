#!/usr/bin/env python3
"""Ask NVIDIA srtctl's own code what it would launch for a recipe, and print it as JSON.

Usage (inside a venv where ../shared/oracles/srt-slurm is installed; see
scripts/oracle/srtctl-venv):

    srtctl_plan.py --cluster srtslurm.yaml [--ignore-key KEY] RECIPE.yaml [RECIPE.yaml ...]

For each recipe it runs what srtctl's orchestrator (srtctl.cli.do_sweep.SweepOrchestrator)
runs inside the sbatch job: load_config (cluster defaults and aliases from srtslurm.yaml),
RuntimeContext.from_config (container image and mounts), the backend's endpoint allocation,
and start_all_workers / start_frontend, with start_srun_process replaced by a recorder: no
srun, no process is started. The nodes are fake (node-000, node-001, ...; IP 10.0.0.N+1),
and so are the host paths a recipe names (model directories, .sqsh images): they are treated
as existing. A recipe in srtctl's base + override_* layout is planned from its `base`; a
model.path written as a bare Hugging Face id (ORG/NAME) is read as srtctl's `hf:ORG/NAME`.

Output: one JSON document, {"recipes": [{"recipe", "name", "backend", "frontend",
"processes": [{"role", "index", "node", "nodes", "argv", "env", "image", "mounts"}]} |
{"recipe", "error"}]}; mounts map container path -> host path, with the run's log dir
written $LOG_DIR and srtctl's own package dir $SRTCTL.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import sys
import tempfile
import threading
import traceback

FAKE_JOB_ID = "4242"


def node_name(i: int) -> str:
    return f"node-{i:03d}"


def node_ip(node: str) -> str:
    try:
        return f"10.0.0.{int(node.rsplit('-', 1)[1]) + 1}"
    except (IndexError, ValueError):
        return "10.0.0.250"


class Recorder:
    """Stands in for srtctl.core.slurm.start_srun_process: records each launch."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def __call__(self, command, **kwargs):
        self.calls.append({"command": list(command), **kwargs})
        return _FakePopen()


class _FakePopen:
    pid = 0
    returncode = None

    def poll(self):
        return None

    def wait(self, timeout=None):
        return 0


FAKE_PATHS: set[str] = set()
_PATCHED: list[bool] = []


def patch_srtctl(recorder: Recorder) -> None:
    """Replace node resolution and srun in every loaded srtctl module."""
    import importlib

    for name in [
        "srtctl.core.slurm",
        "srtctl.core.runtime",
        "srtctl.cli.do_sweep",
        "srtctl.cli.mixins.worker_stage",
        "srtctl.cli.mixins.frontend_stage",
        "srtctl.frontends.dynamo",
        "srtctl.frontends.sglang",
        "srtctl.frontends.vllm",
        "srtctl.frontends.trtllm_serve",
        "srtctl.backends.sglang",
        "srtctl.backends.vllm",
        "srtctl.backends.trtllm",
    ]:
        importlib.import_module(name)

    def fake_ip(hostname, network_interface=None):
        return node_ip(hostname)

    def fake_nodelist():
        return os.environ["SRTCTL_ORACLE_NODES"].split(",")

    for name, module in list(sys.modules.items()):
        if not name.startswith("srtctl") or module is None:
            continue
        if hasattr(module, "start_srun_process"):
            module.start_srun_process = recorder
        if hasattr(module, "get_hostname_ip"):
            module.get_hostname_ip = fake_ip
        if hasattr(module, "get_slurm_nodelist"):
            module.get_slurm_nodelist = fake_nodelist
        if hasattr(module, "wait_for_health"):
            module.wait_for_health = lambda *a, **k: True
        if hasattr(module, "wait_for_port"):
            module.wait_for_port = lambda *a, **k: True

    if _PATCHED:
        return
    _PATCHED.append(True)
    # The cluster's file system: paths a recipe names exist there, not here.
    real_exists, real_is_dir, real_is_file = (
        pathlib.Path.exists,
        pathlib.Path.is_dir,
        pathlib.Path.is_file,
    )

    def faked(real):
        def check(self, *args, **kwargs):
            return str(self) in FAKE_PATHS or real(self, *args, **kwargs)

        return check

    pathlib.Path.exists = faked(real_exists)
    pathlib.Path.is_dir = faked(real_is_dir)
    pathlib.Path.is_file = faked(real_is_file)


def raw_config(path: pathlib.Path, ignored: list[str]) -> dict:
    import yaml

    with open(path) as f:
        raw = yaml.safe_load(f)
    if isinstance(raw, dict) and "base" in raw:
        base = dict(raw["base"])
        base.setdefault("name", raw.get("name", path.stem))
        raw = base
    if isinstance(raw, dict):
        for key in ignored:
            raw.pop(key, None)
    return raw


def hf_model_ids(raw: dict, cluster: dict) -> dict:
    """A model.path written as a bare Hugging Face id (ORG/NAME, not an alias of the cluster, not
    a file path) is what srtctl spells `hf:ORG/NAME` (registry's srt-slurm export writes the id)."""
    model = raw.get("model")
    if not isinstance(model, dict):
        return raw
    mpath = str(model.get("path", ""))
    if (
        "/" in mpath
        and not mpath.startswith(("hf:", "/", ".", "$", "~"))
        and mpath not in (cluster.get("model_paths") or {})
    ):
        model["path"] = "hf:" + mpath
    return raw


def host_paths_named(raw: dict, cluster: dict) -> set[str]:
    """The model and image paths the recipe (through the cluster's aliases) names."""
    out = set()
    model = raw.get("model") or {}
    mpath = str(model.get("path", ""))
    mpath = (cluster.get("model_paths") or {}).get(mpath, mpath)
    if mpath and not mpath.startswith("hf:"):
        out.add(str(pathlib.Path(os.path.expandvars(mpath)).resolve()))
    image = str(model.get("container", ""))
    image = (cluster.get("containers") or {}).get(image, image)
    if image.startswith(("/", "./")):
        out.add(str(pathlib.Path(os.path.expandvars(image)).resolve()))
    return out


def plan_one(path: pathlib.Path, cluster: dict, work: pathlib.Path, ignored: list[str]) -> dict:
    import yaml

    from srtctl.cli.do_sweep import SweepOrchestrator
    from srtctl.core.config import load_config
    from srtctl.core.processes import ProcessRegistry
    from srtctl.core.runtime import RuntimeContext

    raw = hf_model_ids(raw_config(path, ignored), cluster)
    run_dir = work / path.stem
    run_dir.mkdir(parents=True, exist_ok=True)
    recipe_file = run_dir / "recipe.yaml"
    recipe_file.write_text(yaml.safe_dump(raw, sort_keys=False))

    FAKE_PATHS.clear()
    FAKE_PATHS.update(host_paths_named(raw, cluster))
    recorder = Recorder()
    patch_srtctl(recorder)

    config = load_config(recipe_file)
    nodes = config.total_nodes
    dedicated = sum(
        (
            bool(config.infra.etcd_nats_dedicated_node),
            bool(config.frontend.dedicated_node),
            bool(config.benchmark.client_dedicated_node),
        )
    )
    if dedicated:
        nodes += 1 if config.benchmark.colocate_with_frontend else dedicated
    os.environ["SRTCTL_ORACLE_NODES"] = ",".join(node_name(i) for i in range(max(nodes, 1)))
    os.environ["SRTCTL_OUTPUT_DIR"] = str(run_dir / "out")
    os.environ["SLURM_JOB_ID"] = FAKE_JOB_ID
    os.environ.pop("SLURM_HET_SIZE", None)

    runtime = RuntimeContext.from_config(config, FAKE_JOB_ID)
    orchestrator = SweepOrchestrator(config=config, runtime=runtime)
    orchestrator.start_all_workers()
    worker_calls = len(recorder.calls)
    frontend_error = None
    try:
        orchestrator.start_frontend(ProcessRegistry(job_id=FAKE_JOB_ID), threading.Event())
    except Exception as e:  # noqa: BLE001 - reported, not fatal: workers are the comparison
        frontend_error = f"{type(e).__name__}: {e}"

    log_dir = str(runtime.log_dir)
    package_dir = str(pathlib.Path(sys.modules["srtctl"].__file__).resolve().parent)

    def symbolic(p) -> str:
        s = str(p)
        if s.startswith(log_dir):
            return "$LOG_DIR" + s[len(log_dir) :]
        if s.startswith(package_dir):
            return "$SRTCTL" + s[len(package_dir) :]
        return s

    processes = []
    for i, call in enumerate(recorder.calls):
        mounts = {str(dst): symbolic(src) for src, dst in (call.get("container_mounts") or {}).items()}
        env = {k: symbolic(v) for k, v in (call.get("env_to_set") or {}).items()}
        nodelist = list(call.get("nodelist") or [])
        output = pathlib.Path(call.get("output") or "").name
        processes.append(
            {
                "kind": "worker" if i < worker_calls else "frontend",
                "log": output,
                "role": role_of(output, i < worker_calls),
                "node": nodelist[0] if nodelist else None,
                "nodes": nodelist,
                "argv": [symbolic(a) for a in call["command"]],
                "env": env,
                "image": call.get("container_image"),
                "mounts": mounts,
                "srun_options": dict(call.get("srun_options") or {}),
            }
        )
    out = {
        "recipe": str(path),
        "name": config.name,
        "backend": config.backend_type,
        "frontend": config.frontend.type,
        "model_path": str(runtime.model_path),
        "processes": processes,
    }
    if frontend_error:
        out["frontend_error"] = frontend_error
    return out


def role_of(log_name: str, is_worker: bool) -> str:
    """The worker's mode from srtctl's log name (<node>_<mode>_w<index>.out)."""
    if not is_worker:
        stem = log_name.rsplit(".", 1)[0]
        return "frontend" if "frontend" in stem or "router" in stem else stem.split("_")[0] or "frontend"
    parts = log_name.rsplit(".", 1)[0].split("_")
    return parts[-2] if len(parts) >= 3 else "worker"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cluster", required=True, help="srtslurm.yaml (the cluster profile)")
    parser.add_argument(
        "--ignore-key",
        action="append",
        default=[],
        help="a top-level key to drop before srtctl reads the recipe (registry's v1 export writes "
        "the cookbook spec's `labels`, which srtctl's schema refuses)",
    )
    parser.add_argument("recipes", nargs="+")
    args = parser.parse_args()

    logging.disable(logging.CRITICAL)
    import yaml

    cluster_path = pathlib.Path(args.cluster).resolve()
    os.environ["SRTSLURM_CONFIG"] = str(cluster_path)
    cluster = yaml.safe_load(cluster_path.read_text()) or {}
    results = []
    with tempfile.TemporaryDirectory(prefix="srtctl-oracle-") as tmp:
        os.chdir(tmp)
        for r in args.recipes:
            path = pathlib.Path(r).resolve()
            try:
                results.append(plan_one(path, cluster, pathlib.Path(tmp), args.ignore_key))
            except Exception as e:  # noqa: BLE001 - srtctl refusing a recipe is a result
                results.append(
                    {
                        "recipe": str(path),
                        "error": f"{type(e).__name__}: {e}",
                        "trace": traceback.format_exc(limit=4),
                    }
                )
    json.dump({"recipes": results}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
