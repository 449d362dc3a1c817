/**
 * docs/api.md, the API reference, generated from the jsii assembly (`.jsii`) by jsii-docgen.
 *
 * `npm run docs:api` builds the assembly when it is missing or older than a source under lib/, then
 * writes docs/api.md. test/bin/api-docs.test.ts renders it again and compares it with the committed file;
 * `npm test` first runs this file with `--assembly-only`, which only builds the assembly when it is stale.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Documentation, Language } from 'jsii-docgen';

export const ROOT = path.resolve(__dirname, '..');
export const API_DOC = path.join(ROOT, 'docs', 'api.md');
const ASSEMBLY = path.join(ROOT, '.jsii');

/** The newest modification time of the TypeScript sources under `dir`, declaration files left out. */
function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSource(full));
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? Math.max(newest, fs.statSync(full).mtimeMs) : newest;
  }, 0);
}

/** Why `.jsii` cannot be read as the assembly of lib/ as it is now, or undefined when it can. */
export function staleAssembly(): string | undefined {
  if (!fs.existsSync(ASSEMBLY)) return '.jsii is missing: run `npm run build` (`npm test` does, first, when it is needed)';
  if (fs.statSync(ASSEMBLY).mtimeMs < newestSource(path.join(ROOT, 'lib'))) {
    return '.jsii is older than a source under lib/: run `npm run build` (`npm test` does, first, when it is needed)';
  }
  return undefined;
}

/** The text of docs/api.md: the TypeScript reference of every exported type, from `.jsii`. */
export async function renderApiDoc(): Promise<string> {
  const docs = await Documentation.forProject(ROOT);
  const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true });
  const body = markdown.render().replace(/[ \t]+$/gm, '').trimEnd();
  return '<!-- Generated from the jsii assembly by `npm run docs:api` (jsii-docgen); do not edit. -->\n\n' + body + '\n';
}

/** Build `.jsii` with `npm run build` when it is missing or older than lib/. */
export function ensureAssembly(): void {
  const stale = staleAssembly();
  if (stale === undefined) return;
  console.error(`${stale.split(':')[0]}: building it (npm run build)`);
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
}

async function main(): Promise<void> {
  ensureAssembly();
  // `--assembly-only`: what `npm test` runs first, so that test/bin/api-docs.test.ts reads a fresh assembly.
  if (process.argv.includes('--assembly-only')) return;
  fs.writeFileSync(API_DOC, await renderApiDoc());
  console.log(`Wrote ${path.relative(ROOT, API_DOC)}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
