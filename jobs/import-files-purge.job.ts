import { purgeUnusedImportFiles } from '../src/imports/import.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every night, for every agency: deletes the uploaded file and planned rows of each import left
 * uploaded or checked for more than 30 days, and blanks the cell values quoted in reports older
 * than 30 days (storage limitation, UK GDPR art. 5(1)(e); see purgeUnusedImportFiles). Idempotent:
 * a purged batch is `failed` and has no file, so a retry or a second run finds nothing more.
 */
export const importFilesPurge = defineJob({
  name: 'import-files-purge',
  // 02:30 London time: quiet hours, after the retention job (02:15).
  schedule: { pattern: '30 2 * * *' },
  async handle(_payload, deps) {
    const purged = await purgeUnusedImportFiles(deps.db);
    return `${purged} unfinished import file(s) deleted`;
  },
});
