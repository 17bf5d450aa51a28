import type { JobDefinition } from './define-job.ts';
import { exitSurveys } from './exit-surveys.job.ts';
import { nudges } from './nudges.job.ts';
import { nurture } from './nurture.job.ts';
import { sendMailing } from './send-mailing.job.ts';
import { importBatch } from './import.job.ts';
import { outboxRelay } from './outbox-relay.job.ts';
import { sendMessage } from './send-message.job.ts';
import { sendMessages } from './send-messages.job.ts';
import { sessionReminders } from './session-reminders.job.ts';
import { deadlineSweep } from './deadline-sweep.job.ts';
import { metricsCatchUp, metricsRecompute } from './metrics.job.ts';
import { workerCheck } from './worker-check.job.ts';
import { retention } from './retention.job.ts';
import { importFilesPurge } from './import-files-purge.job.ts';

/** Every job the worker knows, by name. */
export const jobs: JobDefinition<never>[] = [
  workerCheck,
  sendMessages,
  sendMessage,
  outboxRelay,
  sessionReminders,
  nudges,
  nurture,
  exitSurveys,
  sendMailing,
  importBatch,
  deadlineSweep,
  metricsRecompute,
  metricsCatchUp,
  retention,
  importFilesPurge,
] as JobDefinition<never>[];

export const jobsByName = new Map(jobs.map((job) => [job.name, job]));
