"""Where alarms and access logs go: an encrypted SNS topic and one access-log bucket."""

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from cdk_app.buckets import private_bucket
from cdk_app.config import EnvironmentConfig
from cdk_app.nag import acknowledge

ACCESS_LOG_DAYS = 90


class Observability(Construct):
    """The alarm topic (e-mail subscription from config) and the access-log bucket."""

    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, key: kms.IKey
    ) -> None:
        super().__init__(scope, id)
        # The stack key (cdk_app/encryption.py), whose policy lets CloudWatch publish here.
        self.topic = sns.Topic(
            self, "AlarmTopic", display_name="GridLA alarms", master_key=key, enforce_ssl=True
        )
        if config.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))
        self._action = cloudwatch_actions.SnsAction(self.topic)

        destroyable = config.is_destroyable
        self.access_logs = private_bucket(
            self,
            "AccessLogs",
            # CloudFront standard logging writes with ACLs, so the bucket must accept them.
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(ACCESS_LOG_DAYS))],
            removal_policy=config.removal_policy_for_data,
            auto_delete_objects=destroyable,
        )
        acknowledge(
            self.access_logs,
            "AwsSolutions-S1",
            "this is the access-log bucket itself; logging its access into itself would loop",
        )

    def alarm_on(self, alarm: cloudwatch.Alarm) -> cloudwatch.Alarm:
        """Send `alarm`'s state changes (alarm and back to OK) to the topic."""
        alarm.add_alarm_action(self._action)
        alarm.add_ok_action(self._action)
        return alarm
