"""Constants every tier shares: the zone the tests store and ask for, where the repository is."""

from pathlib import Path

ZONE = "US-CAL-LDWP"
REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
