"""A function image's requirements: pyproject.toml's base dependencies plus one extra.

pyproject.toml is the one list of versions. `lambdas/Dockerfile` runs this file as a script
inside the image build (so it uses the standard library only) and tests/infra/
test_function_images.py calls `requirements` to build the same set in a fresh venv.

    python image_requirements.py pyproject.toml [EXTRA]   # one requirement a line
"""

import sys
import tomllib
from pathlib import Path
from typing import Any

# How an extra names another extra of this project (`gridla[ingest]`).
PROJECT_NAME = "gridla"


def requirements(pyproject: Path, extra: str | None) -> list[str]:
    """The base dependencies, then `extra`'s (None or "": base only), self-references expanded.

    Raises KeyError naming an extra that pyproject.toml does not define.
    """
    project: dict[str, Any] = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    found: list[str] = list(project["dependencies"])
    pending = [extra] if extra else []
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        if name not in extras:
            raise KeyError(f"pyproject.toml defines no extra {name!r}: known {sorted(extras)}")
        seen.add(name)
        for requirement in extras[name]:
            if requirement.startswith(f"{PROJECT_NAME}["):
                pending += requirement.removeprefix(f"{PROJECT_NAME}[").rstrip("]").split(",")
            elif requirement not in found:
                found.append(requirement)
    return found


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    extra = argv[2] if len(argv) == 3 else None
    print("\n".join(requirements(Path(argv[1]), extra)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
