import { runQueuedImport } from '../src/imports/import-queue.service.ts';
import { defineJob } from './define-job.ts';

/**
 * A large tracker import (issue 14 §5), written in chunks with progress; resumes where it stopped
 * if the worker dies. The payload is the batch id only: never the file, its name or its rows.
 */
export const importBatch = defineJob({
  name: 'import-batch',
  async handle({ batchId }, deps, run) {
    const report = await runQueuedImport(deps, batchId, run.progress);
    return report ? `imported ${report.imported}` : 'skipped';
  },
});
