import { AirflowTarget, Testing } from '../../../lib';
import { newWorkflow, validWorkflow } from '../../util';

test('the Airflow target is named airflow and renders <workflow_id>.py and <workflow_id>.json under airflow/', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const files = new AirflowTarget().render(workflow.toGraph());

  // THEN
  expect(new AirflowTarget().name).toBe('airflow');
  expect(files.map((f) => f.path)).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py']);
  expect(files.every((f) => f.content.endsWith('\n'))).toBe(true);
  expect(JSON.parse(files[0].content).tasks.map((t: { taskId: string }) => t.taskId)).toEqual(['orders', 'enrich', 'load']);
});

test('rendering is deterministic: the same workflow built twice gives the same bytes', () => {
  // THEN
  expect(Testing.synth(validWorkflow().workflow)).toEqual(Testing.synth(validWorkflow().workflow));
});

test("the target's checks run in the validate phase and stop synthesis", () => {
  // GIVEN
  const workflow = newWorkflow({ tags: { note: 'x'.repeat(120) }, targets: [new AirflowTarget()] });

  // THEN
  expect(Testing.diagnostics(workflow).map((d) => d.code)).toContain('TRB040');
  expect(() => Testing.synth(workflow)).toThrow(/TRB040/);
});
