import * as fs from 'fs';
import { API_DOC, renderApiDoc, staleAssembly } from '../../bin/api-docs';

// Cost: about 7 s (jsii-docgen reads the assembly of aws-cdk-lib as well as this one's).
test('docs/api.md is what jsii-docgen renders from the assembly of lib/ as it is now', async () => {
  // GIVEN a .jsii built from lib/ as it is (.ci/run runs `npm run build` before `npm test`)
  const stale = staleAssembly();
  if (stale !== undefined) throw new Error(`${stale}; then, if docs/api.md changes, \`npm run docs:api\` and commit it`);

  // WHEN the reference is rendered again
  const rendered = await renderApiDoc();

  // THEN the committed file is that text, character for character
  const committed = fs.readFileSync(API_DOC, 'utf-8');
  if (committed !== rendered) throw new Error('docs/api.md is out of date with lib/: run `npm run docs:api` and commit it');
  expect(committed).toContain('### Workflow');
}, 60_000);
