import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { ExitCode, UsageError } from './exit';

/** This package's folder: its package.json and templates/ ship with it. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** Options of `tributary init`. */
export interface InitOptions {
  /** What the new project's package.json asks for as `tributary` (a version range, or a tarball path). */
  readonly tributary?: string;
}

/**
 * `tributary init <dir>`: a new project in an empty or absent folder — package.json, tsconfig.json,
 * cdk.json, bin/app.ts with one small workflow in lib/, and its snapshot test — whose `npm test`
 * and `npx tributary synth` pass as soon as `npm install` has run.
 */
export function init(cwd: string, dir: string, options: InitOptions): ExitCode {
  const target = path.resolve(cwd, dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new UsageError(`${dir} is not empty; init writes a new project into an empty or absent folder`);
  }
  const own = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const name = path.basename(target).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'workflows';
  const pinned = (pkg: string): string => {
    const version = own.devDependencies?.[pkg] ?? own.peerDependencies?.[pkg];
    if (!version) throw new Error(`package.json of tributary has no version of ${pkg}`);
    return version;
  };
  const files: Record<string, string> = {};
  const templates = path.join(PACKAGE_ROOT, 'templates', 'app');
  for (const file of walk(templates)) {
    const content = fs.readFileSync(path.join(templates, file), 'utf8').replace(/\{\{name\}\}/g, name);
    files[file === 'gitignore' ? '.gitignore' : file] = content;
  }
  const tributary = options.tributary === undefined ? `^${own.version}`
    : fs.existsSync(path.resolve(cwd, options.tributary)) ? `file:${path.resolve(cwd, options.tributary)}` : options.tributary;
  files['package.json'] = `${JSON.stringify({
    name,
    version: '0.1.0',
    private: true,
    scripts: { test: 'tsc --noEmit && jest', synth: 'tributary synth', validate: 'tributary validate', watch: 'tributary watch' },
    engines: own.engines,
    dependencies: { 'aws-cdk-lib': pinned('aws-cdk-lib'), 'constructs': pinned('constructs'), tributary },
    devDependencies: Object.fromEntries(['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript'].map((p) => [p, pinned(p)])),
  }, undefined, 2)}\n`;
  for (const [file, content] of Object.entries(files)) {
    const dest = path.join(target, ...file.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content);
  }
  const shown = path.relative(cwd, target) || '.';
  process.stdout.write([
    `Created ${shown}/ (${Object.keys(files).sort().join(', ')}).`,
    'Next:',
    `  cd ${shown}`,
    '  npm install',
    '  npm test && npx tributary synth',
    '',
  ].join('\n'));
  return ExitCode.OK;
}

/** Every file under `dir`, relative with `/`, sorted. */
function walk(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('init')
    .description('create a new project: package.json, tsconfig.json, cdk.json, bin/app.ts with one workflow, and its snapshot test')
    .argument('<dir>', 'the folder to create (empty or absent)')
    .option('--tributary <spec>', 'what the project depends on as tributary: a version range or a packed .tgz (default: ^ this version)')
    .action((dir: string, options: InitOptions) => done(init(process.cwd(), dir, options)));
}
