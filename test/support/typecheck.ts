import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** A type error of a virtual file. */
export interface TypeProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * Type-check source texts that exist only in memory (`{ absolute path: text }`), strictly, with the
 * module 'tributary' mapped to lib/index.ts, as a user's project sees the library. `types` are the
 * `@types` packages they may use (none: a user's app file; jest and node: a test's).
 */
export function typeCheckVirtualFiles(files: ReadonlyMap<string, string>, types: string[] = []): TypeProblem[] {
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, types, lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    paths: { tributary: [path.join(ROOT, 'lib', 'index.ts')] }, ignoreDeprecations: '6.0', typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => files.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, onError) => files.has(file)
    ? ts.createSourceFile(file, files.get(file)!, language, true)
    : getSourceFile(file, language, onError);
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].flatMap((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)))
    .map((d) => ({ file: d.file?.fileName ?? '', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}
