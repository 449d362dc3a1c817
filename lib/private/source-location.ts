import * as path from 'path';

/** The library's own folder: frames inside it are never the user's code. */
const LIBRARY_ROOT = path.resolve(__dirname, '..');

/**
 * The `file:line:column` of the first stack frame outside this library and outside
 * `node_modules`, relative to the working directory: where the user created a construct.
 */
export function captureSourceLocation(): string | undefined {
  // Look at the nearest frames first (most calls come from the user's code a few frames up).
  return locationIn(8) ?? locationIn(40);
}

function locationIn(frames: number): string | undefined {
  const callSites = rawCallSites(frames);
  if (callSites === undefined) return undefined;
  for (const callSite of callSites) {
    // Frames of the library, of node_modules and of node itself are skipped by their file alone;
    // only a candidate frame is formatted (and, under ts-node or jest, source-mapped), which is the
    // costly part of a stack trace.
    const raw = callSite.getFileName();
    if (typeof raw === 'string' && (raw.startsWith('node:') || isSkipped(raw))) continue;
    const line = formatCallSite(callSite);
    const match = /\(?((?:[A-Za-z]:)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const file = match[1];
    if (file.startsWith('node:') || !path.isAbsolute(file)) continue;
    if (isSkipped(file)) continue;
    const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
    return `${relative}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

function isSkipped(file: string): boolean {
  return path.isAbsolute(file) && (file.startsWith(LIBRARY_ROOT + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`));
}

/** The structured frames of the caller's stack, unformatted. */
function rawCallSites(frames: number): NodeJS.CallSite[] | undefined {
  const holder: { stack?: unknown } = {};
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  try {
    Error.stackTraceLimit = frames;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.captureStackTrace(holder, captureSourceLocation);
    const stack = holder.stack;
    return Array.isArray(stack) ? stack as NodeJS.CallSite[] : undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** One frame as a stack trace line, formatted by the stack trace formatter in force (a source map's, if installed). */
function formatCallSite(callSite: NodeJS.CallSite): string {
  const prepare = Error.prepareStackTrace;
  if (!prepare) return `    at ${callSite}`;
  const text = String(prepare({ name: 'Error', message: '' } as Error, [callSite]));
  return text.split('\n').slice(1).join('\n');
}
