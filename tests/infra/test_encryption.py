"""cdk_app/encryption.py: the stack's one KMS key encrypts every log group, every function's
environment, both secrets and the alarm topic."""

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from tests.infra.synth import ENVIRONMENTS, only


def key_arn(template: Template) -> dict[str, Any]:
    [key_id] = template.find_resources("AWS::KMS::Key")
    return {"Fn::GetAtt": [key_id, "Arn"]}


@pytest.fixture(params=ENVIRONMENTS)
def template(request: pytest.FixtureRequest) -> Template:
    found: Template = request.getfixturevalue(request.param)
    return found


def test_one_rotated_key(template: Template) -> None:
    key = only(template.find_resources("AWS::KMS::Key"))["Properties"]
    assert key["EnableKeyRotation"] is True


def test_every_log_group_is_encrypted_with_the_key(template: Template) -> None:
    groups = template.find_resources("AWS::Logs::LogGroup")
    assert len(groups) >= 10  # eight functions, flow logs, RDS, executions, API access, publish
    for name, group in groups.items():
        assert group["Properties"].get("KmsKeyId") == key_arn(template), name


def test_every_function_environment_is_encrypted_with_the_key(template: Template) -> None:
    functions = template.find_resources(
        "AWS::Lambda::Function", {"Properties": {"PackageType": "Image"}}
    )
    assert len(functions) == 8
    for name, function in functions.items():
        assert function["Properties"]["KmsKeyArn"] == key_arn(template), name


def test_both_secrets_and_the_topic_use_the_key(template: Template) -> None:
    secrets = template.find_resources("AWS::SecretsManager::Secret")
    assert len(secrets) == 2  # the database credentials and the Electricity Maps token
    for name, secret in secrets.items():
        assert secret["Properties"]["KmsKeyId"] == key_arn(template), name
    topic = only(template.find_resources("AWS::SNS::Topic"))["Properties"]
    assert topic["KmsMasterKeyId"] == key_arn(template)


def test_key_policy_lets_cloudwatch_logs_use_it_for_this_account_only(template: Template) -> None:
    statements = only(template.find_resources("AWS::KMS::Key"))["Properties"]["KeyPolicy"][
        "Statement"
    ]
    [logs] = [s for s in statements if "logs." in json.dumps(s.get("Principal", {}))]
    assert "kms:GenerateDataKey*" in logs["Action"]
    condition = json.dumps(logs["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"])
    assert "AWS::AccountId" in condition
    assert ":log-group:*" in condition
