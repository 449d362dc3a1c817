// Jest setup, run in every test worker before the tests: a CDK App that a test (or an example it
// imports) synthesizes without an outdir writes to a temporary folder, never into the checkout.
// aws-cdk-lib's built-in template check is off; the tests that read a template say so themselves.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

process.env.CDK_OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-jest-cdk-out-'));
process.env.CDK_VALIDATION = 'false';
