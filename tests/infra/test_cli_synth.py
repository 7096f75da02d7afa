"""`cdk synth` with the pinned CLI, as `make synth` and a deployer run it: no Docker, no network,
no credentials, both environments, and aws-cdk-lib's own CloudFormation validation on."""

import json
import os
import subprocess
from pathlib import Path

from cdk_app.config import PROJECT_ROOT
from tests.infra.synth import ENVIRONMENTS

CDK = PROJECT_ROOT / "node_modules" / ".bin" / "cdk"


def offline_environment() -> dict[str, str]:
    """This process's environment without AWS credentials or settings, telemetry off."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and name != "CDK_VALIDATION"
    }
    env.update(
        CDK_DISABLE_CLI_TELEMETRY="true",
        AWS_EC2_METADATA_DISABLED="true",  # no instance-metadata probe for credentials
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    return env


def test_pinned_cli_synthesizes_both_environments(tmp_path: Path, dashboard_dist: Path) -> None:
    assert CDK.exists(), "the pinned CDK CLI is missing: run `npm ci` (make test does)"
    pinned = json.loads((PROJECT_ROOT / "package.json").read_text())["devDependencies"]["aws-cdk"]
    installed = json.loads((PROJECT_ROOT / "node_modules/aws-cdk/package.json").read_text())
    assert installed["version"] == pinned
    outdir = tmp_path / "cdk.out"
    result = subprocess.run(
        [str(CDK), "synth", "--quiet", "-c", f"dashboard_dist={dashboard_dist}", "-o", str(outdir)],
        cwd=PROJECT_ROOT,
        env=offline_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    for env in ENVIRONMENTS:
        template = json.loads((outdir / f"GridLA-{env}.template.json").read_text())
        assert len(template["Resources"]) > 100
    report = json.loads((outdir / "validation-report.json").read_text())
    failures = [plugin["pluginName"] for plugin in report["pluginReports"] if plugin["violations"]]
    assert failures == []
