/**
 * Strings for Airflow's templated operator fields. Airflow renders those fields with Jinja, so a
 * user string is turned into a template that renders back to exactly that string: Tributary's
 * date placeholders become Airflow's own template variables, its EMR placeholders become Airflow
 * Variables, and everything else that Jinja would read (`{{`, `{%`, `{#`, and carriage returns,
 * which it rewrites) is emitted as literal text through expressions such as `{{ '{' }}`.
 */

/**
 * How each Tributary date placeholder is written for Airflow 3. Airflow 3 removed `next_ds` and
 * `prev_ds` from the template context; for a daily workflow they are the days after and before
 * `ds`, which `macros.ds_add` gives.
 */
export const AIRFLOW_DATE_PLACEHOLDERS: Readonly<Record<string, string>> = {
  '{{ds}}': '{{ ds }}',
  '{{ds_nodash}}': '{{ ds_nodash }}',
  '{{next_ds}}': '{{ macros.ds_add(ds, 1) }}',
  '{{prev_ds}}': '{{ macros.ds_add(ds, -1) }}',
};

/**
 * The Airflow Variables a DAG reads at run time (never at parse time), by the EMR job spec
 * placeholder they fill.
 */
export const AIRFLOW_VARIABLES: Readonly<Record<string, string>> = {
  '${EmrApplicationId}': 'tributary_emr_application_id',
  '${EmrJobRoleArn}': 'tributary_emr_job_role_arn',
  '${TributaryScriptsLocation}': 'tributary_scripts_location',
  '${EmrLogUri}': 'tributary_emr_log_uri',
};

/** The Jinja expression that reads Airflow Variable `name` (ASCII `[A-Za-z0-9_.-]`) when the task runs. */
export function variableExpression(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`'${name}' is not an Airflow Variable name Tributary uses`);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `{{ var.value.${name} }}` : `{{ var.value.get('${name}') }}`;
}

/** Text without `{` or `\r` holds no placeholder (each starts with `{{` or `${`) and nothing Jinja reads: it is its own template. */
const NOTHING_TO_ESCAPE = /^[^{\r]*$/;

const TOKENS = new RegExp([...Object.keys(AIRFLOW_DATE_PLACEHOLDERS), ...Object.keys(AIRFLOW_VARIABLES)].map(escapeRegExp).join('|'), 'g');

/**
 * The Jinja template that renders to `text`, with Tributary's placeholders replaced by their
 * Airflow forms. `templateExtensions` are the operator's `template_ext`: a field ending with one
 * would be read as a template file name, so such a template gets an empty expression at the end.
 */
export function airflowTemplate(text: string, templateExtensions: readonly string[] = []): string {
  let out = '';
  if (NOTHING_TO_ESCAPE.test(text)) {
    out = text;
  } else {
    let last = 0;
    for (const match of text.matchAll(TOKENS)) {
      out += escapeJinja(text.slice(last, match.index), true);
      const token = match[0];
      out += AIRFLOW_DATE_PLACEHOLDERS[token] ?? variableExpression(AIRFLOW_VARIABLES[token]);
      last = match.index! + token.length;
    }
    out += escapeJinja(text.slice(last), false);
  }
  // Jinja drops one newline at the end of a template, and a name ending in `.sql` is a file to load.
  if (out.endsWith('\n') || templateExtensions.some((ext) => out.endsWith(ext))) out += "{{ '' }}";
  return out;
}

/** Every string value inside `value` (not object keys: Airflow renders values only) as an Airflow template. */
export function airflowTemplates<T>(value: T, templateExtensions: readonly string[] = []): T {
  if (typeof value === 'string') return airflowTemplate(value, templateExtensions) as T;
  if (Array.isArray(value)) return value.map((v) => airflowTemplates(v, templateExtensions)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = airflowTemplates(v, templateExtensions);
    return out as T;
  }
  return value;
}


/**
 * `text` as literal Jinja text: each `{` that would open `{{`, `{%` or `{#` is printed by an
 * expression. A carriage return is printed by an expression too (Jinja turns `\r` and `\r\n` in
 * a template into `\n`), and so is a `{` before any expression, which starts with `{{`.
 */
function escapeJinja(text: string, beforeExpression: boolean): string {
  return text
    .replace(beforeExpression ? /\{(?=[{%#\r]|$)/g : /\{(?=[{%#\r])/g, "{{ '{' }}")
    .replace(/\r/g, "{{ '\\r' }}");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
