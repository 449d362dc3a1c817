/**
 * The Python bindings, as a Python user gets them: build the package (python/build-package.sh: jsii,
 * jsii-pacmak, wheel), install it into a temporary folder on top of the project's Python environment,
 * synthesize examples/python, compare every artifact under tributary/ and the CloudFormation template
 * with those of the TypeScript app (bin/app.ts) byte for byte, and run the example's own pytest suite.
 *
 * Cost on 2 cores: about 40 s when the package must be built (jsii ~15 s, jsii-pacmak ~10 s, wheel
 * ~5 s, in a staging copy of the sources), which happens once per change of its inputs: the wheel is
 * kept in node_modules/.cache/tributary-python/<hash of the inputs>/. Then about 25 s: the two syntheses
 * (Python ~7 s, TypeScript ~2 s, in this process) and pytest (~6 s). A developer may skip it locally with
 * TRIBUTARY_SKIP_PYTHON=1; .ci/run never sets it.
 */
import { createHash } from 'crypto';
import { SpawnSyncOptions, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readTree, tempDir } from '../fixtures';
import { pythonEnv } from '../support/python';
import { PACKAGE_SOURCES, isBuildOutput, stagingCopy } from '../support/staging';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = process.env.TRIBUTARY_SKIP_PYTHON === '1';
const EXAMPLE = path.join(ROOT, 'examples', 'python');
/** What python/build-package.sh reads besides the package's sources. */
const BUILD_INPUTS = ['python/build-package.sh', 'python/ensure-venv.sh', 'python/requirements.txt', 'package-lock.json'];

if (SKIP) {
  process.stderr.write([
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! TRIBUTARY_SKIP_PYTHON=1: the test of the Python bindings was SKIPPED.     !!',
    '!! The Python package, examples/python and its pytest suite were NOT checked.!!',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n'));
}

/** The environment of the processes started here: jsii's banner about this Node.js major version is said once, not on every run. */
const NODE_MAJOR = process.versions.node.split('.')[0];
const ENV = {
  ...process.env,
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: NODE_MAJOR,
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: NODE_MAJOR,
};

/** Run a command; fail with its output if it fails. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { env: ENV, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output.slice(-6000)}`);
  return output;
}

/** A hash of every file the package build reads: the package's sources, the build script, the Python environment, the locked tools. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const full = path.join(ROOT, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) {
        if (!isBuildOutput(path.join(full, entry))) add(path.join(relative, entry));
      }
      return;
    }
    hash.update(`${relative}\0${fs.readFileSync(full).length}\0`).update(fs.readFileSync(full));
  };
  for (const entry of [...PACKAGE_SOURCES, ...BUILD_INPUTS]) add(entry);
  return hash.digest('hex').slice(0, 16);
}

/** The wheel of this checkout, from the cache or built by python/build-package.sh in a staging copy. */
function tributaryWheel(python: string): string {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'tributary-python', inputsHash());
  const wheelIn = (dir: string) => fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.whl')).map((f) => path.join(dir, f)) : [];
  if (wheelIn(cache).length === 0) {
    const staging = stagingCopy(BUILD_INPUTS.filter((f) => f.startsWith('python/')));
    // Built next to the cache entry and renamed into it (same file system), so that an interrupted build never leaves a partial entry.
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    const built = fs.mkdtempSync(`${cache}.building-`);
    try {
      run('bash', [path.join(staging, 'python', 'build-package.sh'), built], { cwd: staging, env: { ...ENV, TRIBUTARY_PYTHON: python } });
      fs.renameSync(built, cache);
    } finally {
      fs.rmSync(built, { recursive: true, force: true });
    }
  }
  // Entries of earlier inputs are not used again: keep the cache at one wheel.
  for (const entry of fs.readdirSync(path.dirname(cache))) {
    if (entry !== path.basename(cache) && !entry.includes('.building-')) fs.rmSync(path.join(path.dirname(cache), entry), { recursive: true, force: true });
  }
  const wheels = wheelIn(cache);
  expect(wheels.map((w) => path.basename(w))).toEqual(['tributary-0.1.0-py3-none-any.whl']);
  return wheels[0];
}

/**
 * Run bin/app.ts in this process, writing into `outdir`. Jest resolves the library to its TypeScript
 * sources, as the wheel was built from them; a separate node process would load lib/*.js, which may be
 * older than the sources until `npm run build` runs again.
 */
function synthesizeTypeScriptApp(outdir: string): void {
  const before = process.env.CDK_OUTDIR;
  process.env.CDK_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require('../../bin/app'));
  } finally {
    if (before === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = before;
  }
}

/** `{ path: content }` of the artifacts compared: the template and everything under tributary/. */
function artifacts(outdir: string): Record<string, string> {
  const tree = readTree(outdir);
  return Object.fromEntries(Object.entries(tree).filter(([file]) => file === 'DataPlatform.template.json' || file.startsWith('tributary/')));
}

(SKIP ? describe.skip : describe)('the Python bindings', () => {
  let python: string;
  let site: string;
  let wheel: string;

  beforeAll(() => {
    python = pythonEnv().python;
    wheel = tributaryWheel(python);
    // The package goes into a folder of its own on PYTHONPATH: the shared environment stays as
    // python/requirements.txt makes it. --no-deps: its dependencies are that environment's.
    site = tempDir('tributary-site-');
    run(python, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', '--disable-pip-version-check', '--target', site, wheel]);
  }, 600_000);

  const pythonEnvVars = () => ({ ...ENV, PYTHONPATH: site, PYTHONDONTWRITEBYTECODE: '1' });

  test('the Python example synthesizes the same bytes as the TypeScript reference platform: every artifact under tributary/ and the template', () => {
    // GIVEN two output folders
    const fromPython = tempDir('tributary-py-out-');
    const fromTypeScript = tempDir('tributary-ts-out-');

    // WHEN examples/python/app.py and bin/app.ts synthesize into them
    run(python, [path.join(EXAMPLE, 'app.py'), fromPython], { cwd: EXAMPLE, env: pythonEnvVars() });
    synthesizeTypeScriptApp(fromTypeScript);

    // THEN the same files are written, with the same bytes: three workflows, every target, and the template
    const py = artifacts(fromPython);
    const ts = artifacts(fromTypeScript);
    expect(Object.keys(py)).toEqual(Object.keys(ts));
    expect(Object.keys(ts)).toContain('DataPlatform.template.json');
    expect(new Set(Object.keys(ts).map((f) => f.split('/')[1]).filter(Boolean))).toEqual(new Set(['commerce', 'clickstream', 'customer360']));
    for (const file of Object.keys(ts)) {
      if (py[file] !== ts[file]) expect({ file, content: py[file] }).toEqual({ file, content: ts[file] });
    }
    // ... and the workflows of both are built from the same nodes
    const graphs = Object.keys(ts).filter((f) => f.endsWith('/graph.json')).map((f) => JSON.parse(py[f]).nodes.length);
    expect(graphs.reduce((a, b) => a + b, 0)).toBe(Object.keys(ts).filter((f) => f.endsWith('/graph.json')).map((f) => JSON.parse(ts[f]).nodes.length).reduce((a, b) => a + b, 0));
  }, 300_000);

  test("the example's own pytest suite passes: its snapshots, and wrong values refused as a Python caller sees them", () => {
    // GIVEN the example's tests, WHEN pytest runs them with the package installed (as CI would: no snapshot is written)
    const output = run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: EXAMPLE, env: pythonEnvVars() });

    // THEN all pass, and none was skipped
    expect(output).toMatch(/\b\d+ passed\b/);
    expect(output).toMatch(/\d+ snapshots passed/);
    expect(output).not.toMatch(/failed|skipped|error/i);
  }, 300_000);

  test('the package is reproducible: the wheel and the source archive hold no build time, owner or umask', () => {
    // GIVEN the wheel and the source archive python/build-package.sh wrote
    const archive = wheel.replace(/-py3-none-any\.whl$/, '.tar.gz');
    expect(fs.existsSync(archive)).toBe(true);

    // WHEN their entries' metadata are read with Python's own zipfile, tarfile and gzip header
    const summary = JSON.parse(run(python, ['-c', [
      'import json, sys, tarfile, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      't = tarfile.open(sys.argv[2])',
      'members = t.getmembers()',
      'head = open(sys.argv[2], "rb").read(10)',
      'print(json.dumps({',
      '  "zipTimes": sorted({"%04d-%02d-%02d %02d:%02d:%02d" % i.date_time for i in z.infolist()}),',
      '  "zipModesOtherThan644": {i.filename: oct(i.external_attr >> 16 & 0o777) for i in z.infolist() if i.external_attr >> 16 & 0o777 != 0o644},',
      '  "tarTimes": sorted({m.mtime for m in members}),',
      '  "tarOwners": sorted({"%d:%d:%s:%s" % (m.uid, m.gid, m.uname, m.gname) for m in members}),',
      '  "tarModes": sorted({oct(m.mode) for m in members}),',
      '  "tarSorted": [m.name for m in members] == sorted(m.name for m in members),',
      '  "tarFiles": sum(1 for m in members if m.isfile()),',
      '  "gzipTime": int.from_bytes(head[4:8], "little"),',
      '}))',
    ].join('\n'), wheel, archive]));

    // THEN every timestamp is SOURCE_DATE_EPOCH's default (1980-01-01), owners are empty, entries are sorted, and
    // modes do not follow the umask: 644, but the console script (755) and the RECORD that `wheel` writes itself (664)
    expect(summary).toEqual({
      zipTimes: ['1980-01-01 00:00:00'],
      zipModesOtherThan644: { 'tributary-0.1.0.data/scripts/tributary': '0o755', 'tributary-0.1.0.dist-info/RECORD': '0o664' },
      tarTimes: [315532800],
      tarOwners: ['0:0::'],
      tarModes: ['0o644', '0o755'],
      tarSorted: true,
      tarFiles: expect.any(Number),
      gzipTime: 315532800,
    });
    expect(summary.tarFiles).toBeGreaterThan(5);
  });
});
