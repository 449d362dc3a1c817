// The EMR Serverless target: job specs (jobs.ts), their sizing (sizing.ts), their checks
// (validate.ts), the application they run on (application.ts) and the target itself (target.ts).
export * from './jobs';
export { EmrTarget } from './target';
export { emrApplicationSpec } from './application';
export type { EmrApplicationSpec } from './application';
