import { runRetentionForAgencies } from '../src/retention/retention-run.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every night: anonymises the households a manager approved on the "Due for disposal" page whose
 * retention date has now passed (approvals of households already past their date are carried out
 * at once, by the page). Nothing unapproved, excluded or under a legal hold is touched. Idempotent:
 * anonymised households are no longer due, so a retry or a second run does nothing more.
 */
export const retention = defineJob({
  name: 'retention',
  // 02:15 London time: quiet hours, after midnight so "past its date" means yesterday or before.
  schedule: { pattern: '15 2 * * *' },
  async handle({ agencyId }, deps) {
    const t = await runRetentionForAgencies(deps.db, { agencyId, mode: 'approved', label: 'retention job' });
    return `${t.due} due: ${t.anonymised} anonymised, ${t.held} held, ${t.skipped} awaiting review or excluded`;
  },
});
