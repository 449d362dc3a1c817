import * as path from 'path';

/** The library's own folder: frames inside it are never the user's code. */
const LIBRARY_ROOT = path.resolve(__dirname, '..');

/**
 * The `file:line:column` of the first stack frame outside this library and outside
 * `node_modules`, relative to the working directory: where the user created a construct.
 */
export function captureSourceLocation(): string | undefined {
  // Each frame is formatted (and, under ts-node or jest, source-mapped): look at the nearest frames first.
  return locationIn(8) ?? locationIn(40);
}

function locationIn(frames: number): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  Error.captureStackTrace(holder, captureSourceLocation);
  Error.stackTraceLimit = limit;
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:[A-Za-z]:)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const file = match[1];
    if (file.startsWith('node:') || !path.isAbsolute(file)) continue;
    if (file.startsWith(LIBRARY_ROOT + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
    return `${relative}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
