import * as fs from 'fs';
import { transform } from 'sucrase';

let registered = false;

/**
 * Run `.ts` files through sucrase when they are required: types are stripped and imports become
 * CommonJS, line for line, with no type-checking (the project's own `tsc` and tests do that).
 * Source maps are on, so stack traces and the construct locations in diagnostics name the
 * user's file, line and column. Pure JavaScript: nothing to download or build per platform, and no
 * cache folder written anywhere.
 */
export function registerTypeScript(): void {
  if (registered) return;
  registered = true;
  process.setSourceMapsEnabled(true);
  const extensions = require.extensions as Record<string, (module: NodeModule, filename: string) => void>;
  extensions['.ts'] = (module, filename) => {
    const { code, sourceMap } = transform(fs.readFileSync(filename, 'utf8'), {
      transforms: ['typescript', 'imports'],
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
    });
    const map = Buffer.from(JSON.stringify({ ...sourceMap, sources: [filename] })).toString('base64');
    (module as unknown as { _compile(code: string, filename: string): void })._compile(
      `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}`, filename);
  };
}
