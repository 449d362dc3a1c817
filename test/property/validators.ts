import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pythonEnv } from '../support/python';

/**
 * The validators every synthesized artifact must pass, keyed by path pattern: the one list a new
 * target extends (an Airflow DAG checked by DagBag, a state machine by asl-validator, an EMR spec by
 * its schema). A validator opens a session, takes contents as they are produced, and answers for all
 * of them at the end, so that one that runs in another process (Mermaid, Python) starts once per run
 * and works while the cases are still being generated.
 */
export interface ArtifactValidator {
  /** Which artifact paths (relative to `tributary/<workflow_id>/`) it checks. */
  readonly pattern: RegExp;
  /** What it is, for messages. */
  readonly name: string;
  /** Start a session. */
  open(): ValidationSession;
}

/** One run of a validator. */
export interface ValidationSession {
  /** Check this content (answered by `close`). */
  push(content: string): void;
  /** For each pushed content, in order: undefined when valid, or the problem. */
  close(): Promise<Array<string | undefined>>;
}

/** Text that must never reach an artifact: an unresolved CDK token, or a value JavaScript printed by accident. */
const LEAKS = /\$\{Token\[|\[object Object\]|\bNaN\b|\bundefined\b|\bInfinity\b/;

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  return typeof value === 'object' && Object.values(value as object).some(hasNull);
}

/** A session that checks each content at once, in this process. */
function inProcess(check: (content: string) => string | undefined): ValidationSession {
  const results: Array<string | undefined> = [];
  return { push: (content) => results.push(check(content)), close: async () => results };
}

/**
 * A session answered by a script (a Node script, or `command` running it) that reads one JSON string
 * per line and writes one JSON result per line.
 */
function childProcess(script: string, command: string = process.execPath): ValidationSession {
  let child: ChildProcess | undefined;
  let out = '';
  let err = '';
  const done = new Promise<number>((resolve, reject) => {
    child = spawn(command, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf-8').on('data', (d: string) => { out += d; });
    child.stderr!.setEncoding('utf-8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  let count = 0;
  return {
    push: (content) => {
      count++;
      child!.stdin!.write(`${JSON.stringify(content)}\n`);
    },
    close: async () => {
      child!.stdin!.end();
      if ((await done) !== 0) throw new Error(`${path.basename(script)} failed: ${err}`);
      const results = out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as string | null);
      if (results.length !== count) throw new Error(`${path.basename(script)} answered ${results.length} of ${count}: ${err}`);
      return results.map((r) => r ?? undefined);
    },
  };
}

export const VALIDATORS: readonly ArtifactValidator[] = [
  {
    // (Step Functions definitions hold nulls where ASL means "discard", `"ResultPath": null`.)
    pattern: /(?<!\.asl)\.json$/,
    name: 'JSON.parse, no null, no leaked token or JavaScript value',
    open: () => inProcess((text) => {
      try {
        if (hasNull(JSON.parse(text))) return 'contains null';
      } catch (e) {
        return `not JSON: ${(e as Error).message}`;
      }
      return LEAKS.test(text) ? `leaks ${LEAKS.exec(text)![0]}` : undefined;
    }),
  },
  {
    pattern: /\.mmd$/,
    name: "Mermaid's own parser (mermaid.parse), no directive applied",
    open: () => withLeakCheck(childProcess(path.join(__dirname, 'mermaid-check.mjs'))),
  },
  {
    pattern: /\.asl\.json$/,
    name: 'asl-validator (paths and ARNs checked), no leaked token or JavaScript value',
    open: () => withLeakCheck(childProcess(path.join(__dirname, 'asl-check.js'))),
  },
  {
    pattern: /^airflow\/[^/]+\.py$/,
    name: "Python's own compiler (ast.parse, compile), nothing but imports, literals and operator calls",
    open: () => withLeakCheck(childProcess(path.join(__dirname, 'python-check.py'), pythonEnv().python)),
  },
];

/** A session that also refuses text that leaks a token or a JavaScript value. */
function withLeakCheck(session: ValidationSession): ValidationSession {
  const leaks: Array<string | undefined> = [];
  return {
    push: (text) => {
      leaks.push(LEAKS.test(text) ? `leaks ${LEAKS.exec(text)![0]}` : undefined);
      session.push(text);
    },
    close: async () => (await session.close()).map((problem, i) => problem ?? leaks[i]),
  };
}

/**
 * Validates artifacts as they are produced: `add` each one; `problems` answers for all of them.
 * An artifact no validator covers is a problem too.
 */
export class ArtifactChecks {
  private readonly sessions = VALIDATORS.map((v) => ({ validator: v, session: v.open(), paths: [] as string[], texts: [] as string[] }));
  private readonly uncovered: string[] = [];
  private seen = new Set<string>();

  /** Check one artifact (an identical content of the same path is checked once). */
  public add(path: string, content: string): void {
    const key = `${path}\u0000${content}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const mine = this.sessions.filter((s) => s.validator.pattern.test(path));
    if (mine.length === 0) this.uncovered.push(`${path}: no validator covers this artifact`);
    for (const s of mine) {
      s.session.push(content);
      s.paths.push(path);
      s.texts.push(content);
    }
  }

  /** Every refused artifact, with its validator's reason and the start of its text. */
  public async problems(): Promise<string[]> {
    const found = [...this.uncovered];
    for (const s of this.sessions) {
      (await s.session.close()).forEach((problem, i) => {
        if (problem !== undefined) found.push(`${s.paths[i]} (${s.validator.name}): ${problem}\n${s.texts[i].slice(0, 2000)}`);
      });
    }
    return found;
  }

  /** How many distinct artifacts were checked. */
  public get count(): number {
    return this.seen.size;
  }
}
