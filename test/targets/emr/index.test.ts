import * as emr from '../../../lib/targets/emr';
import { emrApplicationSpec } from '../../../lib/targets/emr/application';
import { emrJobNodes, startJobRunSpec } from '../../../lib/targets/emr/jobs';
import { EmrTarget } from '../../../lib/targets/emr/target';

test('the EMR module exports the contract the orchestrator targets and the deploy code use', () => {
  // THEN
  expect(emr.EMR_PLACEHOLDERS).toEqual({
    applicationId: '${EmrApplicationId}',
    executionRoleArn: '${EmrJobRoleArn}',
    scriptsLocation: '${TributaryScriptsLocation}',
    logUri: '${EmrLogUri}',
  });
  expect(emr.emrJobNodes).toBe(emrJobNodes);
  expect(emr.startJobRunSpec).toBe(startJobRunSpec);
  expect(emr.emrApplicationSpec).toBe(emrApplicationSpec);
  expect(emr.EmrTarget).toBe(EmrTarget);
});
