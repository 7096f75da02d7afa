"""Pipeline: the step functions, the Standard state machine from pipeline.asl.json, its schedule
and its alarms."""

import re
from pathlib import Path

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from cdk_app.buckets import private_bucket
from cdk_app.config import PROJECT_ROOT, EnvironmentConfig
from cdk_app.data import Data
from cdk_app.encryption import encrypted_log_group
from cdk_app.functions import METRICS_NAMESPACE, container_function
from cdk_app.nag import acknowledge, arn_reference
from cdk_app.observability import Observability

DEFINITION_PATH = PROJECT_ROOT / "state_machines" / "pipeline.asl.json"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")
# Published by lambdas/ingest/handler.py (Powertools adds the service dimension).
DATA_AGE_METRIC = "DataAgeSeconds"
# Where lambdas/predict/store.py keeps models in MODEL_BUCKET (its S3_PREFIX).
MODEL_PREFIX = "forecast-models"


def _https() -> ec2.Port:
    return ec2.Port.tcp(443)


def definition_placeholders(path: Path = DEFINITION_PATH) -> set[str]:
    """The `${Name}` placeholders the workflow definition expects to be substituted."""
    return set(_PLACEHOLDER.findall(path.read_text(encoding="utf-8")))


class Pipeline(Construct):
    """Validate, ingest, analyze | predict | cluster, summarize: one Standard state machine."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        config: EnvironmentConfig,
        data: Data,
        observability: Observability,
        key: kms.IKey,
    ) -> None:
        super().__init__(scope, id)
        self._key = key
        self.model_bucket = private_bucket(
            self,
            "Models",
            versioned=True,
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(30))],
            server_access_logs_bucket=observability.access_logs,
            server_access_logs_prefix="s3/models/",
            removal_policy=config.removal_policy_for_data,
            auto_delete_objects=config.is_destroyable,
        )
        self.functions = self._functions(config, data)
        self.state_machine = self._state_machine(config)
        events.Rule(
            self,
            "Schedule",
            description=f"Run the GridLA pipeline ({config.schedule})",
            schedule=events.Schedule.expression(config.schedule),
            enabled=config.schedule_enabled,
            targets=[
                targets.SfnStateMachine(
                    self.state_machine,
                    input=events.RuleTargetInput.from_object({"trigger": "schedule"}),
                )
            ],
        )
        self._alarms(config, observability)

    def _functions(self, config: EnvironmentConfig, data: Data) -> dict[str, lambda_.Function]:
        """Each step's function, keyed by its placeholder in the workflow definition."""
        analyze = self._step(config, data, "analyze", 2048, 10, "Trend, seasonal, correlations")
        # TensorFlow training of the solar model: the most memory (and so CPU) of any step.
        predict = self._step(config, data, "predict", 4096, 15, "Solar model and 24 h forecast")
        predict.add_environment("MODEL_BUCKET", self.model_bucket.bucket_name)
        # TensorFlow's C++ start-up chatter (CPU features, oneDNN) is not worth a log line per
        # cold start; Keras needs a writable home for its config, and only /tmp is writable.
        predict.add_environment("TF_CPP_MIN_LOG_LEVEL", "2")
        predict.add_environment("KERAS_HOME", "/tmp/.keras")
        self._grant_models(predict)
        # Isolated subnet: 443 anywhere reaches only the S3 gateway endpoint (no NAT route).
        predict.connections.allow_to_any_ipv4(_https(), "HTTPS to S3 through the gateway endpoint")
        cluster = self._step(config, data, "cluster", 2048, 10, "Daily load profile clusters")
        summarize = self._step(config, data, "summarize", 512, 1, "Record the run in pipeline_runs")
        # Summarize applies the retention policy to derived data after recording the run.
        for name, value in config.retention.environment().items():
            summarize.add_environment(name, value)
        # Checks the execution input only: no database, no network, so outside the VPC.
        validate = container_function(
            self,
            "Validate",
            config=config,
            key=self._key,
            service="validate",
            description="Refuse a bad execution input before any work",
            memory_mib=256,
            timeout=Duration.seconds(30),
        )
        return {
            "ValidateFunctionArn": validate,
            "IngestFunctionArn": self._ingest(config, data),
            "AnalyzeFunctionArn": analyze,
            "PredictFunctionArn": predict,
            "ClusterFunctionArn": cluster,
            "SummarizeFunctionArn": summarize,
        }

    def _step(
        self,
        config: EnvironmentConfig,
        data: Data,
        name: str,
        memory_mib: int,
        minutes: int,
        what: str,
    ) -> lambda_.Function:
        """A database step in the isolated subnets."""
        function = container_function(
            self,
            name.capitalize(),
            config=config,
            key=self._key,
            service=name,
            description=what,
            memory_mib=memory_mib,
            timeout=Duration.minutes(minutes),
            environment={"DB_SECRET_ARN": data.database_secret_arn},
            vpc=data.vpc,
            subnets=data.function_subnets,
        )
        data.connect(function)
        return function

    def _ingest(self, config: EnvironmentConfig, data: Data) -> lambda_.Function:
        """The one function with internet egress: HTTPS to Electricity Maps through NAT."""
        ingest = container_function(
            self,
            "Ingest",
            config=config,
            key=self._key,
            service="ingest",
            description="Fetch Electricity Maps history for the zone and upsert it",
            memory_mib=1024,
            timeout=Duration.minutes(10),
            environment={
                "DB_SECRET_ARN": data.database_secret_arn,
                "ELECTRICITYMAPS_TOKEN_SECRET_ARN": data.token_secret.secret_arn,
                "ELECTRICITYMAPS_API_URL": config.electricitymaps_api_url,
                "HISTORY_DAYS": str(config.history_days),
            },
            vpc=data.vpc,
            subnets=data.egress_subnets,
        )
        data.connect(ingest)
        data.token_secret.grant_read(ingest)
        ingest.connections.allow_to_any_ipv4(_https(), "HTTPS to the Electricity Maps API")
        return ingest

    def _grant_models(self, function: lambda_.Function) -> None:
        """Read and write model objects, list them; no delete, no bucket settings."""
        function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=[self.model_bucket.arn_for_objects(f"{MODEL_PREFIX}/*")],
            )
        )
        function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:ListBucket"],
                resources=[self.model_bucket.bucket_arn],
                conditions={"StringLike": {"s3:prefix": [f"{MODEL_PREFIX}/*"]}},
            )
        )
        assert function.role is not None  # container_function always gives a role
        acknowledge(
            function.role,
            f"AwsSolutions-IAM5[Resource::{arn_reference(self.model_bucket)}/{MODEL_PREFIX}/*]",
            "the model objects in this stack's own bucket: keys are `<zone>/<version>.zip` "
            "names the predict step makes as it trains",
        )

    def _state_machine(self, config: EnvironmentConfig) -> sfn.StateMachine:
        expected = definition_placeholders()
        if expected != set(self.functions):
            raise ValueError(
                f"{DEFINITION_PATH.name} placeholders {sorted(expected)} do not match the "
                f"functions cdk_app/pipeline.py provides {sorted(self.functions)}"
            )
        log_group = encrypted_log_group(
            self,
            "ExecutionLogs",
            config=config,
            key=self._key,
            # The vendedlogs prefix keeps CloudWatch's log resource policy small.
            name=f"/aws/vendedlogs/states/gridla-{config.name}-pipeline",
        )
        machine = sfn.StateMachine(
            self,
            "StateMachine",
            state_machine_name=f"gridla-{config.name}-pipeline",
            state_machine_type=sfn.StateMachineType.STANDARD,
            definition_body=sfn.DefinitionBody.from_string(
                DEFINITION_PATH.read_text(encoding="utf-8")
            ),
            definition_substitutions={
                name: function.function_arn for name, function in self.functions.items()
            },
            logs=sfn.LogOptions(
                destination=log_group, level=sfn.LogLevel.ALL, include_execution_data=True
            ),
            tracing_enabled=True,
        )
        # Exactly these functions, no versions or aliases (grant_invoke would add `ARN:*`).
        machine.add_to_role_policy(
            iam.PolicyStatement(
                actions=["lambda:InvokeFunction"],
                resources=[function.function_arn for function in self.functions.values()],
            )
        )
        acknowledge(
            machine.role,
            "AwsSolutions-IAM5[Resource::*]",
            "Step Functions log delivery (logs:*LogDelivery*, DescribeLogGroups, resource "
            "policies) and X-Ray (xray:PutTraceSegments...) have no resource-level permissions",
        )
        return machine

    def _alarms(self, config: EnvironmentConfig, observability: Observability) -> None:
        five_minutes = Duration.minutes(5)
        observability.alarm_on(
            self.state_machine.metric_failed(period=five_minutes, statistic="Sum").create_alarm(
                self,
                "ExecutionsFailed",
                alarm_description="A pipeline execution failed: see its Step Functions history",
                threshold=1,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
        )
        for name, function in self.functions.items():
            step = name.removesuffix("FunctionArn")
            observability.alarm_on(
                function.metric_errors(period=five_minutes, statistic="Sum").create_alarm(
                    self,
                    f"{step}Errors",
                    alarm_description=f"The {step.lower()} function raised errors",
                    threshold=1,
                    evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                )
            )
        data_age = cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name=DATA_AGE_METRIC,
            dimensions_map={"service": "ingest", "zone": config.zone},
            statistic="Minimum",
            period=Duration.hours(1),
        )
        observability.alarm_on(
            data_age.create_alarm(
                self,
                "DataStale",
                alarm_description=(
                    f"The newest stored hour for {config.zone} is older than "
                    f"{config.freshness_threshold_hours} h, or ingest published no data age "
                    "for two hours"
                ),
                threshold=config.freshness_threshold_hours * 3600,
                evaluation_periods=2,
                datapoints_to_alarm=2,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
            )
        )
