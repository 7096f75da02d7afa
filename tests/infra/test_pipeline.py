"""cdk_app/pipeline.py: container functions, the state machine, its schedule and alarms."""

import ast
import json
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from cdk_app.config import (
    CONNECTION_HEADROOM_FRACTION,
    CONNECTIONS_PER_INSTANCE,
    MAX_CONNECTIONS,
    PROJECT_ROOT,
    connection_budget,
)
from cdk_app.pipeline import (
    DATA_AGE_METRIC,
    DEFINITION_PATH,
    MODEL_PREFIX,
    definition_placeholders,
)
from tests.infra.synth import ENVIRONMENTS, cdk_context, only

SERVICES = {"ingest", "analyze", "predict", "cluster", "validate", "summarize", "api", "migrate"}


def container_functions(template: Template) -> dict[str, dict[str, Any]]:
    """Image functions by their POWERTOOLS_SERVICE_NAME."""
    functions = template.find_resources(
        "AWS::Lambda::Function", {"Properties": {"PackageType": "Image"}}
    )
    return {
        function["Properties"]["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]: function
        for function in functions.values()
    }


def test_every_function_is_a_traced_container_with_powertools_settings(dev: Template) -> None:
    functions = container_functions(dev)
    assert set(functions) == SERVICES
    for service, function in functions.items():
        properties = function["Properties"]
        assert properties["TracingConfig"] == {"Mode": "Active"}, service
        assert "LogGroup" in properties["LoggingConfig"], service
        variables = properties["Environment"]["Variables"]
        assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "GridLA"
        assert variables["LOG_LEVEL"] == "INFO"
        assert variables["ZONE"] == "US-CAL-LDWP"


def test_functions_are_sized_for_their_work(dev: Template) -> None:
    functions = container_functions(dev)
    memory = {name: f["Properties"]["MemorySize"] for name, f in functions.items()}
    assert memory["predict"] == max(memory.values())  # TensorFlow training
    assert functions["api"]["Properties"]["Timeout"] == 29  # API Gateway's integration limit
    assert functions["predict"]["Properties"]["Timeout"] == 900


def test_control_image_serves_validate_and_summarize(dev: Template) -> None:
    functions = container_functions(dev)
    for service in ("validate", "summarize"):
        command = functions[service]["Properties"]["ImageConfig"]["Command"]
        assert command == [f"lambdas.control.handler.{service}"]


def test_each_function_gets_only_the_settings_it_reads(dev: Template) -> None:
    functions = container_functions(dev)

    def names(service: str) -> set[str]:
        return set(functions[service]["Properties"]["Environment"]["Variables"])

    assert {"ELECTRICITYMAPS_TOKEN_SECRET_ARN", "ELECTRICITYMAPS_API_URL", "HISTORY_DAYS"} <= names(
        "ingest"
    )
    assert "MODEL_BUCKET" in names("predict")
    assert "MODEL_BUCKET" not in names("analyze")
    assert "DB_SECRET_ARN" not in names("validate")  # touches no database
    assert "VpcConfig" not in functions["validate"]["Properties"]


def test_only_ingest_and_predict_may_leave_the_vpc_on_443(dev: Template) -> None:
    """Ingest goes out through NAT; predict's isolated subnet reaches only the S3 endpoint."""
    open_rules = dev.find_resources(
        "AWS::EC2::SecurityGroup",
        {
            "Properties": {
                "SecurityGroupEgress": Match.array_with(
                    [Match.object_like({"CidrIp": "0.0.0.0/0", "FromPort": 443, "ToPort": 443})]
                )
            }
        },
    )
    descriptions = sorted(group["Properties"]["GroupDescription"] for group in open_rules.values())
    assert descriptions == [
        "ingest function: egress only where granted",
        "predict function: egress only where granted",
    ]


def test_state_machine_is_standard_logged_traced(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::StepFunctions::StateMachine",
        {
            "StateMachineType": "STANDARD",
            "LoggingConfiguration": Match.object_like(
                {"Level": "ALL", "IncludeExecutionData": True}
            ),
            "TracingConfiguration": {"Enabled": True},
        },
    )


def test_definition_is_the_asl_file_with_every_placeholder_substituted(dev: Template) -> None:
    machine = only(dev.find_resources("AWS::StepFunctions::StateMachine"))
    properties = machine["Properties"]
    assert set(properties["DefinitionSubstitutions"]) == definition_placeholders()
    assert json.loads(properties["DefinitionString"]) == json.loads(DEFINITION_PATH.read_text())
    for value in properties["DefinitionSubstitutions"].values():
        assert list(value) == ["Fn::GetAtt"]
        assert value["Fn::GetAtt"][1] == "Arn"


def test_state_machine_invokes_exactly_its_functions(dev: Template) -> None:
    policies = dev.find_resources(
        "AWS::IAM::Policy",
        {
            "Properties": {
                "PolicyDocument": {
                    "Statement": Match.array_with(
                        [Match.object_like({"Action": "lambda:InvokeFunction"})]
                    )
                }
            }
        },
    )
    statement = next(
        s
        for s in only(policies)["Properties"]["PolicyDocument"]["Statement"]
        if s["Action"] == "lambda:InvokeFunction"
    )
    assert len(statement["Resource"]) == 6
    assert "*" not in json.dumps(statement["Resource"])


def test_hourly_schedule_starts_a_scheduled_run(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::Events::Rule",
        {
            "ScheduleExpression": "rate(1 hour)",
            "State": "ENABLED",
            "Targets": [Match.object_like({"Input": '{"trigger":"schedule"}'})],
        },
    )


def test_alarms_go_to_the_topic(dev: Template) -> None:
    alarms = dev.find_resources("AWS::CloudWatch::Alarm")
    metrics = sorted(alarm["Properties"].get("MetricName") for alarm in alarms.values())
    # failed executions, each step's errors (migrate fails the deploy instead), 5xx, data age
    assert metrics.count("Errors") == 6
    assert {"ExecutionsFailed", "5XXError", DATA_AGE_METRIC} <= set(metrics)
    [topic_id] = dev.find_resources("AWS::SNS::Topic")
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic_id}]
        assert alarm["Properties"]["OKActions"] == [{"Ref": topic_id}]


def test_freshness_alarm_matches_what_ingest_publishes(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "Namespace": "GridLA",
            "MetricName": DATA_AGE_METRIC,
            "Dimensions": Match.array_equals(
                [{"Name": "service", "Value": "ingest"}, {"Name": "zone", "Value": "US-CAL-LDWP"}]
            ),
            "Threshold": 3 * 3600,
            "TreatMissingData": "breaching",
        },
    )


def test_model_bucket_is_private_and_only_predict_writes(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "VersioningConfiguration": {"Status": "Enabled"},
            "PublicAccessBlockConfiguration": Match.object_like({"BlockPublicPolicy": True}),
            "LoggingConfiguration": Match.object_like({"LogFilePrefix": "s3/models/"}),
        },
    )
    writers = dev.find_resources(
        "AWS::IAM::Policy",
        {
            "Properties": {
                "PolicyDocument": {
                    "Statement": Match.array_with(
                        [Match.object_like({"Action": ["s3:GetObject", "s3:PutObject"]})]
                    )
                }
            }
        },
    )
    assert len(writers) == 1
    statements = only(writers)["Properties"]["PolicyDocument"]["Statement"]
    assert f"/{MODEL_PREFIX}/*" in json.dumps(statements)


def test_model_prefix_is_the_one_predict_uses() -> None:
    source = (PROJECT_ROOT / "lambdas" / "predict" / "store.py").read_text()
    constants = {
        node.targets[0].id: node.value.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }
    assert constants["S3_PREFIX"] == MODEL_PREFIX


def test_freshness_metric_is_the_one_ingest_publishes() -> None:
    """lambdas/ingest/handler.py: the metric name and its zone dimension (service is added by
    Powertools from POWERTOOLS_SERVICE_NAME)."""
    source = (PROJECT_ROOT / "lambdas" / "ingest" / "handler.py").read_text()
    assert f'name="{DATA_AGE_METRIC}"' in source
    assert 'add_dimension(name="zone"' in source


def test_summarize_gets_the_retention_policy_of_its_environment(
    request: pytest.FixtureRequest,
) -> None:
    for env in ENVIRONMENTS:
        functions = container_functions(request.getfixturevalue(env))
        retention = cdk_context()["environments"][env]["retention"]
        variables = functions["summarize"]["Properties"]["Environment"]["Variables"]
        assert variables["RETENTION_EVERY_RUN_DAYS"] == str(retention["every_run_days"])
        assert variables["RETENTION_DAILY_RUN_DAYS"] == str(retention["daily_run_days"])
        assert variables["RETENTION_FORECAST_DAYS"] == str(retention["forecast_days"])
        for service, function in functions.items():
            if service != "summarize":
                assert "RETENTION_EVERY_RUN_DAYS" not in json.dumps(function), service


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_reserved_concurrency_keeps_connections_under_the_database_limit(
    request: pytest.FixtureRequest, env: str
) -> None:
    """Each function's reserved concurrency is cdk.json's; at one connection per instance
    they fit the RDS instance's max_connections less the headroom."""
    template: Template = request.getfixturevalue(env)
    configured = cdk_context()["environments"][env]["reserved_concurrency"]
    reserved = {
        service: function["Properties"]["ReservedConcurrentExecutions"]
        for service, function in container_functions(template).items()
    }
    assert reserved == configured
    instance_class = only(template.find_resources("AWS::RDS::DBInstance"))["Properties"][
        "DBInstanceClass"
    ].removeprefix("db.")
    held = sum(count * CONNECTIONS_PER_INSTANCE[service] for service, count in reserved.items())
    limit = MAX_CONNECTIONS[instance_class]
    assert held <= connection_budget(instance_class)
    assert connection_budget(instance_class) <= limit * (1 - CONNECTION_HEADROOM_FRACTION)
    assert reserved["api"] == max(reserved.values())  # the API serves every viewer
