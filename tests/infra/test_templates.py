"""Whole templates: snapshots, cdk-nag, cfn-lint, and what differs between dev and prod."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Stack, Validations
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Template
from cfnlint.api import ManualArgs, lint_file
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from cdk_app.nag import PLUGIN, add_checks
from tests.infra.synth import ENVIRONMENTS, Synthesized

_ASSET_HASH = re.compile(r"[0-9a-f]{64}")
# A Lambda version's logical ID ends in the hash of the function's code (the image asset).
_VERSION_ID = re.compile(r"(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}")
# CDK adds DependsOn on roles that a GetAtt already implies: harmless, not ours to change.
ACCEPTED_CFN_LINT_WARNINGS = {"W3005"}


def masked(template: dict[str, Any]) -> Any:
    """The template with asset hashes (S3 keys, image tags, version IDs) as <ASSET>."""
    text = json.dumps(template, sort_keys=True)
    text = _VERSION_ID.sub(r"\1<ASSET>", _ASSET_HASH.sub("<ASSET>", text))
    return json.loads(text)


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_template_matches_snapshot(
    synthesized: Synthesized, snapshot: SnapshotAssertion, env: str
) -> None:
    """A change to the deployed resources must be deliberate: update with --snapshot-update."""
    template = masked(synthesized.template_json(env))
    assert template == snapshot(extension_class=JSONSnapshotExtension)


def acknowledgements(app: App) -> list[tuple[Any, str, str]]:
    """(construct, rule, reason) for every cdk-nag acknowledgement in the app."""
    key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    found = []
    for construct in app.node.find_all():
        for entry in construct.node.metadata:
            if entry.type == key:
                found.extend(
                    (construct, rule, reason)
                    for rule, reason in entry.data.items()
                    if rule.startswith(f"{PLUGIN}::")
                )
    return found


def test_no_unacknowledged_nag_findings(synthesized: Synthesized) -> None:
    """The session synth ran AwsSolutions (a finding would have failed it); the report agrees."""
    report = json.loads((synthesized.outdir / "validation-report.json").read_text())
    violations = [
        violation
        for plugin in report["pluginReports"]
        if plugin["pluginName"] == PLUGIN
        for violation in plugin["violations"]
    ]
    assert violations == []


def test_each_acknowledgement_is_scoped_and_reasoned(synthesized: Synthesized) -> None:
    found = acknowledgements(synthesized.app)
    assert found, "the app acknowledges nothing: is cdk-nag wired?"
    for construct, rule, reason in found:
        assert not isinstance(construct, (Stack, App)), f"{rule} acknowledged stack-wide"
        assert len(reason) >= 40, f"{rule} on {construct.node.path}: say why ({reason!r})"
        assert "sample" not in reason.lower()


def test_nag_fails_synth_on_a_finding(tmp_path: Path) -> None:
    """The wiring itself: a bucket without SSL enforcement or access logs must fail synth."""
    app = App(outdir=str(tmp_path), analytics_reporting=False)
    s3.Bucket(Stack(app, "Careless"), "Bucket")
    add_checks(app)
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        app.synth()


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_cfn_lint_finds_no_errors(synthesized: Synthesized, env: str) -> None:
    path = synthesized.outdir / f"GridLA-{env}.template.json"
    matches = lint_file(path, config=ManualArgs())
    problems = [str(m) for m in matches if m.rule.id not in ACCEPTED_CFN_LINT_WARNINGS]
    assert problems == []


def retention_days(template: Template) -> set[int]:
    groups = template.find_resources("AWS::Logs::LogGroup")
    return {group["Properties"]["RetentionInDays"] for group in groups.values()}


def deletion_policies(template: Template, resource_type: str) -> set[str]:
    return {r["DeletionPolicy"] for r in template.find_resources(resource_type).values()}


def test_prod_keeps_data_dev_is_disposable(synthesized: Synthesized) -> None:
    dev, prod = synthesized.templates["dev"], synthesized.templates["prod"]
    assert retention_days(dev) == {14}
    assert retention_days(prod) == {90}
    assert deletion_policies(dev, "AWS::Logs::LogGroup") == {"Delete"}
    assert deletion_policies(prod, "AWS::Logs::LogGroup") == {"Retain"}
    # The dashboard bucket is only a copy of the build: deletable everywhere.
    assert deletion_policies(dev, "AWS::S3::Bucket") == {"Delete"}
    assert deletion_policies(prod, "AWS::S3::Bucket") == {"Retain", "Delete"}
    assert deletion_policies(prod, "AWS::SecretsManager::Secret") == {"Retain", "Delete"}
    assert synthesized.stacks["prod"].termination_protection is True
    assert synthesized.stacks["dev"].termination_protection is False
