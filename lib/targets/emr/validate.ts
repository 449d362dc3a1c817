import { EmrJobPlan, effectiveWorkers, emrJobNodes, sharedJobPlan, sharedStartJobRunSpec } from './jobs';
import { checkWorker, SHUFFLE_OPTIMIZED_DISK_GB, STANDARD_DISK_GB } from './sizing';
import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { Diagnostic, DiagnosticSeverity } from '../../validation/diagnostic';
import { diagnostic } from '../../validation/rule';

/** EMR Serverless quotas of a StartJobRun request (API reference of StartJobRun). */
export const EMR_LIMITS = {
  sparkSubmitParameters: 102_400,
  entryPointArgument: 10_280,
  entryPoint: 256,
  propertyEntries: 100,
  propertyText: 1024,
  tags: 200,
  tagKey: 128,
  tagValue: 256,
  executionTimeoutMinutes: 1_000_000,
} as const;

const TAG_TEXT = /^[A-Za-z0-9 /_.:=+@-]*$/;

/** Where a setting came from, for messages: the node's override or the formula. */
function origin(plan: EmrJobPlan, key: string): string {
  const by = plan.overriddenBy[key];
  if (by === 'sparkConf') return `sparkConf '${key}'`;
  if (by) return by;
  return `the sizing formula (${key})`;
}

function fromOverride(plan: EmrJobPlan, keys: string[]): boolean {
  return keys.some((k) => plan.overriddenBy[k] !== undefined);
}

/** Worker sizes and vCPU/memory pairs (TRB020), malformed settings (TRB022) and disks (TRB021). */
function checkWorkers(plan: EmrJobPlan): Diagnostic[] {
  const node = plan.node;
  const w = effectiveWorkers(plan);
  const found: Diagnostic[] = [];
  const malformed = (key: string, what: string) => found.push(diagnostic(node, 'TRB022',
    `${origin(plan, key)} is not ${what}`,
    `give ${key} as ${what}, or leave it out to use the sizing formula`));
  for (const [role, cpu, heap, cpuKey, memKey] of [
    ['driver', w.driverCpu, w.driverHeapMib, 'spark.driver.cores', 'spark.driver.memory'],
    ['executor', w.executorCpu, w.executorHeapMib, 'spark.executor.cores', 'spark.executor.memory'],
  ] as const) {
    if (!Number.isInteger(cpu) || cpu < 1) {
      malformed(cpuKey, 'a whole number of vCPUs (1, 2, 4, 8 or 16)');
      continue;
    }
    if (!Number.isFinite(heap) || heap <= 0) {
      malformed(memKey, "a Spark memory size such as '14g'");
      continue;
    }
    const problem = checkWorker(cpu, heap);
    if (problem) {
      const src = fromOverride(plan, [cpuKey, memKey]) ? `${origin(plan, cpuKey)} and ${origin(plan, memKey)}` : 'the sizing formula';
      found.push(diagnostic(node, 'TRB020',
        `the ${role} from ${src} does not fit an EMR Serverless worker: ${problem}`,
        `use 1, 2, 4, 8 or 16 vCPU with heap + max(10%, 384 MB) within the worker's memory (4 vCPU: 8-30 GB, 8 vCPU: 16-60 GB, 16 vCPU: 32-120 GB)`));
    }
  }
  if (!Number.isInteger(w.maxExecutors) || w.maxExecutors < 1) {
    malformed('spark.dynamicAllocation.maxExecutors', 'a whole number of executors, at least 1');
  }
  for (const [role, gb, type, key] of [
    ['driver', w.driverDiskGb, w.driverDiskType, 'spark.emr-serverless.driver.disk'],
    ['executor', w.executorDiskGb, w.executorDiskType, 'spark.emr-serverless.executor.disk'],
  ] as const) {
    if (type !== 'standard' && type !== 'shuffle_optimized') {
      found.push(diagnostic(node, 'TRB021', `${origin(plan, `${key}.type`)} is '${type}', not an EMR Serverless disk type`,
        `set ${key}.type to 'standard' or 'shuffle_optimized'`));
      continue;
    }
    if (!Number.isInteger(gb)) {
      malformed(key, "a disk size in GB such as '200G'");
      continue;
    }
    const limits = type === 'shuffle_optimized' ? SHUFFLE_OPTIMIZED_DISK_GB : STANDARD_DISK_GB;
    if (gb < limits.min || gb > limits.max) {
      found.push(diagnostic(node, 'TRB021',
        `the ${role} disk of ${gb} GB from ${origin(plan, key)} is outside the ${limits.min}-${limits.max} GB of a ${type} disk`,
        type === 'standard' && gb > limits.max
          ? `set ${key} to at most 200G, or ${key}.type to shuffle_optimized (up to 2000G)`
          : `set ${key} between ${limits.min}G and ${limits.max}G`));
    }
  }
  return found;
}

/** Request quotas: submit parameters, arguments, entry point, property maps, tags (TRB023-TRB026, TRB028). */
function checkRequest(graph: WorkflowGraph, plan: EmrJobPlan): Diagnostic[] {
  const node = plan.node;
  const spec = sharedStartJobRunSpec(graph, node.id) as any;
  const found: Diagnostic[] = [];
  for (const [key, value] of plan.submitConf) {
    if (plan.overriddenBy[key] === 'sparkConf' && (/\s/.test(value) || value.length === 0)) {
      found.push(diagnostic(node, 'TRB022', `sparkConf '${key}' is empty or has white space, which sparkSubmitParameters cannot carry`,
        `give ${key} without spaces (lists are comma-separated)`));
    }
  }
  const submit: string = spec.jobDriver.sparkSubmit.sparkSubmitParameters;
  if (submit.length > EMR_LIMITS.sparkSubmitParameters) {
    found.push(diagnostic(node, 'TRB023',
      `sparkSubmitParameters of '${node.id}' has ${submit.length} characters, more than EMR's ${EMR_LIMITS.sparkSubmitParameters}`,
      'shorten the dependency lists of sparkConf (spark.jars, spark.submit.pyFiles...): package the files into one archive or JAR'));
  }
  plan.entryPointArguments.forEach((arg, i) => {
    if (arg.length > EMR_LIMITS.entryPointArgument) {
      const what = plan.node.properties.script ? `argument ${i + 1}` : `the --node argument (the node's properties, inputs and output as JSON)`;
      found.push(diagnostic(node, 'TRB024',
        `${what} of '${node.id}' has ${arg.length} characters, more than EMR's ${EMR_LIMITS.entryPointArgument} per entry point argument`,
        plan.node.properties.script ? 'pass a shorter argument, for example an s3:// path of a file that holds the value'
          : 'shorten the node: fewer or shorter columns, rules or query values, or split it into several nodes'));
    }
  });
  if (plan.entryPoint.length > EMR_LIMITS.entryPoint) {
    found.push(diagnostic(node, 'TRB024', `the entry point of '${node.id}' has ${plan.entryPoint.length} characters, more than EMR's ${EMR_LIMITS.entryPoint}`,
      'upload the script under a shorter s3:// path'));
  }
  const lastSegment = plan.entryPoint.split('/').pop() ?? '';
  if (plan.entryPoint.endsWith('/') || !/\.[A-Za-z0-9]+$/.test(lastSegment)) {
    found.push(diagnostic(node, 'TRB028', `the entry point '${plan.entryPoint}' of '${node.id}' is a folder, not a script file`,
      "give the URI of the script or JAR itself, for example 's3://acme-jobs/sessionize.py'"));
  }
  const props = plan.sparkDefaults;
  const keys = Object.keys(props).sort();
  if (keys.length > EMR_LIMITS.propertyEntries) {
    found.push(diagnostic(node, 'TRB025',
      `spark-defaults of '${node.id}' has ${keys.length} properties, more than EMR's ${EMR_LIMITS.propertyEntries} (the sizing formula sets ${Object.keys(plan.sizing.sqlConf).length})`,
      'remove sparkConf entries that repeat Spark defaults'));
  }
  for (const key of keys) {
    if (key.length > EMR_LIMITS.propertyText || props[key].length > EMR_LIMITS.propertyText) {
      found.push(diagnostic(node, 'TRB025', `sparkConf '${key.slice(0, 60)}' is longer than EMR's ${EMR_LIMITS.propertyText} characters for a property key or value`,
        'shorten the key or value, or read the value from a file in the job'));
    }
  }
  found.push(...checkTags(node, spec.tags));
  return found;
}

function checkTags(node: GraphNode, tags: Record<string, string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  const keys = Object.keys(tags).sort();
  if (keys.length > EMR_LIMITS.tags) {
    found.push(diagnostic(node, 'TRB026', `the job of '${node.id}' would carry ${keys.length} tags, more than EMR's ${EMR_LIMITS.tags}`,
      'declare fewer workflow tags'));
  }
  for (const key of keys) {
    const value = tags[key];
    const bad = key.length === 0 || key.length > EMR_LIMITS.tagKey ? `key '${key.slice(0, 40)}' is empty or longer than ${EMR_LIMITS.tagKey} characters`
      : value.length > EMR_LIMITS.tagValue ? `value of '${key}' is longer than ${EMR_LIMITS.tagValue} characters`
        : !TAG_TEXT.test(key) ? `key '${key}' has characters outside letters, digits, spaces and _ . : / = + - @`
          : !TAG_TEXT.test(value) ? `value '${value}' of '${key}' has characters outside letters, digits, spaces and _ . : / = + - @`
            : undefined;
    if (bad) {
      found.push(diagnostic(node, 'TRB026', `job tag ${bad}, which EMR Serverless refuses`,
        'change the workflow tag (or owner) to letters, digits, spaces and _ . : / = + - @, keys up to 128 and values up to 256 characters'));
    }
  }
  return found;
}

/** Timeouts: set and within EMR's range (TRB029), at least the node's own estimate (TRB027, warning). */
function checkTimeout(node: GraphNode): Diagnostic[] {
  const minutes = Math.ceil(node.timeoutSeconds / 60);
  if (!(node.timeoutSeconds > 0) || minutes > EMR_LIMITS.executionTimeoutMinutes) {
    return [diagnostic(node, 'TRB029', `the timeout of '${node.id}' (${node.timeoutSeconds} s) is not between 1 minute and ${EMR_LIMITS.executionTimeoutMinutes} minutes`,
      "set timeout: Duration.hours(6) (or what the job needs)")];
  }
  if (node.timeoutSeconds < node.estimatedDurationSeconds) {
    return [diagnostic(node, 'TRB027',
      `the timeout of '${node.id}' (${node.timeoutSeconds} s) is shorter than its estimated run time (${node.estimatedDurationSeconds} s), so EMR would cancel a normal run`,
      `set timeout to at least Duration.seconds(${node.estimatedDurationSeconds}), or correct the node's estimatedDuration or input sizes`,
      DiagnosticSeverity.WARNING)];
  }
  return [];
}

/**
 * Every EMR check of a workflow: one pass over its EMR job nodes, in graph order. The EMR target
 * and both orchestrator targets (which start these job runs) report them, so that a workflow
 * rendering only one orchestrator is checked too; the result is computed once per graph (a pure
 * function of an immutable graph), and the validate phase reports identical diagnostics once.
 */
export function validateEmr(graph: WorkflowGraph): Diagnostic[] {
  let found = CHECKED.get(graph);
  if (found === undefined) {
    found = emrJobNodes(graph).flatMap((node) => {
      const plan = sharedJobPlan(graph, node.id)!;
      return [...checkWorkers(plan), ...checkRequest(graph, plan), ...checkTimeout(node)];
    });
    CHECKED.set(graph, found);
  }
  return [...found];
}

/** The EMR checks of each graph, while the graph is alive. */
const CHECKED = new WeakMap<WorkflowGraph, Diagnostic[]>();
