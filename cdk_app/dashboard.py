"""Dashboard: the built React app in a private bucket behind CloudFront, plus its config.json;
the API under the same domain (`/api/*`), and in prod a WAF web ACL in front of both."""

from pathlib import Path

from aws_cdk import Aws, CfnRule, Duration, Fn, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from cdk_app.api import STAGE_NAME
from cdk_app.buckets import private_bucket
from cdk_app.config import DASHBOARD_DIST_CONTEXT_KEY, ConfigError, EnvironmentConfig
from cdk_app.encryption import encrypted_log_group
from cdk_app.nag import acknowledge, arn_reference

CONFIG_FILE = "config.json"
# Where the dashboard reads the API: its own origin, so no CORS and one cache for all viewers.
API_PATH = "/api"
# Old builds stay restorable this long after a deploy replaces them (versioned bucket).
PREVIOUS_BUILD_DAYS = 30
# CloudFront web ACLs exist only in us-east-1 (AWS WAF: resources you can protect).
WAF_REGION = "us-east-1"
COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet"
# Viewer-request functions (cloudfront-js-2.0). The app has one page, whose view lives in the
# query string: any path without a file extension is that page (instead of error responses,
# which would also rewrite the API's own 403/404 answers).
SITE_REQUEST = """function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}"""
# `/api/measurements` is `/measurements` of the API (the origin path adds the stage).
API_REQUEST = f"""function handler(event) {{
  var request = event.request;
  request.uri = request.uri.substring({len(API_PATH)}) || '/';
  return request;
}}"""


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
        key: kms.IKey,
    ) -> None:
        super().__init__(scope, id)
        self._config = config
        self._key = key
        self._dist = require_build(config.dashboard_dist)
        self.bucket = private_bucket(
            self,
            "Site",
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="s3/dashboard/",
            # A bad deploy is rolled back by restoring the previous versions of its files.
            versioned=True,
            lifecycle_rules=[
                s3.LifecycleRule(noncurrent_version_expiration=Duration.days(PREVIOUS_BUILD_DAYS))
            ],
            # Only ever a copy of the build: safe to delete with the stack in every environment.
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=True,
        )
        self.web_acl = self._web_acl(config) if config.waf else None
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
                function_associations=[self._viewer_request("SiteRequest", SITE_REQUEST)],
            ),
            web_acl_id=self.web_acl.attr_arn if self.web_acl else None,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            enable_logging=True,
            log_bucket=access_logs,
            log_file_prefix="cloudfront/",
        )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR1",
            "a public dashboard of public grid data: no geo restriction",
        )
        if not config.waf:
            acknowledge(
                self.distribution,
                "AwsSolutions-CFR2",
                f"{config.name} runs without the web ACL by configuration (cdk.json waf: "
                "false), saving its monthly fee; prod has it",
            )
        for rule, reason in (
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

    def serve_api(self, rest_api: apigw.RestApi) -> None:
        """Route `/api/*` to the API's stage, cached as long as each answer's Cache-Control
        says (no header, `no-store` or `no-cache`: not cached), keyed by the query string.

        Only GET, HEAD and OPTIONS pass: CloudFront never caches anything else, and the
        `POST /trigger-*` routes need SigV4 signed for the API's own host, so they are called
        at the ApiUrl output, never through this domain (CloudFront answers them 403).
        """
        cache = cloudfront.CachePolicy(
            self,
            "ApiCache",
            comment="GridLA API: each answer's own Cache-Control, per query string",
            default_ttl=Duration.seconds(0),
            min_ttl=Duration.seconds(0),
            max_ttl=Duration.hours(1),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.all(),
            header_behavior=cloudfront.CacheHeaderBehavior.none(),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )
        # The API's regional host, from its ID only: RestApiOrigin would read the stage's URL,
        # and the stage depends on the api function, whose CORS origin is this distribution.
        api_host = f"{rest_api.rest_api_id}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}"
        self.distribution.add_behavior(
            f"{API_PATH}/*",
            # The origin path is the stage (`/v1`): `/api/x` reaches the stage's `/x`.
            origins.HttpOrigin(
                api_host,
                origin_path=f"/{STAGE_NAME}",
                protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
                origin_ssl_protocols=[cloudfront.OriginSslPolicy.TLS_V1_2],
            ),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
            cached_methods=cloudfront.CachedMethods.CACHE_GET_HEAD,
            cache_policy=cache,
            # API Gateway answers only to its own Host header.
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            compress=True,
            function_associations=[self._viewer_request("ApiRequest", API_REQUEST)],
        )

    def publish(self) -> s3deploy.BucketDeployment:
        """Upload the build and config.json (the API at this origin's `/api`), then invalidate
        the cache."""
        deployment = s3deploy.BucketDeployment(
            self,
            "Publish",
            destination_bucket=self.bucket,
            sources=[
                s3deploy.Source.asset(str(self._dist)),
                s3deploy.Source.json_data(CONFIG_FILE, {"apiBaseUrl": API_PATH}),
            ],
            # Revalidate every file: a deploy changes index.html and config.json in place.
            cache_control=[s3deploy.CacheControl.from_string("no-cache")],
            prune=True,
            distribution=self.distribution,
            distribution_paths=["/*"],
            memory_limit=512,
            log_group=encrypted_log_group(
                self,
                "PublishLogs",
                config=self._config,
                key=self._key,
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

    def _viewer_request(self, id: str, code: str) -> cloudfront.FunctionAssociation:
        function = cloudfront.Function(
            self,
            id,
            code=cloudfront.FunctionCode.from_inline(code),
            runtime=cloudfront.FunctionRuntime.JS_2_0,
        )
        return cloudfront.FunctionAssociation(
            function=function, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST
        )

    def _web_acl(self, config: EnvironmentConfig) -> wafv2.CfnWebACL:
        """AWS's managed common rule set, then a per-IP rate limit over 5 minutes.

        A CLOUDFRONT-scope web ACL can only be created in us-east-1, so the template refuses
        (a CloudFormation rule, checked before any change) to deploy elsewhere with the WAF on.
        """
        rule = CfnRule(self, "WafRegion")
        rule.add_assertion(
            Fn.condition_equals(Aws.REGION, WAF_REGION),
            f"waf is on for {config.name}: CloudFront web ACLs exist only in {WAF_REGION}. "
            f"Deploy this stack there, or set waf to false in cdk.json",
        )

        def visibility(metric: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
            return wafv2.CfnWebACL.VisibilityConfigProperty(
                cloud_watch_metrics_enabled=True,
                metric_name=f"gridla-{config.name}-{metric}",
                sampled_requests_enabled=True,
            )

        return wafv2.CfnWebACL(
            self,
            "WebAcl",
            scope="CLOUDFRONT",
            description=f"GridLA {config.name} dashboard and API, common rules and a rate limit",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=visibility("web-acl"),
            rules=[
                wafv2.CfnWebACL.RuleProperty(
                    name=COMMON_RULE_SET,
                    priority=0,
                    override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                            vendor_name="AWS", name=COMMON_RULE_SET
                        )
                    ),
                    visibility_config=visibility("common-rules"),
                ),
                wafv2.CfnWebACL.RuleProperty(
                    name="RequestsPerIp",
                    priority=1,
                    action=wafv2.CfnWebACL.RuleActionProperty(block={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            limit=config.waf_requests_per_5_minutes_per_ip,
                            aggregate_key_type="IP",
                            evaluation_window_sec=300,
                        )
                    ),
                    visibility_config=visibility("requests-per-ip"),
                ),
            ],
        )

    def _security_headers(self) -> cloudfront.ResponseHeadersPolicy:
        # The app calls only its own origin (the API is at /api).
        return cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment="GridLA dashboard security headers",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=(
                        "default-src 'self'; "
                        "connect-src 'self'; "
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
