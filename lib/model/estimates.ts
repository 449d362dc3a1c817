import { Engine } from '../core/engine';

const GIB = 1024 ** 3;

/**
 * Seconds a node is expected to run when it declares no duration: a fixed start-up cost per
 * engine plus the bytes it reads at that engine's throughput. Rough on purpose: it only has to
 * rank branches for the critical path and for where the Step Functions compiler synchronises.
 */
export function estimateDurationSeconds(engine: Engine, inputBytes: number): number {
  switch (engine) {
    case Engine.SPARK: return Math.round(300 + inputBytes / (2 * GIB));
    case Engine.WAREHOUSE: return Math.round(120 + inputBytes / (1 * GIB));
    case Engine.SINGLE_WORKER: return Math.round(120 + inputBytes / (0.05 * GIB));
    case Engine.DATABASE_EXPORT: return Math.round(1800 + inputBytes / (1 * GIB));
    case Engine.SENSOR:
    case Engine.CHANGE_DATA_CAPTURE:
      return 60;
  }
}
