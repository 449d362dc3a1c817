import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib/core';
import * as ts from 'typescript';
import * as tributary from '../../lib';
import { formatDiagnostic } from '../../lib/validation/format';
import { typeCheckVirtualFiles } from '../support/typecheck';

const ROOT = path.resolve(__dirname, '..', '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf-8');
const CODE = /TRB\d{3}/g;

/** Every TypeScript source file under lib/, declaration files left out. */
function libSources(dir = path.join(ROOT, 'lib')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return libSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const LIB_CODES = [...new Set(libSources().flatMap((file) => fs.readFileSync(file, 'utf-8').match(CODE) ?? []))].sort();

/** The `## TRBnnn` sections of the doc: code → text up to the next `## ` heading. */
const SECTIONS = new Map<string, string>(
  DOC.split(/^(?=## )/m).flatMap((part) => {
    const heading = /^## (TRB\d{3})\n/.exec(part);
    return heading ? [[heading[1], part] as [string, string]] : [];
  }),
);

/** The body of the first fenced block of `info` in `text`. */
function block(text: string, info: string): string | undefined {
  const match = new RegExp('^```' + info + '\\n([\\s\\S]*?)^```$', 'm').exec(text);
  return match?.[1];
}

const SETUP = block(DOC, 'ts setup')!;

/** Source locations differ between bin/app.ts and this test; what must match is the rest. */
function withoutLocations(text: string): string {
  return text.replace(/ \([^()\s]+:\d+:\d+\)/g, ' (<location>)').trimEnd();
}

/** Run the setup and one example as bin/app.ts would, with 'tributary' resolved to lib/. */
function run(example: string): { app?: cdk.App; thrown?: any } {
  const js = ts.transpileModule(`${SETUP}\n${example}\nexports.app = app;\n`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const modules: Record<string, unknown> = { 'tributary': tributary, 'aws-cdk-lib/core': cdk };
  const requireModule = (name: string) => {
    if (!(name in modules)) throw new Error(`an example imports '${name}'; examples import only tributary and aws-cdk-lib/core`);
    return modules[name];
  };
  const exports: { app?: cdk.App } = {};
  try {
    new Function('exports', 'require', js)(exports, requireModule);
  } catch (thrown) {
    return { thrown };
  }
  return { app: exports.app };
}

function diagnosticsOf(app: cdk.App): tributary.Diagnostic[] {
  return tributary.Testing.appDiagnostics(app);
}

test('every code used in lib/ has a section in docs/errors.md', () => {
  // THEN
  expect(LIB_CODES.length).toBeGreaterThanOrEqual(23);
  expect(LIB_CODES.filter((code) => !SECTIONS.has(code))).toEqual([]);
});

test('docs/errors.md names no code that lib/ does not use', () => {
  // GIVEN
  const named = [...new Set(DOC.match(CODE) ?? [])];

  // THEN
  expect(named.filter((code) => !LIB_CODES.includes(code))).toEqual([]);
  expect([...SECTIONS.keys()]).toEqual(LIB_CODES);
});

test('the table of contents links every section, in order, with the severity the section states', () => {
  // GIVEN rows like | [TRB001](#trb001) | error | ... |
  const rows = [...DOC.matchAll(/^\| \[(TRB\d{3})\]\(#(trb\d{3})\) \| (\w+) \|/gm)];

  // THEN
  expect(rows.map((r) => r[1])).toEqual(LIB_CODES);
  for (const [, code, anchor, severity] of rows) {
    expect(anchor).toBe(code.toLowerCase());
    const stated = /Severity: (error|warning), at synth\.|Thrown by the constructor\./.exec(SECTIONS.get(code)!)!;
    expect([code, stated[1] ?? 'thrown']).toEqual([code, severity]);
  }
});

test('every section has a TypeScript example, its output and a fix', () => {
  for (const [code, section] of SECTIONS) {
    expect([code, block(section, 'ts') !== undefined, block(section, 'text') !== undefined, section.includes('**Fix:**')]).toEqual([code, true, true, true]);
  }
});

test('the setup the examples build on is a valid app with no diagnostics at all', () => {
  // WHEN
  const { app, thrown } = run('');

  // THEN
  expect(thrown).toBeUndefined();
  expect(diagnosticsOf(app!)).toEqual([]);
});

const VALIDATION_CODES = LIB_CODES.filter((code) => code < 'TRB100');
const CONSTRUCTION_CODES = LIB_CODES.filter((code) => code >= 'TRB100');

test.each(VALIDATION_CODES)('the %s example gives exactly the diagnostics shown, and no other error', (code) => {
  // GIVEN
  const section = SECTIONS.get(code)!;

  // WHEN
  const { app, thrown } = run(block(section, 'ts')!);

  // THEN
  expect(thrown).toBeUndefined();
  const diagnostics = diagnosticsOf(app!);
  const shown = diagnostics.filter((d) => d.code === code);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((d) => d.location !== undefined)).toBe(true);
  expect(withoutLocations(shown.map(formatDiagnostic).join('\n\n'))).toBe(withoutLocations(block(section, 'text')!));
  expect(diagnostics.filter((d) => d.code !== code && d.severity === tributary.DiagnosticSeverity.ERROR)).toEqual([]);
});

test.each(CONSTRUCTION_CODES)('the %s example throws exactly the error shown', (code) => {
  // GIVEN
  const section = SECTIONS.get(code)!;

  // WHEN
  const { thrown } = run(block(section, 'ts')!);

  // THEN
  expect(tributary.Errors.isTributaryError(thrown)).toBe(true);
  expect(thrown.code).toBe(code);
  expect(thrown.location).toBeDefined();
  expect(withoutLocations(`${thrown.name}: ${thrown.message}`)).toBe(withoutLocations(block(section, 'text')!));
});

test('the examples of the output section are the real outputs of the TRB001, TRB012 and TRB104 examples', () => {
  // GIVEN the blocks under "What the output looks like"
  const overview = DOC.slice(DOC.indexOf('## What the output looks like'), DOC.indexOf('## The examples'));
  const [validation, construction] = [...overview.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => withoutLocations(m[1]));

  // THEN
  const diagnostic = (code: string) => withoutLocations(block(SECTIONS.get(code)!, 'text')!);
  expect(validation).toBe(`ValidationError: Tributary found 2 errors; nothing was written.\n\n${diagnostic('TRB001')}\n\n${diagnostic('TRB012')}`);
  expect(construction).toBe(diagnostic('TRB104'));
});

test('the setup and every example type-check against lib/', () => {
  // GIVEN one virtual bin/app.ts per example, with 'tributary' mapped to lib/index.ts
  const files = new Map<string, string>([[path.join(ROOT, 'docs-examples', 'setup.ts'), SETUP]]);
  for (const [code, section] of SECTIONS) files.set(path.join(ROOT, 'docs-examples', `${code}.ts`), `${SETUP}\n${block(section, 'ts')}\n`);

  // WHEN
  const problems = typeCheckVirtualFiles(files).map((p) => `${path.basename(p.file)}: ${p.message}`);

  // THEN
  expect(problems).toEqual([]);
});
