import { activeSession, endSession, startSession, underCdkCli } from '../../lib/synth/session';

test('a session is in force between start and end, with its options, and is shared through globalThis', () => {
  // WHEN
  const session = startSession({ strict: true, onlyWorkflow: 'orders' });
  const during = activeSession();
  const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('tributary.synthSession')];
  endSession();

  // THEN
  expect(during).toBe(session);
  expect(shared).toBe(session);
  expect({ strict: session.strict, only: session.onlyWorkflow, roots: session.roots, warnings: session.warnings }).toEqual({ strict: true, only: 'orders', roots: [], warnings: [] });
  expect(activeSession()).toBeUndefined();
});

test('the AWS CDK CLI is recognised by the variables it sets for the app', () => {
  // GIVEN
  const saved = { ...process.env };
  try {
    delete process.env.CDK_CLI_ASM_VERSION;
    delete process.env.CDK_CLI_VERSION;
    const outside = underCdkCli();
    process.env.CDK_CLI_VERSION = '2.1148.1';

    // THEN
    expect([outside, underCdkCli()]).toEqual([false, true]);
  } finally {
    process.env = saved;
  }
});
