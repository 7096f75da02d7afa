"""Lambda entry of the cluster step: the step event in, the step's outcome out."""

from lambdas.cluster.service import ClusterOutcome, run
from lambdas.core.database import get_connection
from lambdas.core.step_event import StepEvent
from lambdas.core.steps import step_handler


@step_handler
def handler(event: StepEvent) -> ClusterOutcome:
    return run(get_connection(), event)
