// Jest setup, run in every test worker before the tests. aws-cdk-lib's built-in template check is
// off (about 3 s per synth); the tests that read a template check it themselves. A CDK App given no
// outdir, outside the CDK CLI, synthesizes to a new temporary folder, never into the checkout.
process.env.CDK_VALIDATION = 'false';
// The run's private temporary folder (test/support/global-setup.js), also when jest runs in one process.
if (process.env.TRIBUTARY_TEST_TMPDIR) process.env.TMPDIR = process.env.TRIBUTARY_TEST_TMPDIR;
