"""cdk_app/api.py: the REST API's routes, authorisation, stage settings and CORS."""

import json
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from cdk_app.api import READ_ROUTES, TRIGGER_ROUTES
from cdk_app.config import PROJECT_ROOT
from tests.infra.synth import only


def routes(template: Template) -> dict[tuple[str, str], dict[str, Any]]:
    """(method, path) -> the Method resource, paths rebuilt from the resource tree."""
    resources = template.to_json()["Resources"]

    def path_of(ref: Any) -> str:
        if "Fn::GetAtt" in ref:  # the API's root resource
            return ""
        resource = resources[ref["Ref"]]["Properties"]
        return f"{path_of(resource['ParentId'])}/{resource['PathPart']}"

    methods = template.find_resources("AWS::ApiGateway::Method")
    return {
        (m["Properties"]["HttpMethod"], path_of(m["Properties"]["ResourceId"]) or "/"): m
        for m in methods.values()
    }


def test_reads_are_public_and_triggers_need_iam(dev: Template) -> None:
    table = routes(dev)
    for path in READ_ROUTES:
        assert table[("GET", path)]["Properties"]["AuthorizationType"] == "NONE"
    for path in TRIGGER_ROUTES:
        assert table[("POST", path)]["Properties"]["AuthorizationType"] == "AWS_IAM"
    non_options = {key for key in table if key[0] != "OPTIONS"}
    assert non_options == {("GET", p) for p in READ_ROUTES} | {("POST", p) for p in TRIGGER_ROUTES}


def test_every_route_of_the_api_document_is_deployed(dev: Template) -> None:
    """docs/openapi.json (the api's committed OpenAPI) against the gateway's routes."""
    document = json.loads((PROJECT_ROOT / "docs" / "openapi.json").read_text())
    documented = {
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    }
    assert documented <= set(routes(dev))


def test_methods_proxy_to_the_api_function(dev: Template) -> None:
    for (method, path), resource in routes(dev).items():
        if method == "OPTIONS":
            continue
        integration = resource["Properties"]["Integration"]
        assert integration["Type"] == "AWS_PROXY", path
        assert integration["IntegrationHttpMethod"] == "POST"
    # One invoke permission for the whole API, not two per method.
    dev.resource_count_is("AWS::Lambda::Permission", 1)


@pytest.mark.parametrize(("env", "rate", "burst"), [("dev", 20, 40), ("prod", 50, 100)])
def test_stage_throttles_and_logs(
    request: pytest.FixtureRequest, env: str, rate: int, burst: int
) -> None:
    template: Template = request.getfixturevalue(env)
    stage = only(template.find_resources("AWS::ApiGateway::Stage"))["Properties"]
    assert stage["StageName"] == "v1"
    assert stage["TracingEnabled"] is True
    assert "DestinationArn" in stage["AccessLogSetting"]
    assert '"status":"$context.status"' in stage["AccessLogSetting"]["Format"]
    [settings] = stage["MethodSettings"]
    assert settings["ThrottlingRateLimit"] == rate
    assert settings["ThrottlingBurstLimit"] == burst
    assert settings["LoggingLevel"] == "ERROR"
    assert settings["DataTraceEnabled"] is False


def allowed_origin(template: Template) -> Any:
    preflight = next(m for (method, _), m in routes(template).items() if method == "OPTIONS")
    parameters = preflight["Properties"]["Integration"]["IntegrationResponses"][0][
        "ResponseParameters"
    ]
    return parameters["method.response.header.Access-Control-Allow-Origin"]


def test_cors_dev_allows_any_origin_prod_only_the_dashboard(dev: Template, prod: Template) -> None:
    assert allowed_origin(dev) == "'*'"
    [distribution_id] = prod.find_resources("AWS::CloudFront::Distribution")
    assert distribution_id in json.dumps(allowed_origin(prod))
    # ... and the function's own CORS answers agree.
    prod.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Environment": {
                "Variables": Match.object_like(
                    {"CORS_ALLOW_ORIGIN": {"Fn::Join": ["", ["https://", Match.any_value()]]}}
                )
            }
        },
    )


def test_api_function_is_traced_by_lambda_without_the_xray_sdk(dev: Template) -> None:
    """Active tracing (Lambda's own segments), the SDK off for the cold start's sake; the
    pipeline's functions keep it (their boto3 and HTTP calls are worth the subsegments)."""
    functions = dev.find_resources(
        "AWS::Lambda::Function", {"Properties": {"PackageType": "Image"}}
    )
    by_service = {
        f["Properties"]["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]: f["Properties"]
        for f in functions.values()
    }
    api = by_service.pop("api")
    assert api["TracingConfig"] == {"Mode": "Active"}
    assert api["Environment"]["Variables"]["POWERTOOLS_TRACE_DISABLED"] == "true"
    for service, properties in by_service.items():
        assert properties["TracingConfig"] == {"Mode": "Active"}, service
        assert "POWERTOOLS_TRACE_DISABLED" not in properties["Environment"]["Variables"], service


def test_api_function_may_start_the_pipeline(dev: Template) -> None:
    [machine_id] = dev.find_resources("AWS::StepFunctions::StateMachine")
    dev.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {"Action": "states:StartExecution", "Resource": {"Ref": machine_id}}
                        )
                    ]
                )
            }
        },
    )


def test_server_errors_raise_an_alarm(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {"Namespace": "AWS/ApiGateway", "MetricName": "5XXError", "Threshold": 1},
    )
