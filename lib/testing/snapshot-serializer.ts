/**
 * A jest snapshot serializer for `Testing.synth` results: each artifact is stored as its own text,
 * under a `=== path ===` line, in path order, so that a snapshot diff shows exactly the lines that
 * changed in each file (no JSON string escaping, no object printing that would sort or reformat).
 *
 * Register it in jest's configuration, `snapshotSerializers: ['tributary/lib/testing/snapshot-serializer']`,
 * or in one test file with `expect.addSnapshotSerializer(require('tributary/lib/testing/snapshot-serializer'))`,
 * then `expect(Testing.synth(workflow)).toMatchSnapshot()`.
 */

/** A relative artifact path: `graph.json`, `airflow/orders.py` (no `..`, no leading `/`). */
const ARTIFACT_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\.[A-Za-z0-9]+$/;

/** True for a `{ relativePath: content }` object of artifacts, such as `Testing.synth` returns. */
export function test(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length > 0 && entries.every(([file, text]) => ARTIFACT_PATH.test(file) && typeof text === 'string');
}

/** Every artifact's text under a line naming its path, paths in byte order. */
export function serialize(value: Record<string, string>): string {
  const files = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return files.map((file) => `=== ${file} ===\n${value[file].endsWith('\n') ? value[file] : `${value[file]}\n`}`).join('\n');
}
