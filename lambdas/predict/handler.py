"""Lambda entry of the predict step: the step event in, the step's outcome out."""

from datetime import UTC, datetime

from lambdas.core.database import get_connection
from lambdas.core.settings import get_settings
from lambdas.core.step_event import StepEvent
from lambdas.core.steps import step_handler
from lambdas.predict.service import PredictOutcome, run
from lambdas.predict.store import carbon_model_store, model_store


@step_handler
def handler(event: StepEvent) -> PredictOutcome:
    conn = get_connection()
    bucket = get_settings().model_bucket
    carbon_store = carbon_model_store(conn, bucket)
    return run(
        conn, event, model_store(conn, bucket), now=datetime.now(UTC), carbon_store=carbon_store
    )
