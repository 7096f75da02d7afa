"""cdk_app/data.py: VPC, RDS PostgreSQL 16, secrets, migrations on deploy."""

import json

import pytest
from aws_cdk.assertions import Match, Template

from tests.infra.synth import only


def subnet_tags(template: Template, subnet_ref: dict[str, str]) -> dict[str, str]:
    subnet = template.to_json()["Resources"][subnet_ref["Ref"]]
    return {tag["Key"]: tag["Value"] for tag in subnet["Properties"]["Tags"]}


def test_database_lives_in_isolated_subnets(dev: Template) -> None:
    group = only(dev.find_resources("AWS::RDS::DBSubnetGroup"))
    refs = group["Properties"]["SubnetIds"]
    assert len(refs) == 2  # two availability zones
    for ref in refs:
        tags = subnet_tags(dev, ref)
        assert tags["aws-cdk:subnet-type"] == "Isolated"
        assert tags["aws-cdk:subnet-name"] == "Database"


def test_vpc_has_flow_logs_and_nat_per_environment(dev: Template, prod: Template) -> None:
    dev.resource_count_is("AWS::EC2::FlowLog", 1)
    dev.resource_count_is("AWS::EC2::NatGateway", 1)
    prod.resource_count_is("AWS::EC2::NatGateway", 2)


def test_endpoints_keep_aws_traffic_off_the_nat(dev: Template) -> None:
    endpoints = dev.find_resources("AWS::EC2::VPCEndpoint")
    services = {
        json.dumps(endpoint["Properties"]["ServiceName"]).split(".")[-1].strip('"]}'): endpoint[
            "Properties"
        ].get("VpcEndpointType", "Gateway")
        for endpoint in endpoints.values()
    }
    assert services == {"secretsmanager": "Interface", "states": "Interface", "s3": "Gateway"}


@pytest.mark.parametrize(
    ("env", "multi_az", "protected", "backups", "deletion_policy"),
    [("dev", False, False, 1, "Delete"), ("prod", True, True, 14, "Snapshot")],
)
def test_postgres_instance(
    request: pytest.FixtureRequest,
    env: str,
    multi_az: bool,
    protected: bool,
    backups: int,
    deletion_policy: str,
) -> None:
    template: Template = request.getfixturevalue(env)
    instance = only(template.find_resources("AWS::RDS::DBInstance"))
    properties = instance["Properties"]
    assert properties["Engine"] == "postgres"
    assert properties["EngineVersion"].startswith("16.")
    assert properties["StorageEncrypted"] is True
    assert properties["PubliclyAccessible"] is False
    assert properties["MultiAZ"] is multi_az
    assert properties["DeletionProtection"] is protected
    assert properties["BackupRetentionPeriod"] == backups
    assert properties["EnableCloudwatchLogsExports"] == ["postgresql"]
    assert instance["DeletionPolicy"] == deletion_policy
    # The password comes from the generated secret, never from the template.
    assert "resolve:secretsmanager" in json.dumps(properties["MasterUserPassword"])


def test_postgres_is_reached_only_from_function_security_groups(dev: Template) -> None:
    instance = only(dev.find_resources("AWS::RDS::DBInstance"))["Properties"]
    [group] = instance["VPCSecurityGroups"]
    ingress = dev.find_resources(
        "AWS::EC2::SecurityGroupIngress", {"Properties": {"GroupId": group}}
    )
    # migrate, ingest, analyze, predict, cluster, summarize, api, and the rotation function
    assert len(ingress) == 8
    for rule in ingress.values():
        properties = rule["Properties"]
        assert "SourceSecurityGroupId" in properties
        assert "CidrIp" not in properties
        # The instance's own port (PostgreSQL's default 5432), not a range.
        assert properties["FromPort"]["Fn::GetAtt"][1] == "Endpoint.Port"
        assert properties["ToPort"] == properties["FromPort"]


def test_credentials_are_generated_and_rotated(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::SecretsManager::Secret",
        {
            "GenerateSecretString": Match.object_like(
                {"SecretStringTemplate": '{"username":"gridla"}'}
            )
        },
    )
    dev.has_resource_properties(
        "AWS::SecretsManager::RotationSchedule",
        {
            "RotationRules": {"ScheduleExpression": "rate(30 days)"},
            "RotateImmediatelyOnUpdate": False,  # no password change while migrations run
        },
    )


def test_token_secret_is_created_empty(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::SecretsManager::Secret",
        {"SecretString": '{"token":""}', "Description": Match.string_like_regexp("set it after")},
    )


def test_migrations_run_as_a_trigger_after_the_database(dev: Template) -> None:
    trigger = only(dev.find_resources("Custom::Trigger"))
    assert trigger["Properties"]["ExecuteOnHandlerChange"] is True
    assert trigger["Properties"]["InvocationType"] == "RequestResponse"
    [database_id] = dev.find_resources("AWS::RDS::DBInstance")
    assert database_id in trigger["DependsOn"]
    version_id = trigger["Properties"]["HandlerArn"]["Ref"]
    function_ref = dev.to_json()["Resources"][version_id]["Properties"]["FunctionName"]
    migrate = dev.to_json()["Resources"][function_ref["Ref"]]
    variables = migrate["Properties"]["Environment"]["Variables"]
    assert variables["POWERTOOLS_SERVICE_NAME"] == "migrate"
    assert "DB_SECRET_ARN" in variables


def test_prod_database_is_monitored_and_accepts_iam_sign_in(prod: Template, dev: Template) -> None:
    [key_id] = prod.find_resources("AWS::KMS::Key")
    properties = only(prod.find_resources("AWS::RDS::DBInstance"))["Properties"]
    assert properties["MonitoringInterval"] == 60
    assert "MonitoringRoleArn" in properties
    assert properties["EnablePerformanceInsights"] is True
    assert properties["PerformanceInsightsKMSKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
    assert properties["EnableIAMDatabaseAuthentication"] is True
    # Dev keeps the cheaper defaults.
    properties = only(dev.find_resources("AWS::RDS::DBInstance"))["Properties"]
    assert "MonitoringInterval" not in properties
    assert properties.get("EnablePerformanceInsights") in (None, False)
    assert properties.get("EnableIAMDatabaseAuthentication") in (None, False)
