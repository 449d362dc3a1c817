import { formatExpression, intrinsicLiteral, needsFormat, payloadTemplate, placeholderNames } from '../../../lib/targets/stepfunctions/intrinsics';
import { KNOWN_PLACEHOLDERS } from '../../../lib/targets/stepfunctions/states';
import { expectValidAsl, localMachine } from './support';

const DATES = { ds: '2026-11-27', ds_nodash: '20261127', next_ds: '2026-11-28', prev_ds: '2026-11-26' };

/** What Step Functions makes of a payload template, run by aws-local-stepfunctions in a Pass state. */
async function resolve(template: Record<string, unknown>): Promise<unknown> {
  const machine = localMachine(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: template, End: true } } }));
  return machine.run(DATES).result;
}

test('a string with date placeholders becomes States.Format on the input dates', () => {
  expect(formatExpression('x/{{ds}}/{{ds_nodash}}', KNOWN_PLACEHOLDERS)).toBe("States.Format('x/{}/{}', $.ds, $.ds_nodash)");
  expect(formatExpression('{{next_ds}}', KNOWN_PLACEHOLDERS)).toBe('$.next_ds');
});

test("quotes and braces of user text are escaped, our own ${Name} placeholders pass as separate arguments", () => {
  expect(formatExpression("it's {x} ${EmrLogUri}/{{ds}} ${Other}", KNOWN_PLACEHOLDERS)).toBe(
    "States.Format('it\\'s \\{x\\} {}/{} $\\{Other\\}', '${EmrLogUri}', $.ds)",
  );
  expect(intrinsicLiteral("a'b\\c")).toBe("'a\\'b\\\\c'");
});

test('a template with one of our placeholders is valid ASL before substitution and resolves after it', async () => {
  // GIVEN
  const template = payloadTemplate({ LogUri: '${EmrLogUri}/w/{{ds}}/' }, KNOWN_PLACEHOLDERS);
  const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: template, End: true } } });

  // THEN
  expectValidAsl(definition);
  expect(await resolve(template)).toEqual({ LogUri: 's3://bucket/EmrLogUri/w/2026-11-27/' });
});

test('only strings with dates or foreign ${…} text need formatting', () => {
  expect(needsFormat('s3://a/b', KNOWN_PLACEHOLDERS)).toBe(false);
  expect(needsFormat('${EmrLogUri}/x', KNOWN_PLACEHOLDERS)).toBe(false);
  expect(needsFormat('${HOME}/x', KNOWN_PLACEHOLDERS)).toBe(true);
  expect(needsFormat('{{prev_ds}}', KNOWN_PLACEHOLDERS)).toBe(true);
});

test('payload templates resolve to the dates when Step Functions evaluates them', async () => {
  // GIVEN
  const template = payloadTemplate({
    Sql: "DELETE FROM t WHERE ds = '{{ds}}' AND note = '{braces}, commas'",
    Args: ['--ds', '{{ds}}', '--n', 3, '--window', '{{prev_ds}}..{{next_ds}}'],
    Nested: { Key: 'k/{{ds_nodash}}', Plain: 'p' },
    Items: [{ Detail: 'd={{ds}}' }],
  }, KNOWN_PLACEHOLDERS);

  // WHEN
  const out = await resolve(template);

  // THEN
  expect(out).toEqual({
    Sql: "DELETE FROM t WHERE ds = '2026-11-27' AND note = '{braces}, commas'",
    Args: ['--ds', '2026-11-27', '--n', 3, '--window', '2026-11-26..2026-11-28'],
    Nested: { Key: 'k/20261127', Plain: 'p' },
    Items: [{ Detail: 'd=2026-11-27' }],
  });
});

test('placeholder names are listed once each, sorted', () => {
  expect(placeholderNames('${B} ${A} ${B} {{ds}}')).toEqual(['A', 'B']);
});
