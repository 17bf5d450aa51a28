import { sql } from 'drizzle-orm';
import { handoffs } from '../handoffs/handoffs.table.ts';
import type { hubDatasets } from './export-dictionary-hubs.ts';
import type { Selections } from './export-selection.ts';

/** The selections of export-dictionary-hubs.ts. */
export const hubSelections: Selections<(typeof hubDatasets)[number]['name']> = {
  handoffs: {
    from: handoffs,
    // The agency holding the household: the council once it accepted, the hub until then.
    agency: sql`(case when ${handoffs.status} = 'accepted' then ${handoffs.councilId} else ${handoffs.hubId} end)`,
    fields: {
      id: handoffs.id,
      enquiry_id: handoffs.enquiryId,
      hub_id: handoffs.hubId,
      council_id: handoffs.councilId,
      status: handoffs.status,
      note: handoffs.note,
      return_reason: handoffs.returnReason,
      offered_at: handoffs.offeredAt,
      offered_by: handoffs.offeredBy,
      due_at: handoffs.dueAt,
      decided_at: handoffs.decidedAt,
      decided_by: handoffs.decidedBy,
      created_at: handoffs.createdAt,
    },
  },
};
