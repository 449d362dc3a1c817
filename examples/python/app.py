#!/usr/bin/env python3
"""The reference platform, written in Python: `python app.py <outdir>` writes
<outdir>/tributary/<workflow_id>/ for each workflow and the CloudFormation template, the same
bytes as the TypeScript app (bin/app.ts). Under the CDK CLI (`cdk synth`), the outdir comes from
CDK_OUTDIR instead."""
import os
import sys

from aws_cdk import App

from data_platform import DataPlatformStack


def main() -> None:
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CDK_OUTDIR", "cdk.out")
    app = App(
        outdir=outdir,
        # The CloudFormation template is checked by cfn-lint in the test suite; skipping aws-cdk-lib's
        # built-in check here keeps synth fast.
        builtin_cloud_formation_validation=False,
        analytics_reporting=False,
    )
    DataPlatformStack(app, "DataPlatform", description="Tributary reference data platform")
    app.synth()


if __name__ == "__main__":
    main()
