import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a build of the package reads from the checkout: package.json's files and their sources. */
export const PACKAGE_SOURCES = ['package.json', 'tsconfig.json', 'README.md', 'lib', 'docs', 'templates', 'scripts', 'LICENSE'];

/** Whether a file under the checkout is a build output rather than a source (templates keep their .js and .d.ts). */
export function isBuildOutput(file: string): boolean {
  return /\.(js|d\.ts|tsbuildinfo)$/.test(file) && !file.includes(`${path.sep}templates${path.sep}`);
}

/**
 * A copy of the package's sources (and `extra` paths of the checkout), with this checkout's
 * node_modules, to build and pack without writing into the checkout.
 */
export function stagingCopy(extra: string[] = []): string {
  const staging = tempDir('tributary-staging-');
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const entry of [...PACKAGE_SOURCES, ...extra]) {
    if (!fs.existsSync(path.join(ROOT, entry))) continue;
    fs.mkdirSync(path.dirname(path.join(staging, entry)), { recursive: true });
    // Sources only: the build compiles them.
    fs.cpSync(path.join(ROOT, entry), path.join(staging, entry), { recursive: true, filter: (src) => !isBuildOutput(src) });
  }
  if (JSON.stringify(own.bundledDependencies) !== JSON.stringify(['aws-local-stepfunctions', 'commander', 'sucrase'])) {
    throw new Error(`bundledDependencies changed (${JSON.stringify(own.bundledDependencies)}): check what the staged package copies`);
  }
  linkDependencies(staging, bundledClosure(own.bundledDependencies));
  return staging;
}

/** The top-level packages (`name` or `@scope/name`) that the bundled dependencies need, with what they need in turn. */
function bundledClosure(roots: string[]): Set<string> {
  const topLevel = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    // Node's resolution: the nearest node_modules/<name> from the requiring package up to the root.
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) {
        if (seen.has(candidate)) return;
        seen.add(candidate);
        if (dir === ROOT) topLevel.add(name);
        const pkg = JSON.parse(fs.readFileSync(path.join(candidate, 'package.json'), 'utf8'));
        for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, candidate);
        return;
      }
      if (dir === ROOT) throw new Error(`${name}, needed by ${from}, is not installed`);
    }
  };
  for (const name of roots) visit(name, ROOT);
  return topLevel;
}

/**
 * staging/node_modules: the bundled packages copied (npm pack reads their files, nested ones too, from
 * real folders), every other package a link to this checkout's (for jsii's compile).
 */
function linkDependencies(staging: string, copied: Set<string>): void {
  const source = path.join(ROOT, 'node_modules');
  const target = path.join(staging, 'node_modules');
  fs.mkdirSync(target);
  for (const entry of fs.readdirSync(source)) {
    const names = entry.startsWith('@') ? fs.readdirSync(path.join(source, entry)).map((n) => `${entry}/${n}`) : [entry];
    if (entry.startsWith('@')) fs.mkdirSync(path.join(target, entry));
    for (const name of names) {
      if (copied.has(name)) fs.cpSync(path.join(source, name), path.join(target, name), { recursive: true, dereference: true });
      else fs.symlinkSync(path.join(source, name), path.join(target, name), 'dir');
    }
  }
}
