// The `tributary` CLI run from this checkout's TypeScript sources (`npm run tributary -- <verb>`,
// `npm run synth`, and cdk.json); the package's `bin` is the compiled lib/cli/main.js.
// Prefer lib/**/*.ts to a stale compiled lib/**/*.js left by `npm run build`.
const extensions: Record<string, unknown> = require.extensions;
const js = extensions['.js'];
delete extensions['.js'];
extensions['.js'] = js;

// Required after the reordering above (an import would be hoisted before it).
const cli: typeof import('../lib/cli/main') = require('../lib/cli/main');
cli.main(process.argv);
