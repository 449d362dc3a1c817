"""The reference platform, in Python: the same three daily workflows as the TypeScript one
(bin/platform/), in one stack, one module per workflow."""
import typing

from aws_cdk import Stack
from constructs import Construct
from tributary import Workflow

from .clickstream import clickstream_workflow
from .commerce import commerce_workflow
from .customer360 import customer360_workflow


class DataPlatformStack(Stack):
    """The reference platform: the brief's batch subsystem as three daily workflows in one stack."""

    def __init__(self, scope: Construct, id: str, **kwargs: typing.Any) -> None:
        super().__init__(scope, id, **kwargs)
        #: The workflows, in declaration order.
        self.workflows: typing.List[Workflow] = [
            commerce_workflow(self), clickstream_workflow(self), customer360_workflow(self),
        ]
