import type { Rag } from './campaign-options.ts';
import { poundsFromPence, type CampaignInput } from './campaigns.schema.ts';

/** GOV.UK tag colours for the action plan's ratings. */
export const ragTagClasses: Record<Rag, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};

/** The review date has come and no progress note has been written since it: someone should look. */
export const isReviewDue = (reviewOn: string | null, lastNoteOn: string | null, today: string) =>
  !!reviewOn && reviewOn <= today && !(lastNoteOn && lastNoteOn >= reviewOn);

const dateParts = (iso: string | null) =>
  iso ? { day: iso.slice(8), month: iso.slice(5, 7), year: iso.slice(0, 4) } : {};

/** A campaign as the edit form's fields. */
export function campaignToForm(c: Omit<CampaignInput, 'rag'>) {
  return {
    code: c.code,
    name: c.name,
    channel: c.channel,
    startsOn: dateParts(c.startsOn),
    endsOn: dateParts(c.endsOn),
    reviewOn: dateParts(c.reviewOn),
    ownerId: c.ownerId ?? '',
    costs: [
      ...c.costs.map((line) => ({
        description: line.description,
        amount: poundsFromPence(line.amountPence),
        vat: line.vat,
      })),
      // Always room for one more line.
      { description: '', amount: '', vat: 'no_vat' },
    ],
  };
}
