"""The one Logger, Tracer and Metrics of each function (service name from the environment)."""

from aws_lambda_powertools import Logger, Metrics, Tracer

METRICS_NAMESPACE = "GridLA"

logger = Logger()
tracer = Tracer()
metrics = Metrics(namespace=METRICS_NAMESPACE)
