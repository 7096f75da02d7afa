"""cdk_app/functions.py and the images it builds: the one lambdas/Dockerfile, .dockerignore."""

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

from cdk_app.config import PROJECT_ROOT
from cdk_app.functions import FUNCTION_IMAGES
from tests.infra.synth import Synthesized

BASE_IMAGE = "public.ecr.aws/lambda/python:3.11"
DOCKERFILE = PROJECT_ROOT / "lambdas" / "Dockerfile"


def test_one_dockerfile_builds_every_image_on_the_lambda_base() -> None:
    assert sorted(PROJECT_ROOT.glob("lambdas/**/Dockerfile")) == [DOCKERFILE]
    dockerfile = DOCKERFILE.read_text()
    assert re.search(rf"^FROM {re.escape(BASE_IMAGE)}$", dockerfile, re.MULTILINE)
    assert re.search(r"^ARG EXTRA", dockerfile, re.MULTILINE)
    # Versions come from the one pyproject, read by the script the image test also uses.
    assert "COPY pyproject.toml cdk_app/image_requirements.py" in dockerfile
    # Lambda's code directory is read-only: bytecode is compiled into the image, not per start.
    assert "RUN python -m compileall -q ${LAMBDA_TASK_ROOT}/lambdas" in dockerfile
    # The handler is each function's command, never baked in.
    assert not re.search(r"^CMD", dockerfile, re.MULTILINE)


@pytest.mark.parametrize("service", sorted(FUNCTION_IMAGES))
def test_each_function_names_a_real_handler(service: str) -> None:
    module, _, function = FUNCTION_IMAGES[service].handler.rpartition(".")
    spec = importlib.util.find_spec(module)
    assert spec is not None, module
    assert spec.origin is not None, module
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert f"def {function}(" in source, FUNCTION_IMAGES[service].handler


def image_assets(synthesized: Synthesized) -> dict[str, dict[str, Any]]:
    manifest = json.loads((synthesized.outdir / "GridLA-dev.assets.json").read_text())
    images: dict[str, dict[str, Any]] = manifest["dockerImages"]
    return images


def test_each_function_runs_its_handler_from_an_image_with_its_extra(
    synthesized: Synthesized, dev: Template
) -> None:
    """The template and the asset manifest agree with FUNCTION_IMAGES, function by function."""
    assets = image_assets(synthesized)
    images = {"Properties": {"PackageType": "Image"}}
    functions = dev.find_resources("AWS::Lambda::Function", images)
    seen = set()
    for function in functions.values():
        properties = function["Properties"]
        service = properties["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]
        image = FUNCTION_IMAGES[service]
        assert properties["ImageConfig"]["Command"] == [image.handler], service
        [asset_hash] = [h for h in assets if h in json.dumps(properties["Code"]["ImageUri"])]
        source = assets[asset_hash]["source"]
        assert source["dockerFile"] == "lambdas/Dockerfile", service
        assert source["dockerBuildArgs"] == {"EXTRA": image.extra or ""}, service
        seen.add(service)
    assert seen == set(FUNCTION_IMAGES)


def test_image_context_holds_only_code_and_dependencies(synthesized: Synthesized) -> None:
    """The build context is the project root; .dockerignore keeps tests, caches, data, .venv,
    node_modules, the dashboard and local-only code out, so the image hashes stay stable."""
    images = image_assets(synthesized).values()
    # One image per distinct extra: the base-only functions share one.
    assert len(images) == len({image.extra for image in FUNCTION_IMAGES.values()})
    for image in images:
        context = synthesized.outdir / image["source"]["directory"]
        top = {path.name for path in context.iterdir()}
        assert top == {".dockerignore", "pyproject.toml", "cdk_app", "lambdas"}
        assert [p.name for p in (context / "cdk_app").iterdir()] == ["image_requirements.py"]
        assert not (context / "lambdas" / "local").exists()
        assert not list(context.rglob("__pycache__"))
        assert image["source"]["platform"] == "linux/amd64"
