"""Infra tier: the CDK app synthesized once per session (dev and prod), offline, no Docker.

aws-cdk-lib also runs its own CloudFormation validation at every synth (~14 s here); it is
turned off for the in-process synth, because cfn-lint checks the same templates in
test_templates.py and the CLI synth in test_cli_synth.py keeps it on.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ["CDK_VALIDATION"] = "false"  # read when the jsii runtime starts: set before the import

# Imported after the environment above, which the jsii runtime reads when it starts.
from aws_cdk import App
from aws_cdk.assertions import Template

from cdk_app.stage import build_app
from tests.infra.synth import ENVIRONMENTS, Synthesized, cdk_context


@pytest.fixture(scope="session")
def dashboard_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in dashboard build: the real one is the dashboard issue's (and may be absent)."""
    dist = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_text("<!doctype html><title>GridLA</title>\n")
    (dist / "assets").mkdir()
    (dist / "assets" / "app.js").write_text("console.log('gridla');\n")
    return dist


@pytest.fixture(scope="session")
def synthesized(dashboard_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """Both environments in one app, with cdk-nag on: a finding fails this synth."""
    outdir = tmp_path_factory.mktemp("cdk.out")
    app = App(
        context=cdk_context(dashboard_dist=str(dashboard_dist)),
        outdir=str(outdir),
        analytics_reporting=False,
    )
    stacks = {stack.config.name: stack for stack in build_app(app)}
    app.synth()
    templates = {env: Template.from_stack(stacks[env]) for env in ENVIRONMENTS}
    return Synthesized(app=app, stacks=stacks, templates=templates, outdir=outdir)


@pytest.fixture(scope="session")
def dev(synthesized: Synthesized) -> Template:
    return synthesized.templates["dev"]


@pytest.fixture(scope="session")
def prod(synthesized: Synthesized) -> Template:
    return synthesized.templates["prod"]
