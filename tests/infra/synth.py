"""What the infra tests share: cdk.json's context, the synthesized app, template helpers."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aws_cdk import App
from aws_cdk.assertions import Template

from cdk_app.config import PROJECT_ROOT
from cdk_app.stage import GridlaStack

ENVIRONMENTS = ("dev", "prod")


def cdk_context(**overrides: Any) -> dict[str, Any]:
    """cdk.json's context (the environments and feature flags), plus `overrides`."""
    context: dict[str, Any] = json.loads((PROJECT_ROOT / "cdk.json").read_text())["context"]
    return {**context, **overrides}


@dataclass(frozen=True)
class Synthesized:
    app: App
    stacks: dict[str, GridlaStack]
    templates: dict[str, Template]
    outdir: Path

    def template_json(self, env: str) -> dict[str, Any]:
        data: dict[str, Any] = self.templates[env].to_json()
        return data


def only(resources: dict[str, Any]) -> dict[str, Any]:
    """The one resource of `find_resources`' answer (its logical ID is not asserted)."""
    assert len(resources) == 1, f"expected one resource, found {sorted(resources)}"
    return next(iter(resources.values()))
