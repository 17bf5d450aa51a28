import { auditEvents } from '../audit/audit.table.ts';
import type { Db } from '../db/db-type.ts';
import { insertTogether } from '../db/insert-together.ts';
import { households, people } from '../households/households.table.ts';
import { messages } from '../messages/messages.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { consents } from '../privacy/consents.table.ts';
import { notes } from './activity.table.ts';
import { enquiries } from './enquiries.table.ts';

/** Every row of a new enquiry; the household and its people only when the household is new. */
export interface NewEnquiryWrite {
  household?: typeof households.$inferInsert;
  people: (typeof people.$inferInsert)[];
  enquiry: typeof enquiries.$inferInsert;
  consents: (typeof consents.$inferInsert)[];
  audit: typeof auditEvents.$inferInsert;
  message?: typeof messages.$inferInsert;
  note?: typeof notes.$inferInsert;
  firstStage: typeof stageEvents.$inferInsert;
}

/**
 * Writes a new enquiry in one prepared statement (db/insert-together.ts): household, people,
 * enquiry, consents, audit entry, welcome email (once per idempotency key), note, and the first
 * stage event, which it returns as stored (its id and previous_at come from the database).
 */
export async function insertNewEnquiry(db: Db, write: NewEnquiryWrite) {
  const [firstStage] = await insertTogether(
    db,
    [
      { table: households, rows: write.household ? [write.household] : [] },
      { table: people, rows: write.people },
      { table: enquiries, rows: [write.enquiry] },
      { table: consents, rows: write.consents },
      { table: auditEvents, rows: [write.audit] },
      {
        table: messages,
        rows: write.message ? [write.message] : [],
        conflictDoNothing: [messages.agencyId, messages.idempotencyKey],
      },
      { table: notes, rows: write.note ? [write.note] : [] },
    ],
    { table: stageEvents, rows: [write.firstStage] },
  );
  return firstStage!;
}
