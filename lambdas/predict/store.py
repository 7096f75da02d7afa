"""Where trained forecasters live: S3 when MODEL_BUCKET is set, else the database.

A stored model is one zip "bundle": `model.keras` (the network) and `metadata.json` (version,
calibration, training window). Unpacking failures of any kind surface as CorruptModel, so the
step can retrain instead of failing.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import psycopg

from lambdas.core import predictions
from lambdas.core.errors import GridlaError, ModelStoreUnavailable
from lambdas.predict import network
from lambdas.predict.features import FEATURE_NAMES
from lambdas.predict.forecaster import FORMAT, Forecaster
from lambdas.predict.intervals import Calibration

S3_PREFIX = "forecast-models"
# Inside the solar prefix, so the predict function's bucket grant covers both; a zone is never
# named "carbon-intensity", so the solar listing of `forecast-models/<zone>/` never sees it.
CARBON_S3_PREFIX = f"{S3_PREFIX}/carbon-intensity"


class CorruptModel(GridlaError):
    """A stored model cannot be read, or was made for other features."""


@dataclass(frozen=True)
class Bundle:
    """A packed forecaster as kept by a store."""

    version: str
    zone: str
    trained_at: datetime
    data: bytes
    metadata: dict[str, Any]


class ModelStore(Protocol):
    def latest(self, zone: str) -> Bundle | None: ...

    def save(self, bundle: Bundle) -> None: ...


def zip_bundle(metadata: dict[str, Any], model_name: str, model_bytes: bytes) -> Bundle:
    """A bundle of `model_name` (the model's bytes) beside `metadata.json`; `metadata` carries
    the version, zone and trained_at of the model."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(model_name, model_bytes)
        archive.writestr("metadata.json", json.dumps(metadata))
    return Bundle(
        version=str(metadata["version"]),
        zone=str(metadata["zone"]),
        trained_at=datetime.fromisoformat(str(metadata["trained_at"])),
        data=buffer.getvalue(),
        metadata=metadata,
    )


def open_bundle(
    data: bytes, model_name: str, expected: dict[str, Any], kind: str
) -> tuple[dict[str, Any], bytes, str]:
    """(metadata, model bytes, version) of a bundle, or CorruptModel naming the `kind` of model.

    `expected` is the `format` and `features` a model must have been made with.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            metadata = json.loads(archive.read("metadata.json"))
            model_bytes = archive.read(model_name)
        version = str(metadata["version"])
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise CorruptModel(f"unreadable {kind} bundle: {exc!r}") from exc
    if any(metadata.get(key) != value for key, value in expected.items()):
        raise CorruptModel(f"{kind} {version} was made for other features or format")
    return metadata, model_bytes, version


def pack(forecaster: Forecaster) -> Bundle:
    """The bundle of a forecaster."""
    metadata = {**forecaster.metadata, "version": forecaster.version}
    return zip_bundle(metadata, "model.keras", network.network_to_bytes(forecaster.network))


def unpack(data: bytes) -> Forecaster:
    """The forecaster in a bundle, or CorruptModel saying what is wrong with it."""
    expected = {"format": FORMAT, "features": list(FEATURE_NAMES)}
    metadata, model_bytes, version = open_bundle(data, "model.keras", expected, "model")
    try:
        calibration = Calibration.from_json(metadata["calibration"])
    except (KeyError, ValueError, TypeError) as exc:
        raise CorruptModel(f"unreadable model bundle: {exc!r}") from exc
    try:
        model = network.network_from_bytes(model_bytes)
    except Exception as exc:  # Keras raises many kinds for a damaged file; all mean "retrain".
        raise CorruptModel(f"model {version}: the network does not load: {exc!r}") from exc
    return Forecaster(model, calibration, version, metadata)


class DatabaseModelStore:
    """Models in a model table (forecast_models: solar; carbon_models: carbon intensity)."""

    def __init__(
        self, conn: psycopg.Connection[Any], table: predictions.ModelTable = "forecast_models"
    ) -> None:
        self._conn = conn
        self._table: predictions.ModelTable = table

    def latest(self, zone: str) -> Bundle | None:
        with self._conn.transaction():
            stored = predictions.latest_model(self._conn, zone, self._table)
        if stored is None:
            return None
        return Bundle(
            stored.version, stored.zone, stored.trained_at, stored.bundle, stored.metadata
        )

    def save(self, bundle: Bundle) -> None:
        predictions.save_model(
            self._conn,
            predictions.StoredModel(
                bundle.version, bundle.zone, bundle.trained_at, bundle.data, bundle.metadata
            ),
            self._table,
        )


class S3ModelStore:
    """Models as `<prefix>/<zone>/<version>.zip` in a bucket (versions sort by time); the
    prefix is `forecast-models` for solar, `forecast-models/carbon-intensity` for carbon."""

    def __init__(self, bucket: str, client: Any = None, prefix: str = S3_PREFIX) -> None:
        import boto3

        self._bucket = bucket
        self._client = client if client is not None else boto3.client("s3")
        self._prefix = prefix

    def latest(self, zone: str) -> Bundle | None:
        from botocore.exceptions import BotoCoreError, ClientError

        prefix = f"{self._prefix}/{zone}/"
        try:
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self._bucket, Prefix=prefix
            )
            keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
            if not keys:
                return None
            body = self._client.get_object(Bucket=self._bucket, Key=max(keys))["Body"].read()
        except (BotoCoreError, ClientError) as exc:
            raise ModelStoreUnavailable(f"s3://{self._bucket}/{prefix}: {exc}") from exc
        return _bundle_from_data(body, zone)

    def save(self, bundle: Bundle) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        key = f"{self._prefix}/{bundle.zone}/{bundle.version}.zip"
        try:
            self._client.put_object(Bucket=self._bucket, Key=key, Body=bundle.data)
        except (BotoCoreError, ClientError) as exc:
            raise ModelStoreUnavailable(f"s3://{self._bucket}/{key}: {exc}") from exc


def _bundle_from_data(data: bytes, zone: str) -> Bundle:
    """Read only the metadata of a bundle (the network is loaded later, by `unpack`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            metadata = json.loads(archive.read("metadata.json"))
        trained_at = datetime.fromisoformat(str(metadata["trained_at"]))
        version = str(metadata["version"])
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise CorruptModel(f"unreadable model bundle in the bucket: {exc!r}") from exc
    return Bundle(version, zone, trained_at, data, metadata)


def model_store(conn: psycopg.Connection[Any], bucket: str | None) -> ModelStore:
    """Where solar models live: S3 when a bucket is configured, else the database."""
    return S3ModelStore(bucket) if bucket else DatabaseModelStore(conn)


def carbon_model_store(conn: psycopg.Connection[Any], bucket: str | None) -> ModelStore:
    """Where carbon-intensity models live: S3 when a bucket is configured, else the database."""
    if bucket:
        return S3ModelStore(bucket, prefix=CARBON_S3_PREFIX)
    return DatabaseModelStore(conn, "carbon_models")
