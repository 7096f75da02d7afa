"""Model stores: S3 (moto) and the database keep bundles by version and return the newest."""

import io
import json
import zipfile
from datetime import UTC, datetime

import boto3
import pytest
from moto import mock_aws

from lambdas.core.settings import get_settings
from lambdas.predict.handler import handler
from lambdas.predict.store import Bundle, CorruptModel, DatabaseModelStore, S3ModelStore
from tests.constants import ZONE
from tests.events import LambdaContext, step_event
from tests.integration.analysis_data import load_measurements

BUCKET = "gridla-models-test"


def bundle(version: str, trained_at: datetime) -> Bundle:
    metadata = {"version": version, "zone": ZONE, "trained_at": trained_at.isoformat()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata.json", json.dumps(metadata))
    return Bundle(version, ZONE, trained_at, buffer.getvalue(), metadata)


@pytest.fixture
def aws(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "us-west-2"}
        )
        yield


def test_s3_store_returns_the_newest_version(aws):
    store = S3ModelStore(BUCKET)
    assert store.latest(ZONE) is None
    older = bundle("mlp-20240101T000000Z-aaaa", datetime(2024, 1, 1, tzinfo=UTC))
    newer = bundle("mlp-20240108T000000Z-bbbb", datetime(2024, 1, 8, tzinfo=UTC))
    store.save(newer)
    store.save(older)
    found = store.latest(ZONE)
    assert found is not None
    assert (found.version, found.data) == (newer.version, newer.data)
    assert found.trained_at == newer.trained_at
    assert store.latest("DE") is None


def test_s3_store_reports_a_garbage_object_as_corrupt(aws):
    boto3.client("s3").put_object(
        Bucket=BUCKET, Key=f"forecast-models/{ZONE}/mlp-20990101T000000Z-x.zip", Body=b"junk"
    )
    with pytest.raises(CorruptModel):
        S3ModelStore(BUCKET).latest(ZONE)


def test_database_store_returns_the_newest_version(db):
    store = DatabaseModelStore(db)
    assert store.latest(ZONE) is None
    store.save(bundle("mlp-a", datetime(2024, 1, 1, tzinfo=UTC)))
    store.save(bundle("mlp-b", datetime(2024, 1, 8, tzinfo=UTC)))
    store.save(bundle("mlp-b", datetime(2024, 1, 8, tzinfo=UTC)))  # a version is kept once
    found = store.latest(ZONE)
    assert found is not None
    assert found.version == "mlp-b"
    assert found.metadata["version"] == "mlp-b"


def test_with_a_bucket_the_handler_keeps_models_in_s3(aws, db, la_measurements, monkeypatch):
    monkeypatch.setenv("MODEL_BUCKET", BUCKET)
    get_settings.cache_clear()
    load_measurements(db, la_measurements["2019-03-01T08:00Z":"2019-04-15T06:00Z"])
    outcome = handler(step_event("run-1", datetime(2019, 4, 15, 6, tzinfo=UTC)), LambdaContext())
    assert outcome["status"] == "ok", outcome["reason"]
    keys = [item["Key"] for item in boto3.client("s3").list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"forecast-models/{ZONE}/{outcome['model_version']}.zip"]
    assert db.execute("SELECT count(*) AS n FROM forecast_models").fetchone()["n"] == 0
    again = handler(step_event("run-2", datetime(2019, 4, 15, 6, tzinfo=UTC)), LambdaContext())
    assert again["trained"] is False
    assert again["model_version"] == outcome["model_version"]
