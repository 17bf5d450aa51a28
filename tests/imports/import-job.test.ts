import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { importFile } from '../../src/imports/import-queue.service.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';
import { secondCsv } from './import-fixtures.ts';

describe('a large import runs as a BullMQ job with progress (issue 14 §5–6)', () => {
  const ctx = useTestContext();

  it('queues the batch id only, a real worker writes the rows, GET follows the progress', async () => {
    const { deps, agencyId } = ctx();
    const user = await makeUser(deps.db, agencyId, 'manager');
    const api = apiClient(ctx().baseUrl, await makeApiToken(deps.db, agencyId, user.id));
    const actor = { agencyId, userId: user.id, role: 'manager' as const };

    // Two rows ready, "large" above one: the import goes to the background.
    const started = await importFile(
      deps,
      actor,
      { file: Buffer.from(secondCsv), fileName: 'second.csv', mapping: 'auto', dryRun: false },
      1,
    );
    expect(started).toMatchObject({ status: 'importing', ready: 2, imported: 0 });
    const queued = await api.get(`/imports/${started.batchId}`);
    expect(queued.body).toMatchObject({ status: 'importing', progress: { written: 0, total: 2 } });

    const job = await deps.queues.get('default').getJob(`import-batch-${started.batchId}`);
    expect(job?.name).toBe('import-batch');
    // Redis keeps payloads in clear text: the batch id and nothing else (no file, name or rows).
    expect(job?.data).toEqual({ batchId: started.batchId });

    const worker = ctx().startWorker();
    await waitFor(
      async () => (await api.get(`/imports/${started.batchId}`)).body.status === 'imported',
      30_000,
    );
    await worker.close();

    const done = await api.get(`/imports/${started.batchId}`);
    expect(done.body).toMatchObject({ imported: 2, progress: { written: 2, total: 2 } });
    const finished = await deps.queues.get('default').getJob(`import-batch-${started.batchId}`);
    expect(finished?.returnvalue).toBe('imported 2');
    expect(finished?.progress).toEqual({ done: 2, total: 2 });
    const [count] = await rows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from enquiries where import_batch_id = ${started.batchId}`,
    );
    expect(count!.n).toBe(2);
  });
});
