import { firstNames, lastNames, streets, towns } from '../demo/names.ts';
import {
  CAMPAIGN_DAYS,
  campaignStarts,
  HISTORY_DAYS,
  instantOf,
  stageOf,
  type PlanSettings,
} from './generate-plan.ts';
import { quote, textArray } from './sql-text.ts';

/**
 * One `INSERT … SELECT` per table, all reading the plan (generate-plan.ts). Enquiry and household
 * ids are drawn once in the plan; agencies, campaigns and sessions get theirs from pg_temp.id(kind, n),
 * so children find their parents without a join.
 */

/** Postcode areas handed out to the agencies in turn (inward codes use the letters Royal Mail does). */
const postcodeAreas = [
  'NR',
  'IP',
  'CB',
  'PE',
  'LN',
  'NG',
  'LE',
  'DE',
  'S',
  'DN',
  'HU',
  'YO',
  'LS',
  'BD',
  'M',
];
const postcodeLetters = 'ABDEFGHJLNPQRSTUWXYZ'.split('');
const campaignChannels = ['digital', 'outdoor', 'broadcast', 'print', 'event'];
const costLines = [
  'Social media adverts',
  'Bus shelter posters',
  'Radio slot',
  'Leaflet print run',
  'Stand hire',
];
/** The share of enquiries that book an information session (the next one after they enquire). */
const BOOKING_SHARE = 0.15;
const SESSION_EVERY_DAYS = 14;

export function agenciesSql(s: PlanSettings, seed: number) {
  return `insert into agencies (id, name, slug, area_postcode_prefixes, created_at)
  select pg_temp.id('agency', a),
         case when a = 0 and ${s.agencies} > 1 then 'Regional fostering hub (bench ${seed})'
              else 'Bench council ' || a || ' (seed ${seed})' end,
         'bench-${seed}-' || (a + 1),
         array[(${textArray(postcodeAreas)})[1 + a % ${postcodeAreas.length}]],
         date ${quote(s.start)} - 365
  from generate_series(0, ${s.agencies - 1}) a`;
}

export function householdsSql() {
  const letter = (k: number) => `pg_temp.pick(n, ${k}, ${textArray(postcodeLetters)})`;
  return `insert into households (id, agency_id, address_line1, town, postcode, in_area, preferences, created_at, updated_at)
  select household_id, agency_id,
         pg_temp.int_between(n, 50, 1, 180) || ' ' || pg_temp.pick(n, 51, ${textArray(streets)}),
         pg_temp.pick(n, 49, ${textArray(towns.map((t) => t.town))}),
         ag.area_postcode_prefixes[1] || pg_temp.int_between(n, 52, 1, 40) || ' ' || pg_temp.int_between(n, 53, 1, 9)
           || ${letter(54)} || ${letter(55)},
         pg_temp.u(n, 56) < 0.93,
         case when pg_temp.u(n, 57) < 0.5 then '{}'::jsonb
              else jsonb_build_object('ageFrom', pg_temp.int_between(n, 58, 0, 8), 'ageTo', pg_temp.int_between(n, 59, 9, 18)) end,
         received_at, received_at
  from bench_plan p join agencies ag on ag.id = p.agency_id`;
}

// looseNameKey of shared/identity.ts for the generated (ASCII) names, in SQL.
const nameKey = (x: string) => `lower(replace(replace(${x}, '''', ''), '-', ' '))`;

/** One or two applicants; the second shares the surname seven times in ten. */
export function peopleSql() {
  const first = `pg_temp.pick(n * 2 + pos, 60, ${textArray(firstNames)})`;
  const last = `case when pos = 2 and pg_temp.u(n, 62) < 0.3 then pg_temp.pick(n, 63, ${textArray(lastNames)})
                     else pg_temp.pick(n, 61, ${textArray(lastNames)}) end`;
  const digits = `lpad(((n * 2 + pos) % 1000000000)::text, 9, '0')`;
  // Identity keys written directly: the generated names and addresses are plain ASCII, for which
  // lower() without apostrophes and with hyphens as spaces gives what shared/identity.ts would.
  return `insert into people (agency_id, household_id, kind, position, first_name, last_name, email, phone,
                      email_key, phone_e164, last_name_key, name_key, date_of_birth, created_at, updated_at)
  select agency_id, household_id, 'applicant', pos, first_name, last_name, email, phone,
         email, '+447' || digits, ${nameKey('last_name')}, ${nameKey(`first_name || ' ' || last_name`)},
         make_date(pg_temp.int_between(n * 2 + pos, 64, 1960, 1998), pg_temp.int_between(n * 2 + pos, 65, 1, 12),
                   pg_temp.int_between(n * 2 + pos, 66, 1, 28)),
         received_at, received_at
  from (
    select y.*, lower(regexp_replace(first_name || '.' || last_name, '[^A-Za-z.]', '', 'g')) || n || '@example.com' as email,
           '07' || substr(digits, 1, 3) || ' ' || substr(digits, 4) as phone
    from (
      select p.*, pos, ${first} as first_name, ${last} as last_name, ${digits} as digits
      from bench_plan p cross join lateral generate_series(1, case when pg_temp.u(n, 67) < 0.55 then 2 else 1 end) pos
    ) y
  ) x`;
}

export function enquiriesSql(now: Date) {
  const last = 'e - 1';
  return `insert into enquiries (id, agency_id, household_id, received_at, channel, route, campaign_code, heard_about,
                         stage, stage_since, version, first_contact_due_at, first_contacted_at, created_via,
                         created_at, updated_at)
  select id, agency_id, household_id, received_at, channel, case when transfer then 'transfer' else 'mainstream' end,
         campaign_code, heard_about, ${stageOf(last)}, ${instantOf(last)}, e, received_at + interval '2 days',
         case when pg_temp.u(n, 68) < 0.9
              then least(${quote(now.toISOString())}::timestamptz, received_at + make_interval(hours => pg_temp.int_between(n, 69, 1, 40))) end,
         'demo', received_at, ${instantOf(last)}
  from bench_plan`;
}

/**
 * Every event of every path, in order: from_stage is the stage of the event before and previous_at
 * its time (the database's triggers, off for this load, would have filled it: migration 0018).
 */
export function stageEventsSql(now: Date) {
  return `insert into stage_events (agency_id, enquiry_id, from_stage, stage, at, reason, recorded_by_label, recorded_at,
                            previous_at)
  select agency_id, id, case when k > 0 then ${stageOf('k - 1')} end, ${stageOf('k')}, ${instantOf('k')},
         case when k = 6 then leaving_reason when ${stageOf('k')} = 'closed' then close_reason end,
         'bench data',
         least(${quote(now.toISOString())}::timestamptz, ${instantOf('k')} + make_interval(days => pg_temp.int_between(n * 8 + k, 70, 0, 3))),
         case when k > 0 then ${instantOf('k - 1')} end
  from bench_plan cross join lateral generate_series(0, e - 1) k`;
}

/** A campaign every 13 weeks in every agency, each with one to three cost lines. */
export function campaignsSql(s: PlanSettings) {
  const starts = campaignStarts(s.start);
  const codes = textArray(starts.map((c) => c.code));
  const days = `array[${starts.map((c) => `date ${quote(c.day)}`).join(',')}]`;
  return [
    `insert into campaigns (id, agency_id, code, name, channel, starts_on, ends_on, rag, created_at, updated_at)
     select pg_temp.id('campaign', a * 100 + c), pg_temp.id('agency', a), (${codes})[c + 1],
            'Recruitment push ' || to_char((${days})[c + 1], 'YYYY-MM'),
            (${textArray(campaignChannels)})[1 + (a + c) % ${campaignChannels.length}],
            (${days})[c + 1], (${days})[c + 1] + ${CAMPAIGN_DAYS - 1}, 'green',
            (${days})[c + 1] - 14, (${days})[c + 1] - 14
     from generate_series(0, ${s.agencies - 1}) a, generate_series(0, ${starts.length - 1}) c`,
    `insert into campaign_costs (id, campaign_id, description, amount_pence, vat, position)
     select pg_temp.id('cost', (a * 100 + c) * 10 + line), pg_temp.id('campaign', a * 100 + c),
            (${textArray(costLines)})[1 + (c + line) % ${costLines.length}],
            pg_temp.int_between((a * 100 + c) * 10 + line, 80, 50000, 2500000), 'plus_vat', line
     from generate_series(0, ${s.agencies - 1}) a, generate_series(0, ${starts.length - 1}) c,
          generate_series(1, 1 + (a + c) % 3) line`,
  ];
}

/**
 * An information session every fortnight in every agency (evenings, alternately online), a few
 * weeks ahead too; some enquirers book the next one after they enquire and three in four of those
 * held so far were attended.
 */
export function sessionsSql(s: PlanSettings) {
  const now = `${quote(s.now.toISOString())}::timestamptz`;
  const sessionStart = (dayIdx: string) =>
    `((date ${quote(s.start)} + ${dayIdx}) + time '18:30') at time zone 'Europe/London'`;
  const offset = `a % ${SESSION_EVERY_DAYS}`;
  return [
    `insert into events (id, agency_id, kind, title, starts_at, ends_at, online, venue, created_at, updated_at)
     select pg_temp.id('session', a * 100 + s), pg_temp.id('agency', a), 'information_session',
            case when s % 2 = 1 then 'Online information session' else 'Information evening' end,
            ${sessionStart(`s * ${SESSION_EVERY_DAYS} + ${offset}`)},
            ${sessionStart(`s * ${SESSION_EVERY_DAYS} + ${offset}`)} + interval '90 minutes',
            s % 2 = 1, case when s % 2 = 0 then 'Council offices' end,
            least(${now}, ${sessionStart(`s * ${SESSION_EVERY_DAYS} + ${offset}`)} - interval '30 days'),
            least(${now}, ${sessionStart(`s * ${SESSION_EVERY_DAYS} + ${offset}`)} - interval '30 days')
     from generate_series(0, ${s.agencies - 1}) a,
          generate_series(0, ${Math.ceil((HISTORY_DAYS + 28) / SESSION_EVERY_DAYS)}) s`,
    `insert into event_bookings (agency_id, event_id, enquiry_id, status, attended, booked_at, attendance_recorded_at, source)
     select b.agency_id, pg_temp.id('session', b.a * 100 + b.s), b.id, 'booked',
            case when ev.starts_at <= ${now} then pg_temp.u(b.n, 71) < 0.75 end,
            least(${now}, b.received_at + interval '1 hour'),
            case when ev.starts_at + interval '1 day' <= ${now} then ev.starts_at + interval '1 day' end, 'public'
     from (
       select p.*, floor((day_idx - ${offset})::float8 / ${SESSION_EVERY_DAYS})::int + 1 as s
       from bench_plan p where pg_temp.u(n, 72) < ${BOOKING_SHARE}
     ) b join events ev on ev.id = pg_temp.id('session', b.a * 100 + b.s)`,
  ];
}
