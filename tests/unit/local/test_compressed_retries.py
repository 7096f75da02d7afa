"""The drills' definition: the deployed retry policy with its waits capped."""

import json

from lambdas.local.workflow import compressed_retries, substituted_definition


def retriers(node: object) -> list[dict]:
    if isinstance(node, dict):
        found = list(node.get("Retry", []))
        return found + [r for child in node.values() for r in retriers(child)]
    if isinstance(node, list):
        return [r for child in node for r in retriers(child)]
    return []


def test_every_wait_is_capped_and_attempts_and_errors_stay() -> None:
    deployed = retriers(json.loads(substituted_definition()))
    drill = retriers(json.loads(compressed_retries(substituted_definition(), max_delay_s=1)))
    assert len(drill) == len(deployed) > 0
    for before, after in zip(deployed, drill, strict=True):
        assert after["IntervalSeconds"] == 1
        assert after["MaxDelaySeconds"] == 1
        assert after["ErrorEquals"] == before["ErrorEquals"]
        assert after.get("MaxAttempts") == before.get("MaxAttempts")
        assert after.get("JitterStrategy") == before.get("JitterStrategy")
