"""Api: API Gateway REST in front of the api function (Lambda proxy), IAM on the triggers."""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_kms as kms
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from cdk_app.config import EnvironmentConfig
from cdk_app.data import Data
from cdk_app.encryption import encrypted_log_group
from cdk_app.functions import container_function
from cdk_app.nag import acknowledge
from cdk_app.observability import Observability

STAGE_NAME = "v1"
# Public reads (the dashboard's), served by lambdas/api/app.py (docs/openapi.json, plus the
# OpenAPI document and Swagger UI themselves).
READ_ROUTES = (
    "/measurements",
    "/status/latest",
    "/predictions",
    "/forecast/carbon-intensity",
    "/advice/cleanest-window",
    "/clustering",
    "/analysis/trend",
    "/analysis/seasonal",
    "/analysis/correlations",
    "/runs",
    "/runs/{run_id}",
    "/openapi.json",
    "/docs",
)
# Each starts a pipeline execution: IAM-authorised (SigV4), never public.
TRIGGER_ROUTES = (
    "/trigger-ingestion",
    "/trigger-analysis",
    "/trigger-prediction",
    "/trigger-clustering",
)


class Api(Construct):
    """The HTTP API: throttled, access-logged, CORS for `allowed_origin`. The dashboard reads
    it through its CloudFront distribution (cdk_app/dashboard.py, `/api/*`)."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        config: EnvironmentConfig,
        data: Data,
        state_machine: sfn.IStateMachine,
        allowed_origin: str,
        observability: Observability,
        key: kms.IKey,
    ) -> None:
        super().__init__(scope, id)
        self.function = container_function(
            self,
            "Handler",
            config=config,
            key=key,
            service="api",
            description="The GridLA HTTP API: reads from PostgreSQL, triggers the pipeline",
            memory_mib=1024,
            # API Gateway waits at most 29 s for an integration.
            timeout=Duration.seconds(29),
            environment={
                "DB_SECRET_ARN": data.database_secret_arn,
                "STATE_MACHINE_ARN": state_machine.state_machine_arn,
                "CORS_ALLOW_ORIGIN": allowed_origin,
                # Lambda's active tracing still records each request's init and invocation
                # segments under API Gateway's trace; the X-Ray SDK in the process would add
                # only the handler's subsegment and the boto3 call of a trigger, for ~0.4 s
                # of CPU per cold start (its import and patching, gridla bench api). Set
                # "false" on the function to trace inside it for a while.
                "POWERTOOLS_TRACE_DISABLED": "true",
            },
            vpc=data.vpc,
            subnets=data.function_subnets,
        )
        data.connect(self.function, "states")
        state_machine.grant_start_execution(self.function)

        self.rest_api = self._rest_api(config, allowed_origin, key)
        # One invoke permission for the whole API instead of two per method.
        integration = apigw.LambdaIntegration(self.function, scope_permission_to_method=False)
        for path in READ_ROUTES:
            self._resource(path).add_method("GET", integration)
        for path in TRIGGER_ROUTES:
            self._resource(path).add_method(
                "POST", integration, authorization_type=apigw.AuthorizationType.IAM
            )
        self._acknowledge_methods()
        observability.alarm_on(
            self.rest_api.metric_server_error(
                period=Duration.minutes(5), statistic="Sum"
            ).create_alarm(
                self,
                "ServerErrors",
                alarm_description="The API answered 5xx: see the api function's logs",
                threshold=1,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
        )

    @property
    def url(self) -> str:
        """The stage's base URL, ending in `/`."""
        return self.rest_api.url

    def _rest_api(
        self, config: EnvironmentConfig, allowed_origin: str, key: kms.IKey
    ) -> apigw.RestApi:
        access_logs = encrypted_log_group(
            self,
            "AccessLogs",
            config=config,
            key=key,
        )
        api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=f"gridla-{config.name}",
            description="GridLA: Los Angeles grid measurements, analyses, forecasts and runs",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            # Execution logs need the account-level CloudWatch role in each region.
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=RemovalPolicy.RETAIN,
            deploy_options=apigw.StageOptions(
                stage_name=STAGE_NAME,
                throttling_rate_limit=config.api_rate_limit,
                throttling_burst_limit=config.api_burst_limit,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.json_with_standard_fields(
                    caller=True,
                    http_method=True,
                    ip=True,
                    protocol=True,
                    request_time=True,
                    resource_path=True,
                    response_length=True,
                    status=True,
                    user=True,
                ),
                logging_level=apigw.MethodLoggingLevel.ERROR,
                data_trace_enabled=False,
                metrics_enabled=True,
                tracing_enabled=True,
            ),
            default_cors_preflight_options=apigw.CorsOptions(
                allow_origins=[allowed_origin],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=[*apigw.Cors.DEFAULT_HEADERS],
                max_age=Duration.minutes(10),
            ),
        )
        # The stack outputs the URL as ApiUrl; drop RestApi's own duplicate output.
        api.node.try_remove_child("Endpoint")
        _acknowledge_api(api)
        return api

    def _resource(self, path: str) -> apigw.IResource:
        resource = self.rest_api.root
        for part in path.strip("/").split("/"):
            resource = resource.get_resource(part) or resource.add_resource(part)
        return resource

    def _acknowledge_methods(self) -> None:
        for method in self.rest_api.methods:
            acknowledge(
                method,
                "AwsSolutions-COG4",
                "no Cognito users: reads are public, triggers use IAM (SigV4) for operators "
                "and automation",
            )
            if method.http_method != "POST":
                acknowledge(
                    method,
                    "AwsSolutions-APIG4",
                    "a public read (the dashboard's data) or a CORS preflight: both must "
                    "answer without credentials",
                )


def _acknowledge_api(api: apigw.RestApi) -> None:
    """Why the API rules that do not apply here, do not (methods: `_acknowledge_methods`)."""
    role = api.node.find_child("CloudWatchRole")
    acknowledge(
        role,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AmazonAPIGatewayPushToCloudWatchLogs]",
        "API Gateway's account-level logging role: the AWS managed policy only lets the "
        "service write its own execution logs",
    )
    acknowledge(
        api,
        "AwsSolutions-APIG2",
        "the api function validates every request against its OpenAPI models (Powertools "
        "enable_validation) and answers 400/422 with what to fix; a gateway validator "
        "would duplicate it without the messages",
    )
    acknowledge(
        api.deployment_stage,
        "AwsSolutions-APIG3",
        "no web ACL on the regional stage: the dashboard's reads come through CloudFront "
        "(/api/*, under its web ACL where cdk.json turns the WAF on), the stage is throttled "
        "and the triggers need SigV4",
    )
