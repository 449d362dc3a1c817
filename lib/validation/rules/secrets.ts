import type { GraphNode, GraphWorkflow } from '../../model/graph';
import type { Diagnostic } from '../diagnostic';
import { Rule, diagnostic, walk } from '../rule';

/**
 * Text that is a credential, wherever it appears. Every repetition that can meet a long run of
 * the same characters is bounded, so that each pattern runs in linear time on any input.
 */
const CREDENTIAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[a-z][a-z0-9+.-]{0,30}:\/\/[^/\s:@]{1,256}:[^/\s@]{1,256}@/i, 'a URL with a password in it'],
  [/[?&](api[_-]?key|apikey|access[_-]?token|token|client[_-]?secret|secret|password|passwd|pwd|signature)=(?!\{\{)[^&\s]+/i, 'a credential in a query string'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/i, 'an Authorization header value'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abpr]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{30,}/, 'an API token'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, 'a JSON Web Token'],
  [/\b(password|passwd|pwd|secret|token|api[_-]?key)[ \t]{0,8}[=:\s][ \t]{0,8}'[^']{1,1024}'/i, 'a quoted password'],
  [/\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key)[ \t]{0,8}[=:][ \t]{0,8}(?!\{\{)[^\s&'",;]{4,}/i, 'a password assignment'],
];

/** Keys whose literal string value is a credential. */
const CREDENTIAL_KEY = /^(password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|apikey|authorization|x-api-key)$/i;
/** Dotted setting names (Spark, Hadoop) whose value is a credential: `spark.hadoop.fs.s3a.secret.key`, `...ssl.keystore.password`. */
const CREDENTIAL_SETTING = /(^|\.)(password|passwd|pwd|secret|secret\.key|secret[_-]?access[_-]?key|access\.key|api[_-]?key|token|credentials?)(\.|$)/i;
/** A command-line flag that takes a credential as its next argument: `--password`, `--db-secret`, `-token`. */
const CREDENTIAL_FLAG = /^--?[A-Za-z0-9_.-]{0,40}(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|credentials?)$/i;

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
/** A Secrets Manager ARN inside a text: its `:secret:` names a secret and is not one. */
const SECRET_ARN_IN_TEXT = /arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+/g;

/**
 * TRB010: secrets are references, never values. Secret references must look like names, and no
 * other text that reaches the artifacts (URL, query, SQL, arguments, locations, descriptions, owner,
 * tags) may carry a credential. Messages never repeat the value.
 */
export const noLiteralSecrets: Rule = (graph) => {
  const { description, owner, tags, warehouse } = graph.workflow;
  return [
    ...scan(graph.workflow, 'description', description),
    ...scan(graph.workflow, 'owner', owner),
    ...scan(graph.workflow, 'tags', tags),
    ...scan(graph.workflow, 'warehouse', warehouse),
    ...graph.nodes.flatMap((node) => [
      ...scan(node, 'description', node.description),
      ...scan(node, 'output.location', node.output?.location),
      ...scan(node, 'properties', node.properties),
    ]),
  ];
};

function scan(at: GraphNode | GraphWorkflow, field: string, value: unknown): Diagnostic[] {
  return walk(field, value, (place, v, key) => {
    if (Array.isArray(v) && v.every((item) => typeof item === 'string')) {
      // Script arguments: a credential flag followed by its value (`--password x`), beside the checks of each string.
      const flagged = v.flatMap((item, i) => (i > 0 && CREDENTIAL_FLAG.test(v[i - 1]) && item.length > 0 && !item.startsWith('{{') && !item.startsWith('-') && literalProblem(item).length === 0
        ? [found(at, `${place}[${i}]`, item, `a literal value for '${v[i - 1]}'`)] : []));
      return [...flagged, ...v.flatMap((item, i) => (flagged.some((d) => d.message.startsWith(`${place}[${i}] `)) ? [] : scan(at, `${place}[${i}]`, item)))];
    }
    if (typeof v === 'string') {
      const credentialKey = key !== undefined && (CREDENTIAL_KEY.test(key) || (key.includes('.') && CREDENTIAL_SETTING.test(key)));
      if (credentialKey && v.length > 0 && !v.startsWith('{{') && literalProblem(v).length === 0) {
        return [found(at, place, v, `a literal value for '${key}'`)];
      }
      return literalProblem(v).map((what) => found(at, place, v, what));
    }
    if (isSecretRef(v)) {
      const what = referenceProblem(v.reference);
      // An empty reference is refused when the Secret is made (TRB106); anything else that is not a name may be the value itself.
      return what ? [found(at, place, v.reference, what)] : [];
    }
    return undefined;
  });
}

/** A secret reference as the model writes it: exactly `{ store, reference }`. */
function isSecretRef(value: unknown): value is { store: string; reference: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  return keys.length === 2 && keys[0] === 'reference' && keys[1] === 'store';
}

function literalProblem(text: string): string[] {
  const withoutArns = text.replace(SECRET_ARN_IN_TEXT, 'arn');
  const hit = CREDENTIAL_PATTERNS.find(([pattern]) => pattern.test(withoutArns));
  return hit ? [hit[1]] : [];
}

/** Why a secret reference looks like a secret's value rather than its name. */
function referenceProblem(reference: string): string | undefined {
  const literal = literalProblem(reference)[0];
  if (literal) return literal;
  if (!SECRET_NAME.test(reference) && !SECRET_ARN.test(reference)) return 'a secret reference that is not a valid secret name';
  if (looksRandom(reference)) return 'a secret reference that looks like a generated key rather than a name';
  return undefined;
}

/** Long, slash-free, mixed-case-and-digit strings with high entropy are keys, not names. */
function looksRandom(text: string): boolean {
  if (text.length < 24 || text.includes('/') || SECRET_ARN.test(text)) return false;
  if (!/[a-z]/.test(text) || !/[A-Z]/.test(text) || !/[0-9]/.test(text)) return false;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / text.length) * Math.log2(n / text.length);
  return entropy > 4;
}

/** Shows at most 3 characters and at most a quarter of the value, so a short secret is not printed. */
function found(at: GraphNode | GraphWorkflow, field: string, value: string, what: string): Diagnostic {
  const redacted = `${value.slice(0, Math.min(3, Math.floor(value.length / 4)))}… (${value.length} characters)`;
  return diagnostic(at, 'TRB010', `${field} holds ${what}: '${redacted}'. Secrets must not appear in a workflow definition`,
    "store the value in AWS Secrets Manager and pass Secret.fromSecretsManager('<name>') (or Secret.fromAirflowConnection('<conn id>')); rotate the exposed value");
}
