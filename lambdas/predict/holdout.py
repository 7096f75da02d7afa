"""Get a forecaster for the predict step: the stored one while it is young, else a new one fit
before a held-out stretch of days, scored on them (model_evaluations), stored.

Shared by the solar and carbon forecasts: what differs (how a model is fit, scored, packed)
is passed in.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

import psycopg

from lambdas.core.observability import logger
from lambdas.core.predictions import insert_evaluation
from lambdas.frames.json_values import to_json
from lambdas.predict.days import local_midnights
from lambdas.predict.errors import InsufficientHistory
from lambdas.predict.hourly import HourlySeries
from lambdas.predict.store import Bundle, CorruptModel, ModelStore


class Versioned(Protocol):
    @property
    def version(self) -> str: ...


Model = TypeVar("Model", bound=Versioned)
# fit(end): a model fit on the hours before position `end`.
Fit = Callable[[int], Model]
# score(model, start, end): the model with its scores' summary in its metadata, and the
# metrics of its forecasts of the days in [start, end).
Score = Callable[[Model, datetime, datetime], tuple[Model, dict[str, Any]]]


def stored_or_trained(
    conn: psycopg.Connection[Any],
    store: ModelStore,
    zone: str,
    now: datetime,
    *,
    kind: str,
    max_age: timedelta,
    unpack: Callable[[bytes], Model],
    pack: Callable[[Model], Bundle],
    trained: Callable[[], tuple[Model, dict[str, Any] | None]],
) -> tuple[Model, bool]:
    """The stored model when younger than `max_age`; else `trained()` (its metrics, when it
    has some, stored as its evaluation), saved. The flag says whether one was trained."""
    try:
        bundle = store.latest(zone)
        if bundle is not None and now - bundle.trained_at < max_age:
            logger.info(f"using stored {kind} model", version=bundle.version)
            return unpack(bundle.data), False
    except CorruptModel as exc:
        logger.warning(f"stored {kind} model unusable, retraining", error=str(exc))
    model, metrics = trained()
    store.save(pack(model))
    if metrics is not None:
        insert_evaluation(
            conn,
            model_version=model.version,
            zone=zone,
            window_start=datetime.fromisoformat(metrics["window"]["start"]),
            window_end=datetime.fromisoformat(metrics["window"]["end"]),
            metrics=to_json(metrics, decimals=None),
        )
    logger.info(f"{kind} model trained", version=model.version, evaluated=metrics is not None)
    return model, True


def fit_with_holdout(
    series: HourlySeries,
    issue: int,
    *,
    holdout_days: int,
    min_issue: int,
    fit: Fit[Model],
    score: Score[Model],
) -> tuple[Model, dict[str, Any] | None]:
    """Fit before `holdout_start` and score the days from it to `issue`; when that midnight
    lies before `min_issue` (or off the series) or leaves too little to fit, fit on everything
    and score nothing."""
    start = holdout_start(series, issue, holdout_days)
    if start is not None and start >= min_issue:
        try:
            model = fit(start)
        except InsufficientHistory:
            logger.info("too little history to hold days out; training on all of it")
        else:
            issue_at = series.index[issue].to_pydatetime()
            return score(model, series.index[start].to_pydatetime(), issue_at)
    return fit(issue), None


def holdout_start(series: HourlySeries, issue: int, holdout_days: int) -> int | None:
    """Position of the local midnight at or before `holdout_days` before `issue`, so the days
    held out cover at least `holdout_days` (up to a day more); None off the series."""
    since = series.index[issue].to_pydatetime() - timedelta(days=holdout_days)
    # Days last 23 to 25 hours: a midnight lies in the 25 hours up to `since`.
    midnights = local_midnights(series, since - timedelta(hours=24), since + timedelta(hours=1))
    return int(midnights[-1]) if len(midnights) else None
