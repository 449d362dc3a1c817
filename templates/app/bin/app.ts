import { App, Stack } from 'aws-cdk-lib/core';
import { dailyEvents } from '../lib/daily-events';

// `npx tributary synth` (or `npx cdk synth`) runs this file and writes cdk.out/tributary/<workflow_id>/.
const app = new App();
dailyEvents(new Stack(app, 'Pipelines'));
app.synth();
