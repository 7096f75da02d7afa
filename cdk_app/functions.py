"""The one way this app builds a Lambda: a container image from `lambdas/<image>/Dockerfile`."""

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from cdk_app.config import PROJECT_ROOT, ConfigError, EnvironmentConfig
from cdk_app.nag import acknowledge

METRICS_NAMESPACE = "GridLA"  # lambdas/core/observability.py


def container_function(
    scope: Construct,
    id: str,
    *,
    config: EnvironmentConfig,
    image: str,
    service: str,
    description: str,
    memory_mib: int,
    timeout: Duration,
    handler: str | None = None,
    environment: Mapping[str, str] | None = None,
    vpc: ec2.IVpc | None = None,
    subnets: ec2.SubnetSelection | None = None,
) -> lambda_.DockerImageFunction:
    """A traced container function with its own role, log group and (in a VPC) security group.

    The build context is the project root (so the image sees `lambdas/` and pyproject.toml;
    .dockerignore keeps it to those), and the Dockerfile is `lambdas/<image>/Dockerfile`.
    `handler` overrides the image's CMD, for an image that serves several functions.
    The security group allows no egress: callers open exactly the ports each function needs.
    """
    dockerfile = f"lambdas/{image}/Dockerfile"
    if not (PROJECT_ROOT / dockerfile).is_file():
        raise ConfigError(f"{dockerfile} is missing: every function image is built from one")
    construct = Construct(scope, id)
    log_group = logs.LogGroup(
        construct,
        "Logs",
        retention=config.log_retention,
        removal_policy=config.removal_policy_for_data,
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
        file=dockerfile,
        platform=ecr_assets.Platform.LINUX_AMD64,
        cmd=[handler] if handler else None,
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
