// Parses Mermaid charts with Mermaid's own parser (mermaid.parse), in a Node process of its own:
// Mermaid is an ES module and jest runs CommonJS. Reads one JSON string (a chart) per line on stdin,
// as they come; writes one JSON line per chart: null when it parses as a flowchart and applies no
// directive, or the problem.
import * as readline from 'node:readline';
import DOMPurify from 'dompurify';

// DOMPurify sanitizes HTML when a chart is drawn and needs a browser DOM, which Node has not;
// parsing needs neither. Its sanitize() becomes the identity, which changes nothing the parser reads.
DOMPurify.sanitize = (text) => text;
DOMPurify.addHook = () => undefined;
DOMPurify.removeHook = () => undefined;
DOMPurify.removeAllHooks = () => undefined;
const { default: mermaid } = await import('mermaid');

async function check(text) {
  try {
    const parsed = await mermaid.parse(text);
    const applied = Object.keys(parsed.config ?? {});
    if (applied.length > 0) return `a directive was applied: ${applied.join(', ')}`;
    return parsed.diagramType.startsWith('flowchart') ? null : `not a flowchart: ${parsed.diagramType}`;
  } catch (e) {
    return String(e?.message ?? e).slice(0, 500);
  }
}

for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.length === 0) continue;
  process.stdout.write(`${JSON.stringify(await check(JSON.parse(line)))}\n`);
}
