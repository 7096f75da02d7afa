"""The stack's one customer managed KMS key: logs, secrets, function environments, the alarm
topic and Performance Insights are encrypted with it."""

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from constructs import Construct

from cdk_app.config import EnvironmentConfig


def stack_key(scope: Construct, id: str, *, config: EnvironmentConfig) -> kms.Key:
    """A rotated key whose policy lets CloudWatch Logs encrypt this account's log groups in
    this region, and CloudWatch alarms publish to the encrypted topic.

    Services that read through a grant (Secrets Manager, Lambda, SNS subscribers, RDS) get
    their permission from the grants the constructs add; Logs and CloudWatch have none, so the
    key policy names them, scoped by the encryption context and the account.
    """
    key = kms.Key(
        scope,
        id,
        description=f"Encrypts GridLA ({config.name}): logs, secrets, function settings, alarms",
        enable_key_rotation=True,
        removal_policy=config.removal_policy_for_data,
    )
    key.add_to_resource_policy(
        iam.PolicyStatement(
            principals=[iam.ServicePrincipal(f"logs.{Aws.REGION}.amazonaws.com")],
            actions=[
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ],
            resources=["*"],  # in a key policy, "*" is this key
            conditions={
                "ArnLike": {
                    "kms:EncryptionContext:aws:logs:arn": (
                        f"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:log-group:*"
                    )
                }
            },
        )
    )
    # CloudWatch cannot publish alarms to a topic under the AWS managed key: it needs this one.
    key.grant(
        iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*"
    )
    return key


def encrypted_log_group(
    scope: Construct,
    id: str,
    *,
    config: EnvironmentConfig,
    key: kms.IKey,
    name: str | None = None,
) -> logs.LogGroup:
    """A log group under the stack key, kept `config.log_retention` and removed with the data."""
    return logs.LogGroup(
        scope,
        id,
        log_group_name=name,
        retention=config.log_retention,
        encryption_key=key,
        removal_policy=config.removal_policy_for_data,
    )
