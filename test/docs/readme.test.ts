import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');

test('the README workflow example is examples/quickstart.ts, character for character', () => {
  // GIVEN the example file, which `npm test` type-checks
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'quickstart.ts'), 'utf-8');
  // THEN the README shows exactly that code
  expect(readme).toContain('```ts\n' + example + '```');
});

test('the README testing example is test/docs/quickstart.test.ts, which jest runs', () => {
  const example = fs.readFileSync(path.join(ROOT, 'test', 'docs', 'quickstart.test.ts'), 'utf-8');
  expect(readme).toContain('```ts\n' + example + '```');
});

test('the README quickstart is the two commands CI runs', () => {
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf-8');
  expect(readme).toContain('npm ci && npm run synth');
  expect(readme).toContain('npm test ');
  expect(ci).toMatch(/^npm ci && npm run synth$/m);
  expect(ci).toMatch(/^npm test$/m);
});

test('the quickstart example, run as the README says (`npx tributary synth` in its project), writes its graph to cdk.out/', () => {
  // GIVEN the example as a project's bin/app.ts (importing this checkout's library)
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-readme-'));
  try {
    fs.mkdirSync(path.join(project, 'bin'));
    fs.writeFileSync(path.join(project, 'bin', 'app.ts'), fs.readFileSync(path.join(ROOT, 'examples', 'quickstart.ts'), 'utf-8')
      .replace("from 'tributary'", `from ${JSON.stringify(path.join(ROOT, 'lib'))}`));

    // WHEN
    const result = cli(['synth'], project);

    // THEN its workflow's graph is written where the comment says, with the audit edge the comment promises
    expect(result).toEqual({ status: 0, stdout: 'Synthesized 1 workflow to cdk.out/tributary/: daily_orders\n', stderr: '' });
    const graph = JSON.parse(fs.readFileSync(path.join(project, 'cdk.out', 'tributary', 'daily_orders', 'graph.json'), 'utf-8'));
    expect(graph.edges).toContainEqual({ from: 'orders_quality', kind: 'audit', to: 'load_orders' });
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

test('the README error report is what Tributary prints for those two mistakes in the quickstart', () => {
  // GIVEN the quickstart with a full daily read of the 12 TiB table and a misspelt merge key
  const source = fs.readFileSync(path.join(ROOT, 'examples', 'quickstart.ts'), 'utf-8')
    .replace("IngestMode.incremental({ cursorColumn: 'updated_at' })", 'IngestMode.fullTable()')
    .replace("WriteMode.merge(['order_id'])", "WriteMode.merge(['order_key'])")
    .replace("from 'tributary'", `from ${JSON.stringify(path.join(ROOT, 'lib'))}`)
    .replace("from 'aws-cdk-lib/core'", `from ${JSON.stringify(require.resolve('aws-cdk-lib/core'))}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-readme-')), 'quickstart-with-errors.ts');
  fs.writeFileSync(file, source);
  let report = '';
  try {
    // WHEN it is validated
    jest.isolateModules(() => {
      const { Testing } = require('../../lib');
      const { workflow } = require(file);
      report = Testing.diagnostics(workflow).map((d: { severity: string; code: string; location: string; message: string; fix: string }) =>
        `bin/app.ts:${d.location.split(':').slice(-2).join(':')}: ${d.severity} ${d.code} ${d.message}\n  fix: ${d.fix}`).join('\n');
    });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  // THEN every location, message and fix the README shows is the real one, and there is no other
  const shown = readme.slice(readme.indexOf('## Errors at synth'), readme.indexOf('Tributary found 2 errors, 0 warnings; nothing was written.'));
  const lines = report.split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(shown).toContain(line);
});
