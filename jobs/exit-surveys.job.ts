import { queueExitSurveys } from '../src/exit-survey/exit-survey.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every quarter of an hour: the optional "why did you stop?" survey to households that closed as a
 * withdrawal or for no response, or went quiet for 90 days (exit-survey.service.ts queueExitSurveys).
 */
export const exitSurveys = defineJob({
  name: 'exit-surveys',
  schedule: { pattern: '7-59/15 * * * *' },
  async handle(_payload, deps) {
    return `queued ${await queueExitSurveys(deps)}`;
  },
});
