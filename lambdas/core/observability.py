"""The one Logger, Tracer and Metrics of each function (service name from the environment).

The Tracer is Powertools' own, so its decorators behave the same everywhere. Where tracing is
off (Powertools' rule: outside Lambda, or POWERTOOLS_TRACE_DISABLED), it records into a no-op
provider instead of the X-Ray recorder: building the recorder imports the X-Ray SDK and
botocore's client machinery, which was the largest part of a cold import.
"""

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.tracing.base import BaseProvider, BaseSegment

METRICS_NAMESPACE = "GridLA"


class _UntracedSegment(BaseSegment):
    """A subsegment that records nothing."""

    def close(self, end_time: int | None = None) -> None:
        pass

    def add_subsegment(self, subsegment: Any) -> None:
        pass

    def remove_subsegment(self, subsegment: Any) -> None:
        pass

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        pass

    def add_exception(self, exception: BaseException, stack: Any, remote: bool = False) -> None:
        pass


class UntracedProvider(BaseProvider):
    """The tracing provider where tracing is off: every subsegment is a no-op."""

    @contextmanager
    def in_subsegment(self, name: str | None = None, **kwargs: Any) -> Iterator[BaseSegment]:
        yield _UntracedSegment()

    @asynccontextmanager
    async def in_subsegment_async(
        self, name: str | None = None, **kwargs: Any
    ) -> AsyncIterator[BaseSegment]:
        yield _UntracedSegment()

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        pass

    def patch(self, modules: Sequence[str]) -> None:
        pass

    def patch_all(self) -> None:
        pass


def build_tracer() -> Tracer:
    """X-Ray's Tracer where Powertools would trace, else the same Tracer over UntracedProvider."""
    if Tracer._is_tracer_disabled():
        return Tracer(disabled=True, provider=UntracedProvider())
    return Tracer()


logger = Logger()
tracer = build_tracer()
metrics = Metrics(namespace=METRICS_NAMESPACE)
