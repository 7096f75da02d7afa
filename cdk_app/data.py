"""Data: the VPC, RDS PostgreSQL 16, its secrets, and the migrations applied on every deploy."""

from typing import Literal, cast

from aws_cdk import Duration, RemovalPolicy, SecretValue, triggers
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_rds as rds
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from cdk_app.config import EnvironmentConfig
from cdk_app.encryption import encrypted_log_group
from cdk_app.functions import container_function
from cdk_app.nag import acknowledge

DATABASE_NAME = "gridla"
DATABASE_USER = "gridla"
PASSWORD_ROTATION_DAYS = 30
Endpoint = Literal["secretsmanager", "states"]


class Data(Construct):
    """Network and database that every function reaches through `connect`."""

    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, key: kms.IKey
    ) -> None:
        super().__init__(scope, id)
        self._config = config
        self._key = key
        self.vpc = self._network(config)
        # Functions that need no internet run in isolated subnets; only ingest gets NAT egress.
        self.function_subnets = ec2.SubnetSelection(subnet_group_name="Functions")
        self.egress_subnets = ec2.SubnetSelection(subnet_group_name="Egress")
        self._endpoints: dict[Endpoint, ec2.InterfaceVpcEndpoint] = {
            "secretsmanager": self._interface_endpoint(
                "SecretsManager", ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER
            ),
            "states": self._interface_endpoint(
                "StepFunctions", ec2.InterfaceVpcEndpointAwsService.STEP_FUNCTIONS
            ),
        }
        # Gateway endpoints are free: S3 (models) without NAT from the isolated subnets.
        self.vpc.add_gateway_endpoint(
            "S3", service=ec2.GatewayVpcEndpointAwsService.S3, subnets=[self.function_subnets]
        )
        self.database = self._database(config)
        self.token_secret = secretsmanager.Secret(
            self,
            "ElectricityMapsToken",
            description='Electricity Maps API token for the ingest step, as {"token": "..."}. '
            "Created empty: set it after the first deploy (README, Deploy).",
            secret_object_value={"token": SecretValue.unsafe_plain_text("")},
            encryption_key=key,
            removal_policy=self._removal_policy,
        )
        acknowledge(
            self.token_secret,
            "AwsSolutions-SMG4",
            "a token issued by Electricity Maps: only its issuer can rotate it, by hand",
        )
        self.migrate = self._migrations(config)

    @property
    def _removal_policy(self) -> RemovalPolicy:
        return self._config.removal_policy_for_data

    def connect(self, function: lambda_.Function, *endpoints: Endpoint) -> None:
        """Let `function` read the database secret, reach PostgreSQL and the named endpoints."""
        assert self.database.secret is not None  # generated at construction
        self.database.secret.grant_read(function)
        self.database.connections.allow_default_port_from(function, "PostgreSQL from a function")
        for name in dict.fromkeys(("secretsmanager", *endpoints)):
            self._endpoints[name].connections.allow_default_port_from(function)

    def _network(self, config: EnvironmentConfig) -> ec2.Vpc:
        flow_logs = encrypted_log_group(
            self,
            "FlowLogs",
            config=config,
            key=self._key,
        )
        subnet = ec2.SubnetConfiguration
        return ec2.Vpc(
            self,
            "Vpc",
            ip_addresses=ec2.IpAddresses.cidr("10.40.0.0/16"),
            max_azs=2,
            nat_gateways=config.nat_gateways,
            subnet_configuration=[
                subnet(name="Public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24),
                subnet(name="Egress", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=24),
                subnet(name="Functions", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
                subnet(name="Database", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
            ],
            flow_logs={
                "All": ec2.FlowLogOptions(
                    destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs),
                    traffic_type=ec2.FlowLogTrafficType.ALL,
                )
            },
        )

    def _interface_endpoint(
        self, id: str, service: ec2.InterfaceVpcEndpointAwsService
    ) -> ec2.InterfaceVpcEndpoint:
        return self.vpc.add_interface_endpoint(
            id, service=service, subnets=self.function_subnets, open=False, private_dns_enabled=True
        )

    def _database(self, config: EnvironmentConfig) -> rds.DatabaseInstance:
        identifier = f"gridla-{config.name}"
        # Created before the instance, so the exported server log has a retention.
        log_group = encrypted_log_group(
            self,
            "PostgresLog",
            config=config,
            key=self._key,
            name=f"/aws/rds/instance/{identifier}/postgresql",
        )
        seconds = config.db_monitoring_interval_seconds
        monitoring = Duration.seconds(seconds) if seconds else None
        insights = config.db_performance_insights
        instance = rds.DatabaseInstance(
            self,
            "Postgres",
            instance_identifier=identifier,
            engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16_13),
            instance_type=ec2.InstanceType(config.db_instance_type),
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_group_name="Database"),
            publicly_accessible=False,
            credentials=rds.Credentials.from_generated_secret(
                DATABASE_USER, encryption_key=self._key
            ),
            database_name=DATABASE_NAME,
            storage_encrypted=True,
            storage_type=rds.StorageType.GP3,
            allocated_storage=config.db_allocated_storage_gib,
            max_allocated_storage=config.db_allocated_storage_gib * 5,
            multi_az=config.multi_az,
            backup_retention=Duration.days(config.backup_retention_days),
            deletion_protection=config.deletion_protection,
            removal_policy=RemovalPolicy.DESTROY
            if config.is_destroyable
            else RemovalPolicy.SNAPSHOT,
            delete_automated_backups=config.is_destroyable,
            auto_minor_version_upgrade=True,
            cloudwatch_logs_exports=["postgresql"],
            monitoring_interval=monitoring,
            enable_performance_insights=insights,
            performance_insight_encryption_key=self._key if insights else None,
            # Operators sign in with IAM (rds-db:connect); the functions keep the rotated password.
            iam_authentication=config.db_iam_authentication,
        )
        instance.node.add_dependency(log_group)
        instance.add_rotation_single_user(
            automatically_after=Duration.days(PASSWORD_ROTATION_DAYS),
            # Not during the deploy: the migrations Trigger must not race a password change.
            rotate_immediately_on_update=False,
            vpc_subnets=self.function_subnets,
            endpoint=self._endpoints["secretsmanager"],
        )
        _acknowledge_database(instance, config)
        return instance

    def _migrations(self, config: EnvironmentConfig) -> lambda_.Function:
        """The migrate function, run by a Trigger after the database exists (and on changes)."""
        function = container_function(
            self,
            "Migrate",
            config=config,
            key=self._key,
            service="migrate",
            description="Apply the database migrations (lambdas/core/migrations); run on deploy",
            memory_mib=512,
            timeout=Duration.minutes(5),
            environment={"DB_SECRET_ARN": self.database_secret_arn},
            vpc=self.vpc,
            subnets=self.function_subnets,
        )
        self.connect(function)
        triggers.Trigger(
            self,
            "MigrateOnDeploy",
            handler=function,
            # After the database, the secret's endpoint and this function's network rules.
            execute_after=[
                self.database,
                self._endpoints["secretsmanager"],
                # ISecurityGroup is typed as an interface; these are SecurityGroup constructs.
                *(cast(Construct, group) for group in function.connections.security_groups),
            ],
            # The migrations ship in the image: a new migration is a new image, so it runs again.
            execute_on_handler_change=True,
            timeout=Duration.minutes(5),
        )
        return function

    @property
    def database_secret_arn(self) -> str:
        """The RDS-generated secret (host, port, username, password, dbname): DB_SECRET_ARN."""
        assert self.database.secret is not None  # generated at construction
        return self.database.secret.secret_arn


def _acknowledge_database(instance: rds.DatabaseInstance, config: EnvironmentConfig) -> None:
    """Why the RDS rules that do not apply here, do not."""
    acknowledge(
        instance,
        "AwsSolutions-RDS11",
        "the database sits in isolated subnets and only the functions' security groups "
        "reach it; a non-default port would add no protection",
    )
    if not config.multi_az:
        acknowledge(
            instance,
            "AwsSolutions-RDS3",
            f"{config.name} is single-AZ by configuration to halve its cost; prod is Multi-AZ",
        )
    if config.db_monitoring_interval_seconds:
        acknowledge(
            instance.node.find_child("MonitoringRole"),
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AmazonRDSEnhancedMonitoringRole]",
            "the role RDS assumes to publish enhanced-monitoring OS metrics; the AWS managed "
            "policy only writes to the RDSOSMetrics log group",
        )
    if not config.deletion_protection:
        acknowledge(
            instance,
            "AwsSolutions-RDS10",
            f"{config.name} is disposable by configuration (cdk destroy must work); prod "
            "has deletion protection and a final snapshot",
        )
