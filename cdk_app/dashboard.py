"""Dashboard: the built React app in a private bucket behind CloudFront, plus its config.json."""

from pathlib import Path

from aws_cdk import Aws, Duration, RemovalPolicy
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from cdk_app.buckets import private_bucket
from cdk_app.config import DASHBOARD_DIST_CONTEXT_KEY, ConfigError, EnvironmentConfig
from cdk_app.nag import acknowledge, arn_reference

CONFIG_FILE = "config.json"


def require_build(dist: Path) -> Path:
    """The dashboard build folder, or a ConfigError saying how to produce it."""
    if not (dist / "index.html").is_file():
        raise ConfigError(
            f"the dashboard build is missing ({dist / 'index.html'} not found): build it first "
            "(`npm --prefix dashboard ci && npm --prefix dashboard run build`), or point "
            f"`-c {DASHBOARD_DIST_CONTEXT_KEY}=DIR` at a built folder"
        )
    return dist


class Dashboard(Construct):
    """Private encrypted bucket, CloudFront with origin access control, HTTPS and security
    headers. `publish` uploads the build and a config.json naming the API."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        config: EnvironmentConfig,
        access_logs: s3.IBucket,
    ) -> None:
        super().__init__(scope, id)
        self._config = config
        self._dist = require_build(config.dashboard_dist)
        self.bucket = private_bucket(
            self,
            "Site",
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="s3/dashboard/",
            # Only ever a copy of the build: safe to delete with the stack in every environment.
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=True,
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment=f"GridLA dashboard ({config.name})",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=self._security_headers(),
                compress=True,
            ),
            # The single-page app answers its own routes.
            error_responses=[
                cloudfront.ErrorResponse(
                    http_status=status,
                    response_http_status=200,
                    response_page_path="/index.html",
                    ttl=Duration.seconds(0),
                )
                for status in (403, 404)
            ],
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            enable_logging=True,
            log_bucket=access_logs,
            log_file_prefix="cloudfront/",
        )
        for rule, reason in (
            ("AwsSolutions-CFR1", "a public dashboard of public grid data: no geo restriction"),
            (
                "AwsSolutions-CFR2",
                "no WAF: static files from a private bucket, nothing to inject into; a web ACL "
                "would cost more than the site",
            ),
            (
                "AwsSolutions-CFR4",
                "served on the default *.cloudfront.net certificate, whose minimum TLS version "
                "cannot be set; a custom domain with its own certificate would allow TLSv1.2_2021",
            ),
        ):
            acknowledge(self.distribution, rule, reason)

    @property
    def url(self) -> str:
        """https://<distribution domain> (no trailing slash): the dashboard's origin."""
        return f"https://{self.distribution.distribution_domain_name}"

    def publish(self, *, api_url: str) -> s3deploy.BucketDeployment:
        """Upload the build and config.json ({"apiBaseUrl": ...}), then invalidate the cache."""
        deployment = s3deploy.BucketDeployment(
            self,
            "Publish",
            destination_bucket=self.bucket,
            sources=[
                s3deploy.Source.asset(str(self._dist)),
                s3deploy.Source.json_data(CONFIG_FILE, {"apiBaseUrl": api_url}),
            ],
            # Revalidate every file: a deploy changes index.html and config.json in place.
            cache_control=[s3deploy.CacheControl.from_string("no-cache")],
            prune=True,
            distribution=self.distribution,
            distribution_paths=["/*"],
            memory_limit=512,
            log_group=logs.LogGroup(
                self,
                "PublishLogs",
                retention=self._config.log_retention,
                removal_policy=self._config.removal_policy_for_data,
            ),
        )
        self._acknowledge_deployment_handler(deployment)
        return deployment

    def _acknowledge_deployment_handler(self, deployment: s3deploy.BucketDeployment) -> None:
        """Findings on the copy function aws-cdk-lib ships for BucketDeployment (a singleton)."""
        handler = deployment.handler_role.node.scope
        assert handler is not None
        copies = (
            "CDK's BucketDeployment handler copies the build from the CDK asset bucket into "
            "the site bucket (object names are the build's); aws-cdk-lib writes this policy"
        )
        findings = {
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole]": "CDK's BucketDeployment handler: the AWS managed "
            "basic execution policy only lets it write its own logs",
            "AwsSolutions-IAM5[Resource::*]": "cloudfront:CreateInvalidation/GetInvalidation "
            "as aws-cdk-lib's BucketDeployment grants them, to invalidate after the upload",
            "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-"
            "<AWS::AccountId>-<AWS::Region>/*]": copies,
            f"AwsSolutions-IAM5[Resource::{arn_reference(self.bucket)}/*]": copies,
            **{
                f"AwsSolutions-IAM5[Action::s3:{action}]": copies
                for action in ("GetBucket*", "GetObject*", "List*", "Abort*", "DeleteObject*")
            },
            "AwsSolutions-L1": "the runtime of aws-cdk-lib's BucketDeployment handler is "
            "chosen by aws-cdk-lib and moves with its upgrades",
        }
        for rule, reason in findings.items():
            acknowledge(handler, rule, reason)

    def _security_headers(self) -> cloudfront.ResponseHeadersPolicy:
        # The app calls only its own origin and this region's API Gateway endpoints.
        api_origin = f"https://*.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}"
        return cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment="GridLA dashboard security headers",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=(
                        "default-src 'self'; "
                        f"connect-src 'self' {api_origin}; "
                        "img-src 'self' data:; "
                        "style-src 'self' 'unsafe-inline'; "
                        "script-src 'self'; "
                        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
                    ),
                    override=True,
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(730),
                    include_subdomains=True,
                    override=True,
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    override=True,
                ),
            ),
        )
