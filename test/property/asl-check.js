// Checks Step Functions definitions with asl-validator, in a Node process of its own. Reads one JSON
// string (a definition's text) per line on stdin; writes one JSON line per definition: null when
// asl-validator accepts it (paths and ARN shapes checked), or its errors.
//
// asl-validator builds a new Ajv instance, compiling all its schemas, on every call (about 0.4 s);
// with the same options every time, one instance serves every call here. The checks are its own.
'use strict';
const Module = require('module');
const readline = require('readline');

const load = Module._load;
let shared;
Module._load = function (request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  if (request !== 'ajv') return loaded;
  const Ajv = loaded.default ?? loaded;
  function SharedAjv(options) {
    shared ??= new Ajv(options);
    return shared;
  }
  return { __esModule: true, default: SharedAjv };
};
const validate = require('asl-validator');
Module._load = load;

/** After the first call has set the shared instance up, asl-validator's set-up calls change nothing. */
let frozen = false;
function freeze() {
  if (frozen || !shared) return;
  frozen = true;
  for (const name of ['addKeyword', 'addFormat', 'addSchema', 'addMetaSchema', 'addVocabulary']) shared[name] = function () { return this; };
}

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  if (line.length === 0) return;
  let answer = null;
  try {
    const result = validate(JSON.parse(JSON.parse(line)), { checkPaths: true, checkArn: true });
    if (!result.isValid) answer = result.errorsText('; ').slice(0, 2000);
    freeze();
  } catch (e) {
    answer = `asl-validator failed: ${String(e && e.message || e).slice(0, 500)}`;
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
