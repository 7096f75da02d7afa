"""The one way this app makes an S3 bucket: encrypted, never public, reachable over TLS only."""

from typing import Any

from aws_cdk import aws_s3 as s3
from constructs import Construct


def private_bucket(scope: Construct, id: str, **options: Any) -> s3.Bucket:
    """A bucket with S3-managed encryption, all public access blocked and SSL enforced;
    `options` are the other `s3.Bucket` properties (logging, lifecycle, removal)."""
    return s3.Bucket(
        scope,
        id,
        encryption=s3.BucketEncryption.S3_MANAGED,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        enforce_ssl=True,
        **options,
    )
