import type { Db } from '../db/client.ts';
import { completeWorkerCheck as markWorkerCheckComplete } from './system.repo.ts';

/** The worker's side of the "is the worker running?" check: true if this run completed it. */
export async function completeWorkerCheck(db: Db, checkId: string) {
  return markWorkerCheckComplete(db, checkId);
}
