/**
 * Part of the data dictionary (export-dictionary.ts): a regional hub's offers of households to its
 * member councils (issue 17).
 */
export const hubDatasets = [
  {
    name: 'handoffs',
    description:
      'One row per offer of a household by a regional hub to one of its member councils. Exported by the agency that holds the household: the council for offers it accepted (the household is then its record), the hub for every other offer (open, returned or timed out). A hub’s accepted offers leave its export with the household; it counts them through enquiries.hub_id.',
    columns: {
      id: 'The hand-off’s identifier.',
      enquiry_id: 'The enquiry offered (enquiries.csv): the same id before and after the hand-off.',
      hub_id: 'The hub that offered it (agency id).',
      council_id: 'The member council it was offered to (agency id).',
      status:
        '"offered" (waiting for the council), "accepted" (the household is the council’s), "returned" (the council gave it back with a reason) or "timed_out" (not answered in time; it stayed with the hub).',
      note: 'The hub’s note for the council (blank if none, or once the household is anonymised).',
      return_reason:
        'Why the council returned it ("Anonymised" once the household is); blank unless returned.',
      offered_at: 'When the hub offered it (ISO 8601, UTC).',
      offered_by: 'The hub’s member of staff who offered it (a user of the hub).',
      due_at:
        'When the council’s answer was due (ISO 8601, UTC): the end of the last working day of the hub’s clock.',
      decided_at: 'When it was accepted, returned or timed out (ISO 8601, UTC); blank while offered.',
      decided_by: 'The council’s member of staff who answered (users.csv); blank if it timed out.',
      created_at: 'When the row was written (ISO 8601, UTC).',
    },
  },
] as const;
