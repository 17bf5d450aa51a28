import type { Db } from '../db/client.ts';
import { AppError } from '../shared/errors.ts';
import type { ReadTable } from './import-types.ts';
import { fileOf, type ImportBatch } from './imports.repo.ts';
import { readTable } from './read-table.ts';

/**
 * A batch's uploaded file read again (the mapping page shows its columns and values). The file is
 * deleted once the batch is imported, rolled back or left unused (personal data, kept no longer
 * than needed), so it is a 409 after that.
 * @param batch a batch already read for the actor's agency (getImportBatch)
 */
export async function batchTable(db: Db, batch: ImportBatch): Promise<ReadTable> {
  const file = await fileOf(db, batch.id);
  if (!file) {
    throw new AppError(
      'conflict',
      'The file of this import is no longer kept: upload it again to import it.',
    );
  }
  return readTable(file, { fileName: batch.fileName, sheet: batch.sheet ?? undefined });
}
