import { findAgencyBySlug, getAgency, setHubOf } from '../agencies/agencies.repo.ts';
import { NewAgency, NewMember } from '../agencies/agencies.schema.ts';
import { addMember, createAgency } from '../agencies/agencies.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { addDays, londonDate, londonDateTime } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { CreateEnquiry } from '../enquiries/enquiries.schema.ts';
import { createEnquiry } from '../enquiries/enquiries.service.ts';
import { joinNurturePool } from '../nurture/nurture-membership.ts';
import { systemActor } from '../shared/actor.ts';
import type { Role } from '../shared/roles.ts';
import { parse } from '../shared/validation.ts';
import { findUserForSignIn } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';
import { insertDemoHandoff, moveDemoHousehold } from './demo-hub.repo.ts';
import { areaPrefixes, fictionalPhone } from './names.ts';

export const DEMO_HUB_CODE = 'hub';

/**
 * One hub user, a manager (who works households and reads the hub's reports): each demo user costs
 * a password hash (about a second), so the hub adds one. Council staff are the demo's own users.
 */
export const demoHubUsers: { name: string; email: string; role: Role }[] = [
  { name: 'Mark Dunn', email: 'hub.manager@demo.fostering.local', role: 'manager' },
];

type Fate = 'accepted' | 'offered' | 'returned' | 'nurture' | 'new';

// Who enquires at the hub: postcode (which member's area), the council chosen (null: not sure), what became of it.
const people: {
  first: string;
  last: string;
  postcode: string;
  council: string | null;
  fate: Fate;
  days: number;
}[] = [
  { first: 'Aisha', last: 'Rahman', postcode: 'NR1 2AB', council: 'default', fate: 'accepted', days: 60 },
  { first: 'Ben', last: 'Carter', postcode: 'IP4 1QT', council: 'southmere', fate: 'accepted', days: 55 },
  { first: 'Chloe', last: 'Evans', postcode: 'CM2 6PL', council: 'eastbrook', fate: 'accepted', days: 48 },
  { first: 'Daniel', last: 'Novak', postcode: 'IP1 3LS', council: 'southmere', fate: 'offered', days: 12 },
  { first: 'Erin', last: 'Walsh', postcode: 'SS1 2EH', council: null, fate: 'offered', days: 9 },
  { first: 'Farid', last: 'Haddad', postcode: 'CM1 1HR', council: 'southmere', fate: 'returned', days: 30 },
  { first: 'Gemma', last: 'Price', postcode: 'NR5 9AF', council: 'default', fate: 'nurture', days: 70 },
  { first: 'Harvey', last: 'Stone', postcode: 'IP2 8DN', council: null, fate: 'nurture', days: 40 },
  { first: 'Imani', last: 'Cole', postcode: 'NR2 4TA', council: 'default', fate: 'new', days: 3 },
  { first: 'Jonah', last: 'Reid', postcode: 'SS2 5QA', council: 'eastbrook', fate: 'new', days: 1 },
];

/**
 * The demo's regional hub (issue 17): "Foster East (demo)", code `hub`, whose members are the
 * demo's own service and two more councils; enquiries at the hub for each council, some handed off
 * (accepted, so they now belong to the council), some offered and waiting, one returned, and two
 * in the nurture pool. Hub and council users share the demo password. Skipped when the hub exists.
 */
export async function seedDemoHub(db: Db, councilId: string, password: string, active: boolean, now: Date) {
  if (await findAgencyBySlug(db, DEMO_HUB_CODE)) return undefined;
  const hub = await createAgency(
    db,
    parse(NewAgency, { name: 'Foster East (demo)', code: DEMO_HUB_CODE, kind: 'hub' }),
    'demo data',
  );
  const admin = systemActor(hub.id, 'demo data');
  await setHubOf(db, councilId, { hubId: hub.id, population: 920_000, areaPostcodePrefixes: areaPrefixes });
  const members = {
    default: councilId,
    southmere: (
      await addMember(
        db,
        admin,
        parse(NewMember, {
          name: 'Southmere Council Fostering',
          code: 'southmere',
          postcodes: 'IP',
          population: '760000',
        }),
      )
    ).id,
    eastbrook: (
      await addMember(
        db,
        admin,
        parse(NewMember, {
          name: 'Eastbrook Council Fostering',
          code: 'eastbrook',
          postcodes: 'CM, SS',
          population: '1500000',
        }),
      )
    ).id,
  };
  // The demo's own service is chosen by its code, whatever it is.
  const codes = {
    default: (await getAgency(db, councilId))!.slug,
    southmere: 'southmere',
    eastbrook: 'eastbrook',
  };
  const created: { email: string; role: Role }[] = [];
  for (const u of demoHubUsers) {
    if (await findUserForSignIn(db, u.email)) continue;
    await createUser(db, admin, u, password, { active });
    created.push(u);
  }
  const officerId = (await findUserForSignIn(db, demoHubUsers[0]!.email))!.id;
  const calendar = await calendarFor(db);
  const at = (days: number) => londonDateTime(addDays(londonDate(now), -days), '10:30');
  for (const [i, p] of people.entries()) {
    const input = parse(CreateEnquiry, {
      receivedAt: at(p.days).toISOString(),
      channel: 'web_form',
      household: { postcode: p.postcode },
      applicants: [
        {
          firstName: p.first,
          lastName: p.last,
          email: `${p.first.toLowerCase()}.${p.last.toLowerCase()}@example.com`,
          phone: fictionalPhone(9000 + i),
        },
      ],
      consent: { email: true, post: false, phone: false, sms: false },
      council: p.council ? codes[p.council as keyof typeof codes] : undefined,
      allowDuplicate: true,
    });
    const enquiry = await createEnquiry(db, admin, input, 'demo');
    const council = members[(p.council ?? homeOf(p.postcode)) as keyof typeof members];
    const offeredAt = at(p.days - 2);
    const dueAt = londonDateTime(calendar.addWorkingDays(londonDate(offeredAt), 2), '17:00');
    const handoff = {
      enquiryId: enquiry.id,
      hubId: hub.id,
      councilId: council,
      offeredAt,
      offeredBy: officerId,
      dueAt,
    };
    if (p.fate === 'accepted') {
      const decidedAt = at(p.days - 3);
      await insertDemoHandoff(db, {
        ...handoff,
        status: 'accepted',
        note: 'Keen, flexible hours; spoke at length on the phone.',
        decidedAt,
      });
      await moveDemoHousehold(db, enquiry.id, council, decidedAt);
    } else if (p.fate === 'offered') {
      await insertDemoHandoff(db, {
        ...handoff,
        offeredAt: at(1),
        dueAt: londonDateTime(calendar.addWorkingDays(londonDate(at(1)), 2), '17:00'),
        status: 'offered',
        note: 'Would like to start with short breaks.',
      });
    } else if (p.fate === 'returned') {
      await insertDemoHandoff(db, {
        ...handoff,
        status: 'returned',
        note: 'Chose Southmere though they live in Eastbrook.',
        returnReason: 'They live in Eastbrook’s area; please offer them to Eastbrook, who can visit sooner.',
        decidedAt: at(p.days - 4),
      });
    } else if (p.fate === 'nurture') {
      await joinNurturePool(db, { ...admin, userId: officerId, role: 'officer' }, enquiry.id, at(p.days - 5));
    }
  }
  return { hubId: hub.id, memberIds: Object.values(members), users: created };
}

const homeOf = (postcode: string) =>
  postcode.startsWith('NR') ? 'default' : postcode.startsWith('IP') ? 'southmere' : 'eastbrook';
