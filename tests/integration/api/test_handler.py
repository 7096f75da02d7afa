"""The Lambda handler itself: a proxy event in, the resolver's answer out (the path every
request in AWS takes)."""

import json
from datetime import datetime

import pandas as pd

from lambdas.api.handler import handler
from lambdas.local.server import proxy_event
from tests.events import LambdaContext


def test_the_handler_answers_a_read_from_the_database(stored: pd.DataFrame) -> None:
    answer = handler(proxy_event("GET", "/status/latest", {}, b""), LambdaContext())
    assert answer["statusCode"] == 200
    body = json.loads(answer["body"])
    assert datetime.fromisoformat(body["datetime"]) == stored.index[-1].to_pydatetime()
    assert answer["multiValueHeaders"]["Cache-Control"] == ["public, max-age=60"]


def test_the_handler_refuses_a_bad_parameter_as_the_resolver_does(database_url: str) -> None:
    answer = handler(proxy_event("GET", "/runs?limit=0", {}, b""), LambdaContext())
    assert answer["statusCode"] == 422
    assert json.loads(answer["body"])["error"] == "invalid_request"
