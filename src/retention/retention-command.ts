import { parseArgs } from 'node:util';
import type { Db } from '../db/db-type.ts';
import { runRetentionForAgencies } from './retention-run.service.ts';

/**
 * `npm run crm -- retention:run [--dry-run] [--json]`: the operator's explicit run. Anonymises every
 * household past its retention date that is not under a legal hold and not excluded by a manager
 * (see runRetention, mode `operator`); `--dry-run` writes nothing and reports what it would do.
 * With `--json` the last line is `{ due, anonymised, held, skipped }`.
 */
export async function retentionRunCommand(
  args: string[],
  db: Db,
  print: (line: string) => void = console.log,
) {
  const { values } = parseArgs({
    args,
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const dryRun = values['dry-run'] ?? false;
  const totals = await runRetentionForAgencies(db, { mode: 'operator', dryRun, label: 'cli' });
  print(
    `${totals.due} households past their retention date: ${totals.anonymised} ${dryRun ? 'would be anonymised' : 'anonymised'}, ` +
      `${totals.held} under a legal hold, ${totals.skipped} excluded by a manager.${dryRun ? ' Dry run: nothing was changed.' : ''}`,
  );
  if (values.json) print(JSON.stringify(totals));
  return totals;
}
