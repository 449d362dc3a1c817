import * as fs from 'fs';
import * as path from 'path';
import { resolveAppFile } from '../../lib/cli/app-file';
import { UsageError } from '../../lib/cli/exit';
import { tempDir } from '../fixtures';

/** A folder with these files (empty content unless given). */
function folder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

test('the app file is --app, else the script cdk.json runs (not a preloaded module, not the CLI), else bin/app.ts', () => {
  // GIVEN
  const explicit = folder({ 'src/x.ts': '', 'bin/app.ts': '' });
  const cdkJson = folder({ 'cdk.json': JSON.stringify({ app: 'node -r sucrase/register/ts.js --require ./setup.js src/main.ts' }), 'src/main.ts': '' });
  const viaCli = folder({ 'cdk.json': JSON.stringify({ app: 'npx tributary synth' }), 'bin/app.ts': '' });
  const plain = folder({ 'bin/app.ts': '' });

  // THEN
  expect(resolveAppFile(explicit, 'src/x.ts')).toBe(path.join(explicit, 'src', 'x.ts'));
  expect(resolveAppFile(cdkJson)).toBe(path.join(cdkJson, 'src', 'main.ts'));
  expect(resolveAppFile(viaCli)).toBe(path.join(viaCli, 'bin', 'app.ts'));
  expect(resolveAppFile(plain)).toBe(path.join(plain, 'bin', 'app.ts'));
});

test('a missing app file is a usage error naming it', () => {
  // GIVEN
  const dir = folder({});

  // THEN
  expect(() => resolveAppFile(dir)).toThrow(UsageError);
  expect(() => resolveAppFile(dir)).toThrow('app file bin/app.ts not found');
});
