import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './exit';

/**
 * The app file to run: `--app`, else the `.ts`/`.js` file named in cdk.json's `app` command,
 * else `bin/app.ts`. Throws UsageError when it does not exist.
 */
export function resolveAppFile(cwd: string, app?: string): string {
  let file = app;
  if (!file) {
    const cdkJson = path.join(cwd, 'cdk.json');
    if (fs.existsSync(cdkJson)) {
      const command = String(JSON.parse(fs.readFileSync(cdkJson, 'utf8')).app ?? '');
      const tokens = command.split(/\s+/);
      // The last script named, not a preloaded module (`-r x.js`) nor this CLI itself.
      file = tokens.filter((t, i) => /\.(ts|js|cjs)$/.test(t) && !/^(-r|--require|--import|-P|--project)$/.test(tokens[i - 1] ?? '')
        && !/(^|\/)(tributary\.(ts|js)|cli\/main\.(ts|js))$/.test(t)).pop();
    }
  }
  file = path.resolve(cwd, file ?? path.join('bin', 'app.ts'));
  if (!fs.existsSync(file)) {
    throw new UsageError(`app file ${path.relative(cwd, file) || file} not found; pass --app <file>, or name it in cdk.json's "app"`);
  }
  return file;
}
