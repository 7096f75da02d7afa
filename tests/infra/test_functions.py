"""cdk_app/functions.py and the images it builds: lambdas/<image>/Dockerfile, .dockerignore."""

import ast
import importlib.util
import json
import re
from pathlib import Path

import pytest

from cdk_app.config import PROJECT_ROOT
from tests.infra.synth import Synthesized

IMAGES = ("ingest", "analyze", "predict", "cluster", "api", "migrate", "control")
BASE_IMAGE = "public.ecr.aws/lambda/python:3.11"


@pytest.mark.parametrize("image", IMAGES)
def test_dockerfile_builds_on_the_lambda_base_and_names_a_real_handler(image: str) -> None:
    dockerfile = (PROJECT_ROOT / "lambdas" / image / "Dockerfile").read_text()
    assert re.search(rf"^FROM {re.escape(BASE_IMAGE)}$", dockerfile, re.MULTILINE)
    assert "COPY pyproject.toml" in dockerfile  # versions come from the one pyproject
    [command] = re.findall(r'^CMD \["([\w.]+)"\]$', dockerfile, re.MULTILINE)
    module, _, function = command.rpartition(".")
    spec = importlib.util.find_spec(module)
    assert spec is not None, command
    assert spec.origin is not None, command
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert f"def {function}(" in source, command


def module_path(module: str) -> Path | None:
    base = PROJECT_ROOT / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def reachable_packages(module: str) -> set[str]:
    """The `lambdas.<package>` names `module` imports, transitively, lazy imports included."""
    seen: set[str] = set()
    pending = [module]
    while pending:
        current = pending.pop()
        path = module_path(current)
        if current in seen or path is None:
            continue
        seen.add(current)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                pending += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                pending.append(node.module)
                pending += [f"{node.module}.{alias.name}" for alias in node.names]
    return {name.split(".")[1] for name in seen if name.startswith("lambdas.")}


@pytest.mark.parametrize("image", IMAGES)
def test_image_copies_every_package_its_handlers_import(image: str) -> None:
    """No Docker here, so no build: check the COPY lines against the handler's imports."""
    dockerfile = (PROJECT_ROOT / "lambdas" / image / "Dockerfile").read_text()
    copies = re.findall(r"^COPY (lambdas/\S*) ", dockerfile, re.MULTILINE)
    if "lambdas/" in copies:
        return  # the whole package
    copied = {path.split("/")[1] for path in copies if not path.endswith(".py")}
    handlers = {"control": ["lambdas.control.handler"]}.get(image, [f"lambdas.{image}.handler"])
    for handler in handlers:
        missing = reachable_packages(handler) - copied
        assert not missing, f"lambdas/{image}/Dockerfile does not copy lambdas/{missing}"


def test_image_context_holds_only_code_and_dependencies(synthesized: Synthesized) -> None:
    """The build context is the project root; .dockerignore keeps tests, caches, data, .venv,
    node_modules, the dashboard and local-only code out, so the image hashes stay stable."""
    manifest = json.loads((synthesized.outdir / "GridLA-dev.assets.json").read_text())
    images = manifest["dockerImages"].values()
    assert len(images) == len(IMAGES)
    for image in images:
        context = synthesized.outdir / image["source"]["directory"]
        top = {path.name for path in context.iterdir()}
        assert top == {".dockerignore", "pyproject.toml", "lambdas"}
        assert not (context / "lambdas" / "local").exists()
        assert not list(context.rglob("__pycache__"))
        assert image["source"]["platform"] == "linux/amd64"
