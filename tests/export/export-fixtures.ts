/** The data the export test fills two agencies with, and independent counts of it. */
import { sql } from 'drizzle-orm';
import { calendarFor } from '../../src/calendar/calendar.service.ts';
import { rows } from '../../src/db/rows.ts';
import { demoCampaigns } from '../../src/demo/demo-campaigns.ts';
import { insertDemoPlan } from '../../src/demo/demo.repo.ts';
import { planDemo } from '../../src/demo/plan.ts';
import { eventStaff, events } from '../../src/events/events.table.ts';
import { households } from '../../src/households/households.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { panelCases, panels } from '../../src/panels/panels.table.ts';
import { notes } from '../../src/enquiries/activity.table.ts';
import { visits } from '../../src/visits/visits.table.ts';
import type { Db } from '../../src/db/client.ts';
import { temporaryApprovalExtensions } from '../../src/connected-person/temporary-approval.table.ts';
import { makeUser } from '../factories.ts';

/** Independent counts: plain SQL per table, for one agency (children of campaigns and events through them). */
const countSql: Record<string, (agencyId: string) => ReturnType<typeof sql>> = {
  agency: (a) => sql`select count(*)::int as n from agencies where id = ${a}`,
  'import-batches': (a) => sql`select count(*)::int as n from import_batches where agency_id = ${a}`,
  'import-mappings': (a) => sql`select count(*)::int as n from import_mappings where agency_id = ${a}`,
  'email-templates': (a) => sql`select count(*)::int as n from email_templates where agency_id = ${a}`,
  'email-template-versions': (a) =>
    sql`select count(*)::int as n from email_template_versions where agency_id = ${a}`,
  'legal-holds': (a) => sql`select count(*)::int as n from legal_holds where agency_id = ${a}`,
  'retention-schedule': (a) => sql`select count(*)::int as n from retention_schedules where agency_id = ${a}`,
  'retention-schedule-changes': (a) =>
    sql`select count(*)::int as n from retention_schedule_changes where agency_id = ${a}`,
  'disposal-decisions': (a) => sql`select count(*)::int as n from disposal_decisions where agency_id = ${a}`,
  'data-requests': (a) => sql`select count(*)::int as n from data_requests where agency_id = ${a}`,
  tasks: (a) => sql`select count(*)::int as n from tasks where agency_id = ${a}`,
  'held-submissions': (a) => sql`select count(*)::int as n from held_submissions where agency_id = ${a}`,
  targets: (a) => sql`select count(*)::int as n from targets where agency_id = ${a}`,
  mailings: (a) => sql`select count(*)::int as n from mailings where agency_id = ${a}`,
  'approval-setting-changes': (a) =>
    sql`select count(*)::int as n from approval_setting_changes where agency_id = ${a}`,
  settings: (a) => sql`select count(*)::int as n from settings where key = ${'follow_ups:' + a}`,
  households: (a) => sql`select count(*)::int as n from households where agency_id = ${a}`,
  people: (a) => sql`select count(*)::int as n from people where agency_id = ${a}`,
  enquiries: (a) => sql`select count(*)::int as n from enquiries where agency_id = ${a}`,
  'temporary-approval-extensions': (a) =>
    sql`select count(*)::int as n from temporary_approval_extensions where agency_id = ${a}`,
  'exit-surveys': (a) => sql`select count(*)::int as n from exit_surveys where agency_id = ${a}`,
  // Independent of the selection's expression: the council's accepted offers, the hub's others.
  handoffs: (a) =>
    sql`select count(*)::int as n from handoffs where (status = 'accepted' and council_id = ${a}) or (status <> 'accepted' and hub_id = ${a})`,
  'stage-events': (a) => sql`select count(*)::int as n from stage_events where agency_id = ${a}`,
  'contact-attempts': (a) => sql`select count(*)::int as n from contact_attempts where agency_id = ${a}`,
  notes: (a) => sql`select count(*)::int as n from notes where agency_id = ${a}`,
  consents: (a) => sql`select count(*)::int as n from consents where agency_id = ${a}`,
  events: (a) => sql`select count(*)::int as n from events where agency_id = ${a}`,
  'event-staff': (a) =>
    sql`select count(*)::int as n from event_staff s join events e on e.id = s.event_id where e.agency_id = ${a}`,
  bookings: (a) => sql`select count(*)::int as n from event_bookings where agency_id = ${a}`,
  visits: (a) => sql`select count(*)::int as n from visits where agency_id = ${a}`,
  panels: (a) => sql`select count(*)::int as n from panels where agency_id = ${a}`,
  'panel-cases': (a) => sql`select count(*)::int as n from panel_cases where agency_id = ${a}`,
  'check-types': (a) => sql`select count(*)::int as n from check_types where agency_id = ${a}`,
  'assessment-checks': (a) => sql`select count(*)::int as n from assessment_checks where agency_id = ${a}`,
  campaigns: (a) => sql`select count(*)::int as n from campaigns where agency_id = ${a}`,
  'campaign-costs': (a) =>
    sql`select count(*)::int as n from campaign_costs c join campaigns p on p.id = c.campaign_id where p.agency_id = ${a}`,
  'campaign-updates': (a) =>
    sql`select count(*)::int as n from campaign_updates c join campaigns p on p.id = c.campaign_id where p.agency_id = ${a}`,
  messages: (a) => sql`select count(*)::int as n from messages where agency_id = ${a}`,
  audit: (a) => sql`select count(*)::int as n from audit_events where agency_id = ${a}`,
  users: (a) => sql`select count(*)::int as n from users where agency_id = ${a}`,
};

export async function counts(db: Db, agencyId: string) {
  const result: Record<string, number> = {};
  for (const [name, query] of Object.entries(countSql))
    result[name] = (await rows<{ n: number }>(db, query(agencyId)))[0]!.n;
  return result;
}

/** Every identifier an agency's rows carry, to look for in the other agency's export. */
export async function idsOf(db: Db, agencyId: string) {
  const found = await rows<{ id: string }>(
    db,
    sql`select id::text as id from households where agency_id = ${agencyId}
        union all select id::text from people where agency_id = ${agencyId}
        union all select id::text from enquiries where agency_id = ${agencyId}
        union all select id::text from events where agency_id = ${agencyId}
        union all select id::text from event_bookings where agency_id = ${agencyId}
        union all select id::text from visits where agency_id = ${agencyId}
        union all select id::text from panels where agency_id = ${agencyId}
        union all select id::text from panel_cases where agency_id = ${agencyId}
        union all select id::text from check_types where agency_id = ${agencyId}
        union all select id::text from assessment_checks where agency_id = ${agencyId}
        union all select id::text from campaigns where agency_id = ${agencyId}
        union all select c.id::text from campaign_costs c join campaigns p on p.id = c.campaign_id where p.agency_id = ${agencyId}
        union all select c.id::text from campaign_updates c join campaigns p on p.id = c.campaign_id where p.agency_id = ${agencyId}
        union all select id::text from contact_attempts where agency_id = ${agencyId}
        union all select id::text from notes where agency_id = ${agencyId}
        union all select id::text from messages where agency_id = ${agencyId}
        union all select id::text from users where agency_id = ${agencyId}
        union all select id::text from import_batches where agency_id = ${agencyId}
        union all select id::text from legal_holds where agency_id = ${agencyId}
        union all select id::text from data_requests where agency_id = ${agencyId}
        union all select id::text from held_submissions where agency_id = ${agencyId}
        union all select id::text from mailings where agency_id = ${agencyId}
        union all select id::text from targets where agency_id = ${agencyId}`,
  );
  return [agencyId, ...found.map((r) => r.id)];
}

/**
 * One agency's data in every table: three-plus years of demo history (households, people,
 * enquiries, stage events, contacts, notes, consents, events, bookings, campaigns, costs, notes),
 * plus the visits, panels, emails and event staff the demo does not make.
 */
export async function fillAgency(db: Db, agencyId: string, seed: number, marker: string) {
  const officer = await makeUser(db, agencyId, 'officer');
  const comms = await makeUser(db, agencyId, 'comms');
  const plan = planDemo({
    agencyId,
    officerIds: [officer.id],
    commsId: comms.id,
    campaigns: demoCampaigns,
    calendar: await calendarFor(db),
    now: new Date(),
    seed,
  });
  await insertDemoPlan(db, plan);
  const enquiry = plan.enquiries[0]!;
  const [panel] = await db
    .insert(panels)
    .values({ agencyId, meetsOn: '2025-01-15', chair: `Chair ${marker}` })
    .returning();
  await db
    .insert(panelCases)
    .values({ agencyId, panelId: panel!.id, enquiryId: enquiry.id!, papersSentOn: '2025-01-02' });
  await db.insert(visits).values({
    agencyId,
    enquiryId: enquiry.id!,
    scheduledFor: new Date('2025-01-10T10:00:00Z'),
    officerId: officer.id,
    status: 'completed',
  });
  const [event] = await db
    .select({ id: events.id })
    .from(events)
    .where(sql`${events.agencyId} = ${agencyId}`)
    .limit(1);
  await db.insert(eventStaff).values({ eventId: event!.id, userId: officer.id });
  await db.insert(messages).values({
    agencyId,
    enquiryId: enquiry.id!,
    toAddress: `secret-address-${marker}@example.com`,
    trigger: 'welcome',
    purpose: 'follow_up',
    idempotencyKey: `welcome:${marker}`,
    subject: `SECRET SUBJECT ${marker}`,
    bodyText: `SECRET BODY ${marker}`,
    bodyHtml: `<p>SECRET BODY ${marker}</p>`,
    status: 'failed',
    lastError: `550 <jo-${marker}@example.com>: no such user`,
  });
  // Text a spreadsheet would run as a formula, and a note with a comma, quotes and a line break.
  await db
    .insert(households)
    .values({ agencyId, postcode: 'NR1 3QU', addressLine1: '=HYPERLINK("http://x.test")' });
  await db
    .insert(notes)
    .values({ agencyId, enquiryId: enquiry.id!, body: `Called, "no answer"\nTry again ${marker}` });
  await db.insert(temporaryApprovalExtensions).values({
    agencyId,
    enquiryId: enquiry.id!,
    weeks: 8,
    agreedOn: '2025-01-20',
    agreedBy: `Nominated officer ${marker}`,
    reason: 'Panel booked after the 16 weeks',
  });
  await fillNewerTables(db, agencyId, enquiry.householdId!, officer.id, marker);
}

/**
 * A row in each table added with imports, retention and data requests (issue 14), and the uploaded
 * file's bytes (not exported: the marker in them must not appear).
 */
async function fillNewerTables(
  db: Db,
  agencyId: string,
  householdId: string,
  userId: string,
  marker: string,
) {
  const [batch] = await rows<{ id: string }>(
    db,
    sql`insert into import_batches (agency_id, file_name, file_sha256, status, created_by)
        values (${agencyId}, ${`tracker-${marker}.csv`}, 'abc123', 'checked', ${userId}) returning id`,
  );
  await db.execute(sql`insert into import_files (batch_id, bytes, size)
        values (${batch!.id}, ${Buffer.from(`SECRET FILE ${marker}`)}, 20)`);
  await db.execute(sql`insert into import_batch_rows (batch_id, row, plan)
        values (${batch!.id}, 2, ${JSON.stringify({ secret: `SECRET PLAN ${marker}` })}::jsonb)`);
  await db.execute(sql`update households set import_batch_id = ${batch!.id} where id = ${householdId}`);
  await db.execute(sql`insert into legal_holds (agency_id, household_id, reason, placed_by)
        values (${agencyId}, ${householdId}, ${`Complaint ${marker}`}, ${userId})`);
  await db.execute(sql`insert into data_requests (agency_id, kind, household_id, received_on, due_on)
        values (${agencyId}, 'subject_access', ${householdId}, '2026-01-05', '2026-02-05')`);
  await db.execute(sql`insert into retention_schedules (agency_id, approved_carer_years,
        refused_or_withdrawn_years, enquiry_only_years) values (${agencyId}, 12, 3, 3)`);
  await db.execute(sql`insert into held_submissions (agency_id, received_at, reason, input)
        values (${agencyId}, now(), 'too_fast', ${JSON.stringify({ firstName: `Held ${marker}` })}::jsonb)`);
  await db.execute(
    sql`insert into targets (agency_id, kind, year, carers) values (${agencyId}, 'calendar', 2026, 20)`,
  );
  await db.execute(sql`insert into approval_setting_changes (agency_id, setting, value, previous_value,
        effective_from, reason) values (${agencyId}, 'timeliness_standard', '6'::jsonb, '8'::jsonb,
        '2026-04-01', 'Council standard tightened')`);
  await db.execute(sql`insert into settings (key, value)
        values (${`follow_ups:${agencyId}`}, ${JSON.stringify({ welcome: false })}::jsonb)`);
}
