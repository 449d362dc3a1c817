import { cronProblems } from '../../core/private/cron';
import { Rule, diagnostic } from '../rule';

/** TRB011: the schedule is a valid daily cron expression for every target. */
export const validSchedule: Rule = (graph) => cronProblems(graph.workflow.schedule).map((problem) =>
  diagnostic(graph.workflow, 'TRB011', `schedule is invalid: ${problem}`,
    "use Schedule.daily({ hour: 2 }) or a five-field cron such as Schedule.cron('0 2 * * *')"));

/** TRB012: the start date is a real calendar date written `YYYY-MM-DD`. */
export const validStartDate: Rule = (graph) => {
  const text = graph.workflow.startDate;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
  const valid = date !== undefined && date.toISOString().slice(0, 10) === text;
  return valid ? [] : [diagnostic(graph.workflow, 'TRB012', `startDate '${text}' is not a calendar date written YYYY-MM-DD`,
    "write the first logical date as 'YYYY-MM-DD', for example '2026-01-01'")];
};
