import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

test('a TypeScript file runs through the transpiler, and its stack traces name its own lines and columns', () => {
  // GIVEN a file with types before the throw on line 4, column 9
  const dir = tempDir();
  const file = path.join(dir, 'app.ts');
  fs.writeFileSync(file, [
    'interface Shape { readonly sides: number }',
    'const square: Shape = { sides: 4 } as Shape;',
    'function fail(s: Shape): never {',
    '  throw new Error(`sides: ${s.sides}`);',
    '}',
    'fail(square);',
  ].join('\n'));

  // WHEN a process registers the transpiler and requires it
  const result = spawnSync(process.execPath, ['-r', 'sucrase/register/ts', '-e',
    `require(${JSON.stringify(path.join(ROOT, 'lib', 'cli', 'transpile.ts'))}).registerTypeScript(); require(${JSON.stringify(file)});`,
  ], { cwd: ROOT, encoding: 'utf8' });

  // THEN it ran (the error is its own) and the frame is the TypeScript line and column
  expect(result.stderr).toContain('Error: sides: 4');
  expect(result.stderr).toContain(`${file}:4:9`);
});
