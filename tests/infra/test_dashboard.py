"""cdk_app/dashboard.py: private bucket, CloudFront with OAC and security headers, publishing."""

import json

from aws_cdk.assertions import Match, Template

from tests.infra.synth import only


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
    [origin] = config["Origins"]
    assert "OriginAccessControlId" in origin
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # OAC, not a legacy OAI
    assert config["Logging"]["Prefix"] == "cloudfront/"


def test_security_headers(dev: Template) -> None:
    policy = only(dev.find_resources("AWS::CloudFront::ResponseHeadersPolicy"))
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["ContentTypeOptions"]["Override"] is True
    csp = json.dumps(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert ".execute-api." in csp  # the app may call the API, nothing else


def test_build_and_config_json_are_published_then_invalidated(dev: Template) -> None:
    deployment = only(dev.find_resources("Custom::CDKBucketDeployment"))["Properties"]
    assert len(deployment["SourceObjectKeys"]) == 2  # the build, and config.json
    assert deployment["Prune"] is True
    assert deployment["DistributionPaths"] == ["/*"]
    assert "DistributionId" in deployment
    # config.json names the API: its URL is filled in at deploy time through a marker.
    [api_id] = dev.find_resources("AWS::ApiGateway::RestApi")
    assert api_id in json.dumps(deployment["SourceMarkers"])
