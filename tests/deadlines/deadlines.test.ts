import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atRisk,
  deadlineKeys,
  deadlinesFor,
  endOfDueDay,
  firstContactDueOn,
  type Deadline,
  type DeadlineKey,
  type HouseholdFacts,
  type PanelCaseFacts,
} from '../../src/deadlines/deadlines.ts';
import { firstContactDue } from '../../src/enquiries/first-contact.ts';
import { activeStages, stages, type Stage } from '../../src/pipeline/stages.ts';
import { addDays, londonDate, londonDateTime, type IsoDate } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/working-days.ts';

const cal = defaultCalendar;
/** Midday London time on a date: "now" for a test. */
const on = (date: IsoDate, time = '12:00') => londonDateTime(date, time);

function facts(overrides: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    stage: 'enquiry',
    receivedAt: on('2025-01-06', '10:00'),
    firstContactedAt: null,
    contactAttempts: [],
    applicationAt: null,
    panelCases: [],
    closure: null,
    route: 'mainstream',
    placedOn: null,
    extension: null,
    approvedAt: null,
    ...overrides,
  };
}

const panelCase = (overrides: Partial<PanelCaseFacts> = {}): PanelCaseFacts => ({
  meetsOn: '2025-04-23',
  papersSentOn: null,
  recommendation: null,
  minutesReceivedOn: null,
  decidedOn: null,
  ...overrides,
});

function deadline(f: HouseholdFacts, key: DeadlineKey, now: Date): Deadline {
  return deadlinesFor(f, cal, now).find((d) => d.key === key)!;
}

/** An application in assessment, received on `date`. */
const inAssessment = (date: IsoDate, overrides: Partial<HouseholdFacts> = {}) =>
  facts({
    stage: 'assessment',
    receivedAt: on(addDays(date, -40)),
    firstContactedAt: on(addDays(date, -39)),
    contactAttempts: [{ at: on(addDays(date, -39)), outcome: 'reached' }],
    applicationAt: on(date, '14:00'),
    ...overrides,
  });

describe('first contact: within 1 working day', () => {
  it('is due by the end of the next working day, skipping Christmas and Boxing Day', () => {
    const f = facts({ receivedAt: on('2024-12-24', '17:30') });
    expect(deadline(f, 'first_contact', on('2024-12-24', '18:00'))).toMatchObject({
      dueOn: '2024-12-27',
      state: 'due_soon',
      daysOverdue: 0,
    });
    expect(deadline(f, 'first_contact', on('2024-12-28'))).toMatchObject({
      state: 'overdue',
      daysOverdue: 1,
    });
  });

  it('skips substitute days when Christmas falls at a weekend (2021)', () => {
    const f = facts({ receivedAt: on('2021-12-24', '16:00') });
    expect(deadline(f, 'first_contact', on('2021-12-24', '16:30')).dueOn).toBe('2021-12-29');
  });

  it('skips New Year’s Day across the year end', () => {
    const f = facts({ receivedAt: on('2025-12-31', '09:00') });
    expect(deadline(f, 'first_contact', on('2025-12-31')).dueOn).toBe('2026-01-02');
  });

  it('counts from the London date, not the UTC one', () => {
    // 23:30 UTC on Sunday 30 March 2025 is 00:30 BST on Monday 31 March.
    const f = facts({ receivedAt: new Date('2025-03-30T23:30:00Z') });
    expect(deadline(f, 'first_contact', new Date('2025-03-31T08:00:00Z')).dueOn).toBe('2025-04-01');
  });

  it('is met by the first attempt, and says when one was late', () => {
    const f = facts({ receivedAt: on('2024-12-24', '17:30'), firstContactedAt: on('2024-12-27', '09:00') });
    expect(deadline(f, 'first_contact', on('2025-01-10'))).toMatchObject({
      state: 'met',
      metOn: '2024-12-27',
      late: false,
    });
    const late = { ...f, firstContactedAt: on('2024-12-30') };
    expect(deadline(late, 'first_contact', on('2025-01-10'))).toMatchObject({ state: 'met', late: true });
  });

  it('no longer applies once the household has moved on or closed without a recorded contact', () => {
    for (const stage of ['initial_visit', 'closed'] as const) {
      const f = facts({ stage, receivedAt: on('2024-01-08') });
      expect(deadline(f, 'first_contact', on('2025-01-10')).state).toBe('not_applicable');
    }
  });
});

describe('second contact attempt: before closing for no response', () => {
  const first = { at: on('2025-04-17', '15:00'), outcome: 'no_answer' as const };

  it('is due 2 working days after an unanswered first attempt, over Easter', () => {
    const f = facts({ receivedAt: on('2025-04-16'), firstContactedAt: first.at, contactAttempts: [first] });
    expect(deadline(f, 'second_contact', on('2025-04-17', '16:00'))).toMatchObject({
      dueOn: '2025-04-23',
      state: 'due_soon',
    });
    expect(deadline(f, 'second_contact', on('2025-04-24')).state).toBe('overdue');
  });

  it('is met by any later attempt, and does not apply when the first attempt reached them', () => {
    const second = { at: on('2025-04-22'), outcome: 'left_message' as const };
    const f = facts({ receivedAt: on('2025-04-16'), contactAttempts: [second, first] });
    expect(deadline(f, 'second_contact', on('2025-05-01'))).toMatchObject({
      state: 'met',
      metOn: '2025-04-22',
    });
    const reached = facts({ contactAttempts: [{ ...first, outcome: 'reached' }] });
    expect(deadline(reached, 'second_contact', on('2025-05-01')).state).toBe('not_applicable');
  });

  it('stops applying once the household has moved on to an initial visit', () => {
    const f = facts({ stage: 'initial_visit', contactAttempts: [first] });
    expect(deadline(f, 'second_contact', on('2025-05-01')).state).toBe('not_applicable');
  });
});

describe('panel recommendation: within 8 months of the application', () => {
  it('counts 8 calendar months from an application received just before Christmas', () => {
    const f = inAssessment('2024-12-20');
    expect(deadline(f, 'panel_recommendation', on('2025-06-01'))).toMatchObject({
      dueOn: '2025-08-20',
      state: 'upcoming',
    });
    expect(deadline(f, 'panel_recommendation', on('2025-07-25')).state).toBe('due_soon');
    expect(deadline(f, 'panel_recommendation', on('2025-08-20', '23:59')).state).toBe('due_soon');
    expect(deadline(f, 'panel_recommendation', on('2025-08-21', '00:00'))).toMatchObject({
      state: 'overdue',
      daysOverdue: 1,
    });
  });

  it('uses the month’s last day when the month is shorter', () => {
    expect(deadline(inAssessment('2023-06-30'), 'panel_recommendation', on('2023-07-01')).dueOn).toBe(
      '2024-02-29',
    );
  });

  it('is overdue for a household 9 months into assessment with no panel booked', () => {
    const f = inAssessment('2025-01-15');
    const d = deadline(f, 'panel_recommendation', on('2025-10-15'));
    expect(d).toMatchObject({ dueOn: '2025-09-15', state: 'overdue', daysOverdue: 30 });
    expect(atRisk(d)).toBe(true);
  });

  it('is met by the panel meeting that recommended, ignoring panels before a reopened application', () => {
    const old = panelCase({ meetsOn: '2023-05-10', recommendation: 'not_approve' });
    const f = inAssessment('2024-12-20', {
      stage: 'panel',
      panelCases: [old, panelCase({ meetsOn: '2025-09-03', recommendation: 'approve' })],
    });
    expect(deadline(f, 'panel_recommendation', on('2025-09-10'))).toMatchObject({
      state: 'met',
      metOn: '2025-09-03',
      late: true,
    });
    const onlyOld = { ...f, panelCases: [old] };
    expect(deadline(onlyOld, 'panel_recommendation', on('2025-09-10')).state).toBe('overdue');
  });

  it('does not apply to a household that withdrew', () => {
    const f = inAssessment('2024-12-20', {
      stage: 'closed',
      closure: { at: on('2025-03-01'), reason: 'AW3' },
    });
    expect(deadline(f, 'panel_recommendation', on('2025-10-01')).state).toBe('not_applicable');
  });
});

describe('panel papers: 5 working days before the meeting', () => {
  const booked = (c: Partial<PanelCaseFacts>) =>
    inAssessment('2024-10-01', { stage: 'panel', panelCases: [panelCase(c)] });

  it('is due 5 working days before a panel the week after Easter', () => {
    const f = booked({ meetsOn: '2025-04-23' });
    expect(deadline(f, 'panel_papers', on('2025-04-01'))).toMatchObject({
      dueOn: '2025-04-14',
      state: 'upcoming',
    });
    expect(deadline(f, 'panel_papers', on('2025-04-10')).state).toBe('due_soon');
    expect(deadline(f, 'panel_papers', on('2025-04-15')).state).toBe('overdue');
  });

  it('counts back over New Year for a panel early in January', () => {
    expect(deadline(booked({ meetsOn: '2026-01-06' }), 'panel_papers', on('2025-12-01')).dueOn).toBe(
      '2025-12-29',
    );
  });

  it('is met when the papers were sent, late if after the due date', () => {
    expect(deadline(booked({ papersSentOn: '2025-04-14' }), 'panel_papers', on('2025-04-20'))).toMatchObject({
      state: 'met',
      late: false,
    });
    expect(deadline(booked({ papersSentOn: '2025-04-15' }), 'panel_papers', on('2025-04-20'))).toMatchObject({
      state: 'met',
      late: true,
    });
  });

  it('follows the latest booking', () => {
    const f = inAssessment('2024-10-01', {
      stage: 'panel',
      panelCases: [panelCase({ meetsOn: '2025-05-14' }), panelCase({ meetsOn: '2025-04-23' })],
    });
    expect(deadline(f, 'panel_papers', on('2025-04-01')).dueOn).toBe('2025-05-07');
  });
});

describe('decision: within 7 working days of the minutes', () => {
  const minutes = (c: Partial<PanelCaseFacts> = {}, stage: Stage = 'panel') =>
    inAssessment('2025-06-02', {
      stage,
      panelCases: [
        panelCase({ meetsOn: '2025-12-17', papersSentOn: '2025-12-08', recommendation: 'approve', ...c }),
      ],
    });

  it('counts over Christmas and New Year', () => {
    const f = minutes({ minutesReceivedOn: '2025-12-22' });
    expect(deadline(f, 'decision', on('2025-12-23'))).toMatchObject({
      dueOn: '2026-01-05',
      state: 'upcoming',
      workingDaysLeft: 6,
    });
    expect(deadline(f, 'decision', on('2025-12-31'))).toMatchObject({
      state: 'due_soon',
      workingDaysLeft: 2,
    });
    expect(deadline(f, 'decision', on('2026-01-06'))).toMatchObject({ state: 'overdue', daysOverdue: 1 });
  });

  it('waits for the minutes, is met by the decision, and ends when the household leaves the panel stage', () => {
    expect(deadline(minutes(), 'decision', on('2025-12-23')).state).toBe('not_applicable');
    const decided = minutes({ minutesReceivedOn: '2025-12-22', decidedOn: '2026-01-05' });
    expect(deadline(decided, 'decision', on('2026-01-20'))).toMatchObject({ state: 'met', late: false });
    const approved = minutes({ minutesReceivedOn: '2025-12-22' }, 'approved');
    expect(deadline(approved, 'decision', on('2026-01-20')).state).toBe('not_applicable');
  });
});

describe('independent review window: 28 days after a qualifying determination', () => {
  it('is open for 28 calendar days after a refusal, for information only', () => {
    const f = inAssessment('2025-03-03', {
      stage: 'closed',
      closure: { at: on('2025-12-10', '15:00'), reason: 'refused' },
    });
    const open = deadline(f, 'independent_review', on('2025-12-20'));
    expect(open).toMatchObject({ dueOn: '2026-01-07', state: 'upcoming', informational: true });
    expect(atRisk(open)).toBe(false);
    expect(deadline(f, 'independent_review', on('2026-01-08')).state).toBe('met');
  });

  it('applies after "not recommended" too, but not after a withdrawal or once reopened', () => {
    const notRecommended = facts({
      stage: 'closed',
      closure: { at: on('2025-12-10'), reason: 'not_recommended' },
    });
    expect(deadline(notRecommended, 'independent_review', on('2025-12-11')).state).toBe('upcoming');
    const withdrew = facts({ stage: 'closed', closure: { at: on('2025-12-10'), reason: 'AW1' } });
    expect(deadline(withdrew, 'independent_review', on('2025-12-11')).state).toBe('not_applicable');
    const reopened = { ...notRecommended, stage: 'enquiry' as const };
    expect(deadline(reopened, 'independent_review', on('2025-12-11')).state).toBe('not_applicable');
  });
});

// ---- Properties ----

const START = Date.parse('2015-01-01T00:00:00Z');
const END = Date.parse('2035-12-31T00:00:00Z');
const anyInstant = fc.integer({ min: START, max: END }).map((ms) => new Date(ms));
const anyDate = anyInstant.map(londonDate);
const workingDate = anyDate.map((d) => cal.addWorkingDays(d, 0));
const unanswered = fc.constantFrom('no_answer', 'left_message', 'sent') as fc.Arbitrary<
  'no_answer' | 'left_message' | 'sent'
>;
const order = { upcoming: 0, due_soon: 1, overdue: 2 } as Record<string, number>;

/**
 * Facts exercising every working-day deadline at once: an unanswered attempt, an application, and a
 * panel booking with its minutes (separate moments in real life; one set of facts is enough here).
 */
const workingDayFacts = (
  received: Date,
  attempt: Date,
  meetsOn: IsoDate,
  minutes: IsoDate,
  applicationAt: Date | null = null,
): HouseholdFacts =>
  facts({
    receivedAt: received,
    contactAttempts: [{ at: attempt, outcome: 'no_answer' }],
    applicationAt,
    panelCases: [panelCase({ meetsOn, minutesReceivedOn: minutes })],
  });

const contactKeys: readonly DeadlineKey[] = ['first_contact', 'second_contact'];

/** Every deadline, each worked out at the stage where it runs: contact for a new enquiry, the rest at panel. */
function running(f: HouseholdFacts, now: Date): Record<DeadlineKey, Deadline> {
  const asEnquiry = deadlinesFor({ ...f, stage: 'enquiry' }, cal, now);
  const atPanel = deadlinesFor({ ...f, stage: 'panel' }, cal, now);
  return Object.fromEntries(
    asEnquiry.map((d, i) => [d.key, contactKeys.includes(d.key) ? d : atPanel[i]!]),
  ) as Record<DeadlineKey, Deadline>;
}

describe('properties', () => {
  it('working-day deadlines always fall due on a working day', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, anyDate, anyDate, (received, attempt, meetsOn, minutes) => {
        const due = running(workingDayFacts(received, attempt, meetsOn, minutes), received);
        for (const key of ['first_contact', 'second_contact', 'panel_papers', 'decision'] as const) {
          expect(cal.isWorkingDay(due[key].dueOn!), `${key} ${due[key].dueOn}`).toBe(true);
        }
      }),
    );
  });

  it('first contact is 1 working day, a second attempt 2, a decision 7, papers 5 before a working-day panel', () => {
    fc.assert(
      fc.property(anyInstant, workingDate, anyDate, (received, meetsOn, minutes) => {
        const due = running(workingDayFacts(received, received, meetsOn, minutes), received);
        const day = londonDate(received);
        expect(cal.workingDaysBetween(day, due.first_contact.dueOn!)).toBe(1);
        expect(cal.workingDaysBetween(day, due.second_contact.dueOn!)).toBe(2);
        expect(cal.workingDaysBetween(minutes, due.decision.dueOn!)).toBe(7);
        expect(cal.workingDaysBetween(due.panel_papers.dueOn!, meetsOn)).toBe(5);
      }),
    );
  });

  it('the first-contact deadline is the one stored on new enquiries', () => {
    fc.assert(
      fc.property(anyInstant, (received) => {
        expect(endOfDueDay(firstContactDueOn(received, cal)).getTime()).toBe(
          firstContactDue(received, cal).getTime(),
        );
      }),
    );
  });

  it('a later starting point never gives an earlier due date', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const dueA = running(workingDayFacts(a, a, londonDate(a), londonDate(a), a), a);
        const dueB = running(workingDayFacts(b, b, londonDate(b), londonDate(b), b), b);
        for (const key of deadlineKeys.filter((k) => k !== 'independent_review')) {
          const [da, db] = [dueA[key].dueOn!, dueB[key].dueOn!];
          expect(da <= db, `${key}: ${da} then ${db}`).toBe(true);
        }
      }),
    );
  });

  it('as time passes an unmet deadline only moves from upcoming to due soon to overdue', () => {
    fc.assert(
      fc.property(anyInstant, workingDate, anyInstant, anyInstant, (received, meetsOn, n1, n2) => {
        const f = workingDayFacts(received, received, meetsOn, londonDate(received), received);
        const [early, late] = n1 <= n2 ? [n1, n2] : [n2, n1];
        const before = running(f, early);
        const after = running(f, late);
        for (const key of deadlineKeys) {
          if (!(before[key].state in order)) continue;
          expect(
            order[after[key].state]! >= order[before[key].state]!,
            `${key}: ${before[key].state} then ${after[key].state}`,
          ).toBe(true);
        }
      }),
    );
  });

  it('nothing is at risk for a household that is not moving through the pipeline', () => {
    const inactive = stages.filter((s) => !(activeStages as readonly Stage[]).includes(s));
    fc.assert(
      fc.property(
        anyInstant,
        workingDate,
        anyInstant,
        fc.constantFrom(...inactive),
        unanswered,
        (received, meetsOn, now, stage, outcome) => {
          const f: HouseholdFacts = {
            ...workingDayFacts(received, received, meetsOn, londonDate(received), received),
            contactAttempts: [{ at: received, outcome }],
            stage,
            closure: stage === 'closed' ? { at: received, reason: 'refused' } : null,
          };
          expect(deadlinesFor(f, cal, now).filter(atRisk)).toEqual([]);
        },
      ),
    );
  });
});
