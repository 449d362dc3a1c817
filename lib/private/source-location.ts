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
  // Each frame of a stack trace is formatted (and, under ts-node or jest, source-mapped), which is
  // the costly part: the unformatted frames tell how many frames lead to the first one that can be
  // the user's (frames of this library, of node_modules and of node itself are skipped by their
  // file alone), and only those are formatted.
  const sites = rawCallSites(frames);
  const first = sites?.findIndex((site) => { const file = site.getFileName(); return !(typeof file === 'string' && (file.startsWith('node:') || isSkipped(file))); });
  if (first === -1) return undefined;
  return (first !== undefined ? formattedFrame(sites![first]) ?? userFrame(first + 1) : undefined) ?? userFrame(frames);
}

/**
 * The location of one frame, formatted alone by the stack formatter in place (which source-maps
 * it under ts-node or jest): the frames before it are not formatted at all. Undefined when there
 * is no formatter to call, or when the formatted frame is not the user's.
 */
function formattedFrame(site: NodeJS.CallSite): string | undefined {
  const format = Error.prepareStackTrace;
  if (typeof format !== 'function') return undefined;
  // the same holder as Error.captureStackTrace gives the formatter: a plain object
  const text: unknown = format({} as Error, [site]);
  return typeof text === 'string' ? firstUserLocation(text) : undefined;
}

function userFrame(frames: number): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  Error.captureStackTrace(holder, captureSourceLocation);
  Error.stackTraceLimit = limit;
  return firstUserLocation(holder.stack ?? '');
}

/** The first frame of a formatted stack (after its first line, the message) that is the user's, as `file:line:column`. */
function firstUserLocation(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
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
