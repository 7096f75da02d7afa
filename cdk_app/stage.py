"""One environment's deployment: composes data, pipeline, api and dashboard, and adds outputs.

Each environment is a single top-level stack (`GridLA-dev`, `GridLA-prod`) rather than a
cdk.Stage, so `cdk deploy -c env=dev` needs no stack pattern; and one stack means the
components reference each other without cross-stack exports.
"""

from aws_cdk import App, CfnOutput, Stack, Tags
from constructs import Construct

from cdk_app.api import Api
from cdk_app.config import (
    DASHBOARD_DIST_CONTEXT_KEY,
    DASHBOARD_ORIGIN,
    ENV_CONTEXT_KEY,
    ENVIRONMENTS_CONTEXT_KEY,
    EnvironmentConfig,
    load_environments,
)
from cdk_app.dashboard import Dashboard, require_build
from cdk_app.data import Data
from cdk_app.encryption import stack_key
from cdk_app.nag import add_checks
from cdk_app.observability import Observability
from cdk_app.pipeline import Pipeline

STACK_PREFIX = "GridLA"


class GridlaStack(Stack):
    """Everything one environment runs; account and region come from the deploying CLI."""

    def __init__(self, scope: Construct, id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(
            scope,
            id,
            description=f"GridLA ({config.name}): Los Angeles grid ingest, analysis and forecasts",
            termination_protection=not config.is_destroyable,
        )
        self.config = config
        Tags.of(self).add("project", "gridla")
        Tags.of(self).add("environment", config.name)

        key = stack_key(self, "Key", config=config)
        observability = Observability(self, "Observability", config=config, key=key)
        data = Data(self, "Data", config=config, key=key)
        pipeline = Pipeline(
            self, "Pipeline", config=config, data=data, observability=observability, key=key
        )
        dashboard = Dashboard(
            self, "Dashboard", config=config, access_logs=observability.access_logs, key=key
        )
        api = Api(
            self,
            "Api",
            config=config,
            data=data,
            state_machine=pipeline.state_machine,
            allowed_origin=(
                dashboard.url
                if config.cors_allow_origin == DASHBOARD_ORIGIN
                else config.cors_allow_origin
            ),
            observability=observability,
            key=key,
        )
        dashboard.serve_api(api.rest_api)
        dashboard.publish()

        CfnOutput(
            self,
            "ApiUrl",
            value=api.url,
            description="Base URL of the HTTP API (the triggers, signed with SigV4); reads are "
            "also at DashboardUrl/api",
        )
        CfnOutput(self, "DashboardUrl", value=dashboard.url, description="The dashboard")
        CfnOutput(
            self,
            "StateMachineArn",
            value=pipeline.state_machine.state_machine_arn,
            description="The pipeline: start an execution here to rerun it with a custom input",
        )
        CfnOutput(
            self,
            "TokenSecretArn",
            value=data.token_secret.secret_arn,
            description="Put the Electricity Maps token here after the first deploy",
        )
        CfnOutput(self, "AlarmTopicArn", value=observability.topic.topic_arn)


def build_app(app: App) -> list[GridlaStack]:
    """Add the stack of the environment `-c env=NAME` selects (every one without it) and
    the cdk-nag checks. Raises ConfigError for an unknown environment or a bad config."""
    node = app.node
    configs = load_environments(
        node.try_get_context(ENV_CONTEXT_KEY),
        node.try_get_context(ENVIRONMENTS_CONTEXT_KEY),
        node.try_get_context(DASHBOARD_DIST_CONTEXT_KEY),
    )
    for config in configs:  # fail before building anything
        require_build(config.dashboard_dist)
    stacks = [
        GridlaStack(app, f"{STACK_PREFIX}-{config.name}", config=config) for config in configs
    ]
    add_checks(app)
    return stacks
