"""Each function image's dependencies, without Docker: for every function of FUNCTION_IMAGES,
a fresh venv gets exactly the requirements its image installs (cdk_app/image_requirements.py,
as lambdas/Dockerfile runs it) and imports the handler from a copy of the image's code.

Functions whose requirements are the same share one venv (validate, summarize, migrate and
api install the base dependencies only): five venvs. uv creates them from its cache; on a fresh
machine it first downloads the wheels, TensorFlow's 274 MB included.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cdk_app.config import PROJECT_ROOT
from cdk_app.functions import FUNCTION_IMAGES
from cdk_app.image_requirements import requirements

UV = Path(sys.executable).parent / "uv"
PYPROJECT = PROJECT_ROOT / "pyproject.toml"
# What .dockerignore keeps out of the image's lambdas/ (local-only code, caches).
EXCLUDED_FROM_IMAGE = ("local", "__pycache__", "*.pyc")
# Imports a module that only some images may carry: each must be absent where not required.
HEAVY_MODULES = {"pandas": "pandas", "tensorflow": "tensorflow-cpu", "httpx": "httpx"}
# Run the handler's import as a function's cold start does: only the image's code on the path.
IMPORT_HANDLER = """
import importlib, sys
code, handler = sys.argv[1], sys.argv[2]
sys.path.insert(0, code)
module, _, function = handler.rpartition(".")
assert callable(getattr(importlib.import_module(module), function)), handler
"""


def requirement_names(lines: list[str]) -> set[str]:
    """Distribution names of requirement lines (`psycopg[binary]>=3.2` -> `psycopg`)."""
    names = set()
    for line in lines:
        end = next((i for i, c in enumerate(line) if c in "[<>=!~; "), len(line))
        names.add(line[:end].lower())
    return names


class Venvs:
    """One venv per distinct requirement set, made on first use."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made: dict[tuple[str, ...], Path] = {}

    def python_for(self, lines: list[str]) -> Path:
        key = tuple(sorted(lines))
        if key not in self._made:
            venv = self._root / f"venv{len(self._made)}"
            (self._root / f"{venv.name}.txt").write_text("\n".join(lines) + "\n")
            run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)])
            python = venv / "bin" / "python"
            listed = self._root / f"{venv.name}.txt"
            run([str(UV), "pip", "install", "--quiet", "--python", str(python), "-r", str(listed)])
            self._made[key] = python
        return self._made[key]


def run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}{result.stderr}"


def clean_environment() -> dict[str, str]:
    """A Lambda-like environment: no PYTHONPATH, nothing from this shell but PATH and HOME."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_DEFAULT_REGION": "us-east-1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


@pytest.fixture(scope="module")
def venvs(tmp_path_factory: pytest.TempPathFactory) -> Venvs:
    assert UV.exists(), f"{UV} is missing: install the dev extra (pyproject.toml pins uv)"
    return Venvs(tmp_path_factory.mktemp("venvs"))


@pytest.fixture(scope="module")
def image_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `COPY lambdas/` puts in every image, outside this project (so nothing else leaks)."""
    code = tmp_path_factory.mktemp("task-root")
    shutil.copytree(
        PROJECT_ROOT / "lambdas",
        code / "lambdas",
        ignore=shutil.ignore_patterns(*EXCLUDED_FROM_IMAGE),
    )
    return code


def test_every_extra_a_function_names_exists() -> None:
    for service, image in FUNCTION_IMAGES.items():
        assert requirements(PYPROJECT, image.extra), service  # KeyError for an unknown extra


def test_an_unknown_extra_is_named() -> None:
    with pytest.raises(KeyError, match="no extra 'nope'"):
        requirements(PYPROJECT, "nope")


def test_the_dockerfile_script_prints_the_same_requirements() -> None:
    """lambdas/Dockerfile runs cdk_app/image_requirements.py as a script with the extra."""
    script = PROJECT_ROOT / "cdk_app" / "image_requirements.py"
    for extra in ("predict", None):
        args = [sys.executable, "-I", str(script), str(PYPROJECT)] + ([extra] if extra else [])
        printed = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        assert printed.splitlines() == requirements(PYPROJECT, extra)


@pytest.mark.parametrize("service", sorted(FUNCTION_IMAGES))
def test_handler_imports_with_only_its_image_requirements(
    service: str, venvs: Venvs, image_code: Path
) -> None:
    image = FUNCTION_IMAGES[service]
    lines = requirements(PYPROJECT, image.extra)
    python = venvs.python_for(lines)
    result = subprocess.run(
        [str(python), "-I", "-c", IMPORT_HANDLER, str(image_code), image.handler],
        cwd=image_code,
        env={**clean_environment(), "POWERTOOLS_SERVICE_NAME": service},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"{image.handler} does not import with only {image.extra or 'the base'} requirements:\n"
        f"{result.stderr[-3000:]}"
    )
    # The venv really is that lean: what the requirements leave out is not installed.
    installed = requirement_names(lines)
    for module, distribution in HEAVY_MODULES.items():
        probe = f"import importlib.util; print(importlib.util.find_spec({module!r}) is not None)"
        found = subprocess.run(
            [str(python), "-I", "-c", probe], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert found == str(distribution in installed), f"{service}: {module}"
