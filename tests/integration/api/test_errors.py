"""Bad input answers 4xx with {error, message}; nothing a client sends gives a 5xx."""

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "status", "error", "says"),
    [
        ("/measurements?range=fortnight", 422, "invalid_request", "query.range"),
        ("/measurements?start=2024-01-02&end=2024-01-01", 400, "invalid_input", "before end"),
        ("/measurements?start=2020-01-01&end=2024-01-01", 400, "invalid_input", "at most"),
        ("/measurements?start=yesterday&end=2024-01-01", 422, "invalid_request", "query.start"),
        ("/measurements?end=2024-01-01T00:00:00", 422, "invalid_request", "needs its offset"),
        ("/measurements?end=2024-02-30", 422, "invalid_request", "query.end"),
        ("/measurements?start=0.5", 422, "invalid_request", "is ISO 8601"),
        ("/measurements?range=year&end=0001-01-01", 400, "invalid_input", "years 1 to 9999"),
        ("/measurements?format=xml", 422, "invalid_request", "query.format"),
        ("/analysis/trend?range=day", 422, "invalid_request", "query.range"),
        ("/analysis/trend", 404, "not_found", "run the pipeline"),
        ("/clustering?range=year", 404, "not_found", "run the pipeline"),
        ("/runs?limit=0", 422, "invalid_request", "query.limit"),
        ("/no/such/path", 404, "no_such_path", "/docs"),
    ],
)
def test_bad_reads_say_what_to_fix(
    api_url: str, path: str, status: int, error: str, says: str
) -> None:
    answer = httpx.get(api_url + path)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == error
    assert says in body["message"]


def test_an_undeclared_method_on_a_known_path_answers_405_with_allow(api_url: str) -> None:
    answer = httpx.request("TRACE", f"{api_url}/measurements")
    assert answer.status_code == 405, answer.text
    assert answer.headers["allow"] == "GET, OPTIONS"
    assert answer.json()["error"] == "method_not_allowed"
    assert httpx.delete(f"{api_url}/trigger-analysis").headers["allow"] == "OPTIONS, POST"
    assert httpx.request("TRACE", f"{api_url}/no/such/path").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ("{not json", 422, "body"),
        ('{"action": "rewind"}', 422, "action"),
        ('{"action": "backfill"}', 422, "both start_date and end_date"),
        ('{"colour": "blue"}', 422, "colour"),
        ('{"steps": ["forecast"]}', 422, "steps"),
        (
            '{"action": "backfill", "start_date": "2024-02-01", "end_date": "2024-01-01"}',
            400,
            "must be before",
        ),
    ],
)
def test_bad_trigger_bodies_are_refused(api_url: str, body: str, status: int, says: str) -> None:
    answer = httpx.post(
        f"{api_url}/trigger-ingestion",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == status, answer.text
    assert says in answer.json()["message"]
