"""The one way this app builds a Lambda: a container image from the one `lambdas/Dockerfile`,
with the function's pyproject extra as its build argument and its handler as its command."""

from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import Duration
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cdk_app.config import PROJECT_ROOT, ConfigError, EnvironmentConfig
from cdk_app.encryption import encrypted_log_group
from cdk_app.nag import acknowledge

METRICS_NAMESPACE = "GridLA"  # lambdas/core/observability.py
DOCKERFILE = "lambdas/Dockerfile"


@dataclass(frozen=True)
class FunctionImage:
    """What one function's image installs and runs."""

    # The pyproject.toml extra installed over the base dependencies (None: the base only).
    extra: str | None
    # The handler, `module.function`: the image's command (Lambda's ImageConfig.Command).
    handler: str


# Every function of the app, by service name (its POWERTOOLS_SERVICE_NAME). The images are
# built from this table and tests/infra/test_function_images.py imports each handler in a venv
# holding only its requirements.
FUNCTION_IMAGES: dict[str, FunctionImage] = {
    "ingest": FunctionImage("ingest", "lambdas.ingest.handler.handler"),
    "analyze": FunctionImage("analyze", "lambdas.analyze.handler.handler"),
    "predict": FunctionImage("predict", "lambdas.predict.handler.handler"),
    "cluster": FunctionImage("cluster", "lambdas.cluster.handler.handler"),
    "api": FunctionImage("api", "lambdas.api.handler.handler"),
    "migrate": FunctionImage(None, "lambdas.migrate.handler.handler"),
    "validate": FunctionImage(None, "lambdas.control.handler.validate"),
    "summarize": FunctionImage(None, "lambdas.control.handler.summarize"),
}


def container_function(
    scope: Construct,
    id: str,
    *,
    config: EnvironmentConfig,
    key: kms.IKey,
    service: str,
    description: str,
    memory_mib: int,
    timeout: Duration,
    environment: Mapping[str, str] | None = None,
    vpc: ec2.IVpc | None = None,
    subnets: ec2.SubnetSelection | None = None,
) -> lambda_.DockerImageFunction:
    """A traced container function with its own role, log group and (in a VPC) security group.

    `service` names its entry in FUNCTION_IMAGES and in the config's reserved concurrency;
    `key` encrypts its log group and its environment variables. The build context is the
    project root (so the image sees `lambdas/` and pyproject.toml; .dockerignore keeps it to
    those).
    The security group allows no egress: callers open exactly the ports each function needs.
    """
    if service not in FUNCTION_IMAGES:
        raise ConfigError(f"no image for function {service!r}: add it to FUNCTION_IMAGES")
    image = FUNCTION_IMAGES[service]
    construct = Construct(scope, id)
    log_group = encrypted_log_group(
        construct,
        "Logs",
        config=config,
        key=key,
    )
    role = iam.Role(
        construct,
        "Role",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=f"{service}: writes its own logs and traces; grants add the rest",
    )
    role.add_to_policy(
        iam.PolicyStatement(
            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
            resources=[log_group.log_group_arn],
        )
    )
    security_group = None
    if vpc is not None:
        security_group = ec2.SecurityGroup(
            construct,
            "SecurityGroup",
            vpc=vpc,
            description=f"{service} function: egress only where granted",
            allow_all_outbound=False,
        )
        role.add_to_policy(
            iam.PolicyStatement(
                actions=[
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:DeleteNetworkInterface",
                    "ec2:AssignPrivateIpAddresses",
                    "ec2:UnassignPrivateIpAddresses",
                ],
                resources=["*"],
            )
        )
    code = lambda_.DockerImageCode.from_image_asset(
        str(PROJECT_ROOT),
        file=DOCKERFILE,
        build_args={"EXTRA": image.extra or ""},
        platform=ecr_assets.Platform.LINUX_AMD64,
        cmd=[image.handler],
    )
    function = lambda_.DockerImageFunction(
        construct,
        "Function",
        code=code,
        description=description,
        memory_size=memory_mib,
        timeout=timeout,
        architecture=lambda_.Architecture.X86_64,
        role=role,
        log_group=log_group,
        environment_encryption=key,
        # Bounds the database connections this function can hold (config.connection_budget).
        reserved_concurrent_executions=config.reserved_concurrency[service],
        tracing=lambda_.Tracing.ACTIVE,
        vpc=vpc,
        vpc_subnets=subnets,
        security_groups=[security_group] if security_group else None,
        environment={
            "LOG_LEVEL": config.log_level,
            "POWERTOOLS_SERVICE_NAME": service,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "ZONE": config.zone,
            **(environment or {}),
        },
    )
    acknowledge(
        role,
        "AwsSolutions-IAM5[Resource::*]",
        "X-Ray trace upload (xray:PutTraceSegments/PutTelemetryRecords) and, in a VPC, the "
        "Lambda ENI actions (ec2:*NetworkInterface*, DescribeSubnets) have no resource-level "
        "permissions; everything else in this role names its resource",
    )
    return function
