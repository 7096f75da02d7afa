"""CDK: `cdk synth` time per environment with the pinned CLI, and each template's resources.

Runs offline like `make synth`, with a stand-in dashboard build (the figure is the synth, not
the dashboard) and aws-cdk-lib's CloudFormation validation and cdk-nag on, as a deployer has.
"""

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure
from cdk_app.config import PROJECT_ROOT

CDK = PROJECT_ROOT / "node_modules" / ".bin" / "cdk"
ENVIRONMENTS = ("dev", "prod")


def _synth(env: str, dist: Path, outdir: Path) -> float:
    if not CDK.exists():
        raise SystemExit(f"{CDK} is missing: run `npm ci` (make bench does)")
    environment = {**os.environ, "CDK_DISABLE_CLI_TELEMETRY": "true"}
    environment.pop("CDK_VALIDATION", None)
    command = [str(CDK), "synth", "--quiet", "-c", f"env={env}", "-c", f"dashboard_dist={dist}"]
    began = time.perf_counter()
    subprocess.run([*command, "-o", str(outdir)], cwd=PROJECT_ROOT, env=environment, check=True)
    return time.perf_counter() - began


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="gridla-bench-synth-") as tmp:
        dist = Path(tmp) / "dist"
        dist.mkdir()
        (dist / "index.html").write_text("<!doctype html><title>GridLA</title>\n")
        for env in ENVIRONMENTS:
            outdir = Path(tmp) / f"cdk.out.{env}"
            seconds = _synth(env, dist, outdir)
            template = json.loads((outdir / f"GridLA-{env}.template.json").read_text())
            figures += [
                Figure(
                    benchmark="synth",
                    figure=f"cdk synth -c env={env}",
                    value=seconds,
                    unit="s",
                    note="pinned CLI, offline, cdk-nag + CloudFormation validation",
                ),
                Figure(
                    benchmark="synth",
                    figure=f"resources in GridLA-{env}",
                    value=float(len(template["Resources"])),
                    unit="count",
                    note="CloudFormation limit: 500",
                ),
            ]
    return figures
