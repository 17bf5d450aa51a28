import { addDays, addMonths, londonToday, type IsoDate } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/db-type.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';

/** A London date so many years and days before today. */
export const ago = (years: number, days = 0): IsoDate =>
  addDays(addMonths(londonToday(), -12 * years), -days);
const noon = (date: IsoDate) => `${date}T12:00:00Z`;

export interface Planted {
  key: string;
  householdId: string;
  enquiryId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** Address line and town. */
  address: string[];
}

/**
 * One household with distinctive, searchable personal data, moved through `steps` at past dates.
 * Names are unique per run (`tag`) so a search of the whole database finds only these.
 */
export async function plantHousehold(
  db: Db,
  actor: Actor,
  tag: string,
  key: string,
  receivedOn: IsoDate,
  steps: { to: string; on: IsoDate; reason?: string; note?: string }[],
  phone: string,
): Promise<Planted> {
  const firstName = `Zephyrine${key}`;
  const lastName = `Quillfeather${tag}${key}`;
  const email = `${key.toLowerCase()}.${tag}@retention.example.com`;
  const enquiry = await makeEnquiry(
    db,
    actor.agencyId,
    {
      receivedAt: noon(receivedOn),
      household: {
        postcode: 'NR1 3QU',
        addressLine1: `${key} Larkspur Lane ${tag}`,
        town: `Wymond${key}${tag}`,
      },
      applicants: [{ firstName, lastName, email, phone, dateOfBirth: '1980-05-17' }],
      notes: `First call with ${firstName} ${lastName} about fostering`,
    },
    actor,
  );
  for (const step of steps) {
    const input = parse(Transition, { to: step.to, at: noon(step.on), reason: step.reason, note: step.note });
    await transition(db, actor, enquiry.id, input);
  }
  const address = [`${key} Larkspur Lane ${tag}`, `Wymond${key}${tag}`];
  return {
    key,
    householdId: enquiry.householdId,
    enquiryId: enquiry.id,
    firstName,
    lastName,
    email,
    phone,
    address,
  };
}

const approvedThenLeft = (start: number, leftAgo: number) => [
  { to: 'initial_visit', on: ago(start, 300) },
  { to: 'application', on: ago(start, 250) },
  { to: 'assessment', on: ago(start, 200) },
  { to: 'panel', on: ago(start, 120) },
  { to: 'approved', on: ago(start, 100) },
  { to: 'deregistered', on: ago(leftAgo, 10), reason: 'retired', note: 'Retired after many years' },
];

const withdrawn = (yearsAgo: number) => [
  { to: 'initial_visit', on: ago(yearsAgo, 200) },
  { to: 'application', on: ago(yearsAgo, 150) },
  { to: 'assessment', on: ago(yearsAgo, 100) },
  { to: 'closed', on: ago(yearsAgo, 10), reason: 'AW3', note: 'Family circumstances changed' },
];

const enquiryOnly = (yearsAgo: number) => [{ to: 'closed', on: ago(yearsAgo, 10), reason: 'AW0' }];

/**
 * The acceptance history: approved carers who left 11 and 9 years ago, applications withdrawn 4
 * and 2 years ago, enquiries 4 years and 1 year old, one (4 years old) to put under legal hold,
 * and one still open. Keys: carer11, carer9, withdrawn4, withdrawn2, enquiry4, enquiry1, held, open.
 */
export async function plantHistory(db: Db, actor: Actor, tag: string, phones: () => string) {
  const plant = (key: string, receivedOn: IsoDate, steps: Parameters<typeof plantHousehold>[5]) =>
    plantHousehold(db, actor, tag, key, receivedOn, steps, phones());
  return {
    carer11: await plant('carer11', ago(11, 360), approvedThenLeft(11, 11)),
    carer9: await plant('carer9', ago(11, 340), approvedThenLeft(11, 9)),
    withdrawn4: await plant('withdrawn4', ago(4, 250), withdrawn(4)),
    withdrawn2: await plant('withdrawn2', ago(2, 250), withdrawn(2)),
    enquiry4: await plant('enquiry4', ago(4, 40), enquiryOnly(4)),
    enquiry1: await plant('enquiry1', ago(1, 40), enquiryOnly(1)),
    held: await plant('held', ago(4, 45), enquiryOnly(4)),
    open: await plant('open', ago(0, 20), []),
  };
}
export type History = Awaited<ReturnType<typeof plantHistory>>;
