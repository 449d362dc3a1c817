import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as tributary from '../../lib';
import { typeCheckVirtualFiles } from '../support/typecheck';

/*
 * Every TypeScript block of README.md and docs/*.md is checked against lib/ as it is, by its info string:
 *
 *   ```ts                    a whole module: type-checked as it is, and run (unless it is a jest test)
 *   ```ts setup              the preamble of fragments (one, in docs/dsl.md): type-checked and run
 *   ```ts fragment           the preamble, then the block: type-checked, and run with no error diagnostic
 *   ```ts excerpt <file>     lines of <file> (a file `npm test` type-checks), found there verbatim
 *   ```ts nocompile          not checked; at most two in all the docs
 *
 * docs/errors.md is left to test/docs/errors-doc.test.ts, which runs its examples, and docs/api.md is
 * generated (test/bin/api-docs.test.ts).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]
  .filter((doc) => doc !== 'docs/errors.md' && doc !== 'docs/api.md');

interface Block {
  /** `<doc>:<line>` of the opening fence. */
  readonly where: string;
  readonly kind: 'module' | 'setup' | 'fragment' | 'excerpt' | 'nocompile';
  readonly code: string;
  /** The file an excerpt comes from. */
  readonly file?: string;
}

function blocksOf(doc: string): Block[] {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf-8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^```(ts|typescript|tsx)\b([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const where = `${doc}:${text.slice(0, match.index).split('\n').length}`;
    const [word, file] = match[2].trim().split(/\s+/);
    const kind = word === '' || word === undefined ? 'module' : word;
    if (!['module', 'setup', 'fragment', 'excerpt', 'nocompile'].includes(kind)) throw new Error(`${where}: unknown block kind '${kind}'`);
    blocks.push({ where, kind: kind as Block['kind'], code: match[3], file });
  }
  return blocks;
}

const BLOCKS = DOCS.flatMap(blocksOf);
// Cost: about 10 s, most of it type-checking lib/ and aws-cdk-lib's declarations once, for all blocks.
const SETUPS = BLOCKS.filter((b) => b.kind === 'setup');

/** The module specifier → imported names of a source, and the source without its imports. */
function splitImports(code: string): { imports: Map<string, Set<string>>; body: string } {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true);
  const imports = new Map<string, Set<string>>();
  let body = code;
  for (const statement of [...file.statements].reverse()) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.name) {
      throw new Error(`only named imports can be merged with the setup: ${statement.getText()}`);
    }
    const module = (statement.moduleSpecifier as ts.StringLiteral).text;
    const names = imports.get(module) ?? new Set<string>();
    for (const element of bindings.elements) names.add(element.getText());
    imports.set(module, names);
    body = body.slice(0, statement.getFullStart()) + body.slice(statement.getEnd());
  }
  return { imports, body };
}

/** The setup, then the fragment, as one module: the imports of both merged. */
function withSetup(fragment: string): string {
  const setup = splitImports(SETUPS[0].code);
  const own = splitImports(fragment);
  for (const [module, names] of own.imports) {
    const merged = setup.imports.get(module) ?? new Set<string>();
    names.forEach((n) => merged.add(n));
    setup.imports.set(module, merged);
  }
  const imports = [...setup.imports].map(([module, names]) => `import { ${[...names].sort().join(', ')} } from '${module}';`);
  return `${imports.join('\n')}\n${setup.body.trim()}\n\n// ---- the fragment\n${own.body.trim()}\n`;
}

/** What each compiled block is, as a module. */
function moduleOf(block: Block): string {
  return block.kind === 'fragment' ? withSetup(block.code) : block.code;
}

const COMPILED = BLOCKS.filter((b) => b.kind === 'module' || b.kind === 'setup' || b.kind === 'fragment');

/** A virtual path two folders under the root, so that a jest test's `../../lib` resolves as in test/docs/. */
function virtualPath(block: Block): string {
  return path.join(ROOT, 'doc-blocks', block.where.replace(/[/.:]/g, '_'), 'block.ts');
}

function isJestTest(code: string): boolean {
  return /^\s*(test|it|describe)\(/m.test(code);
}

/** Run a module as bin/app.ts would, with 'tributary' resolved to lib/. */
function run(code: string): Record<string, unknown> {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const requireModule = (name: string) => (name === 'tributary' ? tributary : require(name));
  const exports: Record<string, unknown> = {};
  new Function('exports', 'require', 'module', `${js}\n;try { exports.__app = app; } catch { /* no app */ }`)(exports, requireModule, { exports });
  return exports;
}

test('the docs have TypeScript blocks, one setup, and at most two that are not checked', () => {
  // THEN
  expect(BLOCKS.length).toBeGreaterThanOrEqual(10);
  expect(SETUPS.map((b) => b.where)).toEqual([expect.stringMatching(/^docs\/dsl\.md:/)]);
  expect(BLOCKS.filter((b) => b.kind === 'nocompile').length).toBeLessThanOrEqual(2);
});

test('every block that is a module, the setup or a fragment type-checks against lib/, in one program', () => {
  // GIVEN each block as a virtual file, with 'tributary' mapped to lib/index.ts
  const files = new Map(COMPILED.map((b) => [virtualPath(b), moduleOf(b)]));
  const where = new Map(COMPILED.map((b) => [virtualPath(b), b.where]));

  // WHEN
  const problems = typeCheckVirtualFiles(files, ['jest', 'node']).map((p) => `${where.get(p.file) ?? p.file}: ${p.message}`);

  // THEN
  expect(problems).toEqual([]);
});

const RUN = COMPILED.filter((b) => !isJestTest(b.code));

test.each(RUN.map((b) => [b.where, b] as const))('the block at %s runs and its app has no error diagnostic', (_where, block) => {
  // WHEN
  const exports = run(moduleOf(block));

  // THEN whatever app or workflow it builds validates without errors
  const app = exports.__app;
  const workflow = Object.values(exports).find((v) => tributary.Workflow.isWorkflow(v)) as tributary.Workflow | undefined;
  const diagnostics = app ? tributary.Testing.appDiagnostics(app as any) : workflow ? tributary.Testing.diagnostics(workflow) : [];
  expect(diagnostics.filter((d) => d.severity === tributary.DiagnosticSeverity.ERROR).map((d) => `${d.code} ${d.message}`)).toEqual([]);
});

/** Lines without their common indentation. */
function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const EXCERPTS = BLOCKS.filter((b) => b.kind === 'excerpt');

test.each(EXCERPTS.map((b) => [b.where, b] as const))('the excerpt at %s is in its file, verbatim, and tsc checks that file', (_where, block) => {
  // GIVEN the file the block names, which tsconfig.dev.json includes (so `npm test` type-checks it)
  expect(block.file).toMatch(/^(bin|lib|examples|test)\/.+\.ts$/);
  const file = fs.readFileSync(path.join(ROOT, block.file!), 'utf-8');

  // THEN the block is a run of consecutive lines of it, indentation aside
  const lines = file.split('\n');
  const wanted = dedent(block.code).split('\n');
  const found = lines.some((_, start) => start + wanted.length <= lines.length
    && dedent(lines.slice(start, start + wanted.length).join('\n')) === wanted.join('\n'));
  expect([block.where, found]).toEqual([block.where, true]);
});
