"""Lambda entry of the predict step: the step event in, the step's outcome out."""

from datetime import UTC, datetime

from lambdas.core.database import get_connection
from lambdas.core.settings import get_settings
from lambdas.core.step_event import StepEvent
from lambdas.core.steps import step_handler
from lambdas.predict.service import PredictOutcome, run
from lambdas.predict.store import model_store


@step_handler
def handler(event: StepEvent) -> PredictOutcome:
    conn = get_connection()
    store = model_store(conn, get_settings().model_bucket)
    return run(conn, event, store, now=datetime.now(UTC))
