import { heardAboutOptions, type Channel, type HeardAbout } from '../enquiries/enquiry-options.ts';
import { firstContactDue } from '../enquiries/first-contact.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import { equalityKeys, equalityQuestions } from '../privacy/equality-questions.ts';
import { planDemoCampaigns } from './demo-campaign-plan.ts';
import type { DemoCampaign } from './demo-campaigns.ts';
import { planDemoEvents } from './demo-events.ts';
import { existingCarerHistory, planHistory, type PlannedEvent } from './history.ts';
import { areaPrefixes, fictionalPhone, firstNames, lastNames, streets, towns } from './names.ts';
import type { DemoPlan } from './plan-types.ts';
import { Random } from './random.ts';
import { financialYearOf, londonDate, londonDateTime } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';

const DAY = 86_400_000;
// January first: busiest after New Year and in May (Foster Care Fortnight), quietest in December.
const seasonality = [1.25, 1.0, 1.0, 0.95, 1.2, 1.0, 0.9, 0.85, 1.1, 1.0, 0.95, 0.8];
// About 200 enquiries a year before campaigns lift them (a county council's order): 10–30 a month.
const ENQUIRIES_PER_DAY = 200 / 365;

/**
 * The first day of the demo's history: 1 April three financial years before the current one, so the
 * last two full financial years are complete and their approvals come from enquiries the demo holds
 * (a household takes about a year from enquiry to approval).
 */
export function demoHistoryStart(now: Date): Date {
  const { startYear } = financialYearOf(londonDate(now));
  return londonDateTime(`${startYear - 3}-04-01`, '00:00');
}

interface Options {
  agencyId: string;
  officerIds: string[];
  /** Owns the campaigns and writes their progress notes. */
  commsId: string;
  campaigns: DemoCampaign[];
  now: Date;
  /** The working-day calendar first contact is due by (calendarFor: the maintained bank holidays). */
  calendar: WorkingDayCalendar;
  seed?: number;
  /** Households approved before the demo's history, some of whom leave during it. */
  existingCarers?: number;
}

/**
 * A council's recruitment from `demoHistoryStart` until today (three and a half to four years): seasonal enquiries lifted by campaigns, stage-by-stage
 * conversion and drop-out, late-recorded events, contact attempts, consents and carers who leave.
 */
export function planDemo(options: Options): DemoPlan {
  const random = new Random(options.seed ?? 2026);
  const plan: DemoPlan = {
    households: [],
    people: [],
    enquiries: [],
    events: [],
    contacts: [],
    notes: [],
    consents: [],
    equality: [],
    sessions: { events: [], bookings: [] },
    campaigns: { campaigns: [], costs: [], updates: [] },
  };
  const start = demoHistoryStart(options.now).getTime();

  const steady = steadyCounter(random);
  for (let day = start; day < options.now.getTime() - DAY / 2; day += DAY) {
    const date = new Date(day);
    const active = options.campaigns.filter((c) => {
      const from = options.now.getTime() - c.startsDaysAgo * DAY;
      return day >= from && day < from + c.days * DAY;
    });
    const lift = active.reduce((l, c) => l * c.lift, 1);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.5 : 1;
    const expected = ENQUIRIES_PER_DAY * seasonality[date.getUTCMonth()]! * lift * weekend;
    for (let n = steady(expected); n > 0; n--) {
      const receivedAt = new Date(day + random.int(8 * 3600_000, 20 * 3600_000));
      // The share of enquiries a campaign causes is its lift above the baseline: 1 − 1/lift.
      const campaign =
        active.length && random.chance(1 - 1 / lift)
          ? random.weighted(
              Object.fromEntries(active.map((c) => [c.code, c.lift - 1])) as Record<string, number>,
            )
          : undefined;
      addHousehold(random, plan, options, receivedAt, campaign);
    }
  }
  for (let i = 0; i < (options.existingCarers ?? 70); i++) {
    const receivedAt = new Date(start - random.int(200, 3600) * DAY);
    addHousehold(random, plan, options, receivedAt, undefined, true);
  }
  plan.sessions = planDemoEvents(random, plan, options.campaigns, options.now, new Date(start));
  plan.campaigns = planDemoCampaigns(random, options.campaigns, {
    agencyId: options.agencyId,
    ownerId: options.commsId,
    now: options.now,
  });
  return plan;
}

/**
 * Day counts with mean `mean`, half steady and half Poisson: a council's intake varies month to
 * month, but less than pure chance, so no month of the demo looks empty. The steady half carries
 * its fractions from day to day (error diffusion), so a month gets its share whatever the dice say.
 */
function steadyCounter(random: Random) {
  let carried = random.next();
  return (mean: number) => {
    carried += mean / 2;
    const steadyPart = Math.floor(carried);
    carried -= steadyPart;
    return steadyPart + poisson(random, mean / 2);
  };
}

function poisson(random: Random, mean: number) {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

function addHousehold(
  random: Random,
  plan: DemoPlan,
  o: Options,
  receivedAt: Date,
  campaignCode?: string,
  existing = false,
) {
  const campaign = o.campaigns.find((c) => c.code === campaignCode);
  const householdId = random.uuid();
  const enquiryId = random.uuid();
  const place = random.pick(towns);
  const surname = random.pick(lastNames);
  const postcode = `${place.district} ${random.int(1, 9)}${random.pick(['AB', 'DE', 'HJ', 'LN', 'PQ', 'RT', 'WX'])}`;
  plan.households.push({
    id: householdId,
    agencyId: o.agencyId,
    addressLine1: `${random.int(1, 120)} ${random.pick(streets)}`,
    town: place.town,
    postcode,
    inArea: areaPrefixes.includes(place.district),
    preferences: random.chance(0.5)
      ? {
          ageFrom: random.int(0, 8),
          ageTo: random.int(9, 18),
          respite: random.chance(0.3),
          siblingGroups: random.chance(0.3),
        }
      : {},
    createdAt: receivedAt,
    updatedAt: receivedAt,
  });
  const applicants = random.chance(0.55) ? 2 : 1;
  const personIds: string[] = [];
  for (let i = 0; i < applicants; i++) {
    const id = random.uuid();
    personIds.push(id);
    const first = random.pick(firstNames);
    const last = i === 1 && random.chance(0.3) ? random.pick(lastNames) : surname;
    const phone = fictionalPhone(plan.people.length);
    plan.people.push({
      id,
      agencyId: o.agencyId,
      householdId,
      kind: 'applicant',
      position: i + 1,
      firstName: first,
      lastName: last,
      email: `${first}.${last}${random.int(1, 999)}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      phone,
      dateOfBirth: `${random.int(1960, 1998)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    });
  }
  if (random.chance(0.4)) {
    plan.people.push({
      id: random.uuid(),
      agencyId: o.agencyId,
      householdId,
      kind: 'member',
      position: 1,
      firstName: random.pick(firstNames),
      lastName: surname,
      relationship: random.pick(['child', 'adult_child'] as const),
      dateOfBirth: `${random.int(2004, 2020)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    });
  }

  const transfer = random.chance(0.04);
  const channel: Channel =
    campaign?.channel === 'event'
      ? 'event'
      : campaign
        ? 'web_form'
        : random.weighted({ web_form: 45, phone: 30, email: 14, event: 5, social: 4, walk_in: 2 });
  const history = existing
    ? existingCarerHistory(random, receivedAt, o.now)
    : planHistory(random, receivedAt, o.now, transfer);
  const officer = random.pick(o.officerIds);
  const last = history.at(-1)!;
  plan.enquiries.push({
    id: enquiryId,
    agencyId: o.agencyId,
    householdId,
    receivedAt,
    channel,
    route: transfer ? 'transfer' : 'mainstream',
    campaignCode: campaign?.code ?? null,
    heardAbout: random.chance(0.8) ? random.pick(Object.keys(heardAboutOptions) as HeardAbout[]) : null,
    assignedOfficerId: random.chance(0.9) ? officer : null,
    stage: last.stage,
    stageSince: last.at,
    version: history.length,
    firstContactDueAt: firstContactDue(receivedAt, o.calendar),
    createdVia: 'demo',
    createdAt: receivedAt,
    updatedAt: last.at,
  });
  history.forEach((event, i) => {
    plan.events.push({
      agencyId: o.agencyId,
      enquiryId,
      fromStage: i === 0 ? null : history[i - 1]!.stage,
      stage: event.stage,
      at: event.at,
      reason: event.reason ?? null,
      recordedBy: officer,
      // Officers often record a step a day or two after it happened.
      recordedAt: new Date(Math.min(o.now.getTime(), event.at.getTime() + random.int(0, 3) * DAY)),
    });
  });
  addContacts(random, plan, o, enquiryId, receivedAt, history, officer);
  for (const channelName of consentChannels) {
    const rates = { email: 0.6, post: 0.2, phone: 0.3, sms: 0.25 };
    plan.consents.push({
      agencyId: o.agencyId,
      personId: personIds[0]!,
      channel: channelName,
      granted: random.chance(rates[channelName]),
      wording: consentWording[channelName],
      source: 'demo',
      recordedAt: receivedAt,
    });
  }
  if (channel === 'web_form' && random.chance(0.4)) {
    const answers = Object.fromEntries(
      equalityKeys.map((k) => [k, random.pick(Object.keys(equalityQuestions[k].options))]),
    );
    plan.equality.push({ personId: personIds[0]!, agencyId: o.agencyId, answers, recordedAt: receivedAt });
  }
}

function addContacts(
  random: Random,
  plan: DemoPlan,
  o: Options,
  enquiryId: string,
  receivedAt: Date,
  history: PlannedEvent[],
  officer: string,
) {
  const closedForNoResponse = history.some((e) => e.reason === 'no_response');
  const attempts = closedForNoResponse ? random.int(2, 3) : random.chance(0.95) ? 1 : 0;
  let at = receivedAt.getTime() + random.int(1, 30) * 3600_000;
  for (let i = 0; i < attempts && at < o.now.getTime(); i++) {
    plan.contacts.push({
      agencyId: o.agencyId,
      enquiryId,
      at: new Date(at),
      method: random.pick(['phone', 'phone', 'email', 'text'] as const),
      outcome: closedForNoResponse ? random.pick(['no_answer', 'left_message', 'sent'] as const) : 'reached',
      recordedBy: officer,
    });
    at += random.int(2, 6) * DAY;
  }
  if (random.chance(0.3)) {
    plan.notes.push({
      agencyId: o.agencyId,
      enquiryId,
      body: random.pick([
        'Works shifts; best to call after 6pm.',
        'Has a spare room; asked about allowances.',
        'Interested in short breaks to start with.',
        'Previously a childminder.',
        'Wants to talk it over with their teenage children first.',
      ]),
      authorId: officer,
      createdAt: new Date(receivedAt.getTime() + DAY),
    });
  }
  // Enquiries that have been contacted have a first contact time.
  const first = plan.contacts.find((c) => c.enquiryId === enquiryId);
  const enquiry = plan.enquiries.at(-1)!;
  if (first) enquiry.firstContactedAt = first.at as Date;
}
