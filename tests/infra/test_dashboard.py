"""cdk_app/dashboard.py: private bucket, CloudFront with OAC and security headers, the API
under `/api`, the WAF, publishing."""

import json
import subprocess
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from cdk_app.dashboard import API_PATH, COMMON_RULE_SET
from tests.infra.synth import Synthesized, only


def site_bucket(template: Template) -> dict[str, object]:
    return only(
        template.find_resources(
            "AWS::S3::Bucket",
            {"Properties": {"LoggingConfiguration": {"LogFilePrefix": "s3/dashboard/"}}},
        )
    )


def test_bucket_is_private_encrypted_and_ssl_only(dev: Template) -> None:
    bucket = site_bucket(dev)["Properties"]
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert "BucketEncryption" in bucket
    dev.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )


def test_distribution_uses_oac_https_and_logs(dev: Template) -> None:
    dev.resource_count_is("AWS::CloudFront::OriginAccessControl", 1)
    config = only(dev.find_resources("AWS::CloudFront::Distribution"))["Properties"][
        "DistributionConfig"
    ]
    assert config["DefaultRootObject"] == "index.html"
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert "ResponseHeadersPolicyId" in behavior
    [site] = [origin for origin in config["Origins"] if "S3OriginConfig" in origin]
    assert "OriginAccessControlId" in site
    assert site["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # OAC, not a legacy OAI
    assert config["Logging"]["Prefix"] == "cloudfront/"
    # No distribution-wide error pages: they would turn the API's 404s into index.html.
    assert "CustomErrorResponses" not in config


def test_security_headers(dev: Template) -> None:
    policy = only(dev.find_resources("AWS::CloudFront::ResponseHeadersPolicy"))
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["ContentTypeOptions"]["Override"] is True
    csp = json.dumps(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "connect-src 'self';" in csp  # the API is at this origin's /api, nothing else


def test_build_and_config_json_are_published_then_invalidated(
    dev: Template, synthesized: Synthesized
) -> None:
    deployment = only(dev.find_resources("Custom::CDKBucketDeployment"))["Properties"]
    assert len(deployment["SourceObjectKeys"]) == 2  # the build, and config.json
    assert deployment["Prune"] is True
    assert deployment["DistributionPaths"] == ["/*"]
    assert "DistributionId" in deployment
    # config.json points the app at this origin's /api, in every environment.
    configs = [json.loads(path.read_text()) for path in synthesized.outdir.rglob("config.json")]
    assert configs
    assert all(config == {"apiBaseUrl": API_PATH} for config in configs)


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_site_bucket_keeps_previous_builds_and_logs_access(
    request: pytest.FixtureRequest, env: str
) -> None:
    template: Template = request.getfixturevalue(env)
    bucket: Any = site_bucket(template)["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = bucket["LifecycleConfiguration"]["Rules"]
    assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30
    assert "DestinationBucketName" in bucket["LoggingConfiguration"]


def distribution_config(template: Template) -> dict[str, Any]:
    distribution = only(template.find_resources("AWS::CloudFront::Distribution"))
    config: dict[str, Any] = distribution["Properties"]["DistributionConfig"]
    return config


def api_behavior(template: Template) -> dict[str, Any]:
    [behavior] = distribution_config(template)["CacheBehaviors"]
    assert behavior["PathPattern"] == f"{API_PATH}/*"
    found: dict[str, Any] = behavior
    return found


def test_api_is_served_under_the_dashboard_domain(dev: Template) -> None:
    behavior = api_behavior(dev)
    # Reads only: CloudFront never caches POST, and the triggers are signed for the API host.
    assert behavior["AllowedMethods"] == ["GET", "HEAD", "OPTIONS"]
    assert behavior["CachedMethods"] == ["GET", "HEAD"]
    assert behavior["ViewerProtocolPolicy"] == "https-only"
    origins = distribution_config(dev)["Origins"]
    [origin] = [o for o in origins if o["Id"] == behavior["TargetOriginId"]]
    [api_id] = dev.find_resources("AWS::ApiGateway::RestApi")
    assert api_id in json.dumps(origin["DomainName"])
    assert origin["OriginPath"] == "/v1"  # the stage
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"


def test_api_answers_are_cached_by_their_own_cache_control(dev: Template) -> None:
    policy_id = api_behavior(dev)["CachePolicyId"]["Ref"]
    policy = dev.to_json()["Resources"][policy_id]["Properties"]["CachePolicyConfig"]
    # No Cache-Control (or no-store/no-cache): not cached; max-age=N: N seconds, up to an hour.
    assert policy["DefaultTTL"] == 0
    assert policy["MinTTL"] == 0
    assert policy["MaxTTL"] == 3600
    key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert key["QueryStringsConfig"] == {"QueryStringBehavior": "all"}  # range, start, format
    assert key["HeadersConfig"] == {"HeaderBehavior": "none"}
    assert key["CookiesConfig"] == {"CookieBehavior": "none"}


def viewer_request(template: Template, behavior: dict[str, Any]) -> str:
    [association] = behavior["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    function_id = association["FunctionARN"]["Fn::GetAtt"][0]
    code: str = template.to_json()["Resources"][function_id]["Properties"]["FunctionCode"]
    return code


def run_viewer_request(code: str, uri: str) -> str:
    """The CloudFront function's answer for `uri`, run by Node (a superset of its JS)."""
    script = f"{code}\nprocess.stdout.write(handler({{request: {{uri: {json.dumps(uri)}}}}}).uri);"
    return subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout


@pytest.mark.parametrize(
    ("uri", "origin_uri"),
    [("/api/measurements", "/measurements"), ("/api/runs/local-1", "/runs/local-1")],
)
def test_api_paths_reach_the_stage_without_the_prefix(
    dev: Template, uri: str, origin_uri: str
) -> None:
    assert run_viewer_request(viewer_request(dev, api_behavior(dev)), uri) == origin_uri


@pytest.mark.parametrize(
    ("uri", "served"),
    [("/", "/index.html"), ("/analysis", "/index.html"), ("/assets/app.js", "/assets/app.js")],
)
def test_site_paths_without_a_file_are_the_app(dev: Template, uri: str, served: str) -> None:
    behavior = distribution_config(dev)["DefaultCacheBehavior"]
    assert run_viewer_request(viewer_request(dev, behavior), uri) == served


def test_prod_distribution_has_a_web_acl_dev_none(prod: Template, dev: Template) -> None:
    [acl_id] = prod.find_resources("AWS::WAFv2::WebACL")
    assert distribution_config(prod)["WebACLId"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    dev.resource_count_is("AWS::WAFv2::WebACL", 0)
    assert "WebACLId" not in distribution_config(dev)


def test_web_acl_has_the_common_rules_and_a_rate_limit(prod: Template) -> None:
    acl = only(prod.find_resources("AWS::WAFv2::WebACL"))["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    assert acl["DefaultAction"] == {"Allow": {}}
    common, rate = sorted(acl["Rules"], key=lambda rule: rule["Priority"])
    assert common["Statement"]["ManagedRuleGroupStatement"] == {
        "VendorName": "AWS",
        "Name": COMMON_RULE_SET,
    }
    assert common["OverrideAction"] == {"None": {}}  # the group's own block actions apply
    limit = rate["Statement"]["RateBasedStatement"]
    assert limit == {"Limit": 1000, "AggregateKeyType": "IP", "EvaluationWindowSec": 300}
    assert rate["Action"] == {"Block": {}}


def test_prod_refuses_to_deploy_its_web_acl_outside_us_east_1(
    synthesized: Synthesized,
) -> None:
    rules = synthesized.template_json("prod")["Rules"]
    assertions = [a for rule in rules.values() for a in rule["Assertions"]]
    regional = [a for a in assertions if "us-east-1" in json.dumps(a["Assert"])]
    assert len(regional) == 1
    assert regional[0]["Assert"] == {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
    assert "waf" in regional[0]["AssertDescription"]
    dev_rules = synthesized.template_json("dev").get("Rules", {})
    assert "us-east-1" not in json.dumps(dev_rules)
