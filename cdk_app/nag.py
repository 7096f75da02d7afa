"""cdk-nag: the AwsSolutions rule pack on the app, and the one way to acknowledge a finding."""

from aws_cdk import Acknowledgment, App, CfnElement, Stack, Validations
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

# The validation plugin's name: acknowledgement ids are `<plugin>::<rule>`.
PLUGIN = "AwsSolutions"


def add_checks(app: App) -> None:
    """Run AwsSolutions on every stack at synth; an unacknowledged finding fails synth."""
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))


def acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    """Accept one finding (`AwsSolutions-XX` or `AwsSolutions-XX[finding]`) on one construct.

    Always scoped to the construct that raises it, never to a stack; the reason says why the
    rule does not fit here, so a reviewer can disagree with it.
    """
    Validations.of(construct).acknowledge(Acknowledgment(id=f"{PLUGIN}::{rule}", reason=reason))


def arn_reference(construct: IConstruct) -> str:
    """How cdk-nag names `construct`'s ARN in a finding: `<LogicalId.Arn>`.

    Findings about a resource of this stack quote its logical ID; computing it here keeps
    hashed IDs out of the code.
    """
    resource = construct.node.default_child
    assert isinstance(resource, CfnElement), f"{construct.node.path} has no CloudFormation resource"
    stack = Stack.of(construct)
    return f"<{stack.resolve(stack.get_logical_id(resource))}.Arn>"
