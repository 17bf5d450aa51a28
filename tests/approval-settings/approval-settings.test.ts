import { describe, expect, it } from 'vitest';
import {
  standardDueOn,
  standardProgress,
  valueOn,
  type SettingChange,
} from '../../src/approval-settings/approval-settings.ts';
import { applicationOutcome } from '../../src/approval-settings/household-approval.ts';
import { londonDateTime, type IsoDate } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/working-days.ts';
import { deadlinesFor, type HouseholdFacts } from '../../src/deadlines/deadlines.ts';
import { canMove, nextStages, nextStagesOn, reasonsFor, stages } from '../../src/pipeline/stages.ts';

const on = (date: IsoDate, time = '12:00') => londonDateTime(date, time);

const change = <V>(
  value: V,
  effectiveFrom: IsoDate,
  recordedAt: IsoDate,
  previousValue: V,
): SettingChange<V> => ({
  id: `${effectiveFrom}-${recordedAt}`,
  value,
  previousValue,
  effectiveFrom,
  reason: 'test',
  recordedAt: on(recordedAt),
  recordedBy: 'Ada',
});

describe('the approval route in the state machine', () => {
  it('is unchanged on the panel route: every stage has exactly today’s moves', () => {
    for (const from of stages) {
      expect(nextStagesOn(from, 'panel_then_decision_maker')).toEqual(nextStages[from]);
      expect(nextStagesOn(from)).toEqual(nextStages[from]);
    }
  });

  it('without a panel, lets assessment go straight to approval or closing, and never to panel', () => {
    expect(nextStagesOn('assessment', 'decision_maker_only')).toEqual(['approved', 'closed']);
    expect(canMove('assessment', 'approved', 'decision_maker_only')).toBe(true);
    expect(canMove('assessment', 'panel', 'decision_maker_only')).toBe(false);
    expect(canMove('assessment', 'approved')).toBe(false);
    // Every other stage moves as today.
    for (const from of stages.filter((s) => s !== 'assessment')) {
      expect(nextStagesOn(from, 'decision_maker_only')).toEqual(nextStages[from]);
    }
  });

  it('offers the decision maker’s refusal from assessment only without a panel; "not recommended" never', () => {
    expect(Object.keys(reasonsFor('assessment', 'closed', 'decision_maker_only'))).toContain('refused');
    expect(Object.keys(reasonsFor('assessment', 'closed', 'decision_maker_only'))).not.toContain(
      'not_recommended',
    );
    expect(Object.keys(reasonsFor('assessment', 'closed'))).not.toContain('refused');
    expect(Object.keys(reasonsFor('panel', 'closed'))).toEqual(
      expect.arrayContaining(['refused', 'not_recommended']),
    );
  });
});

describe('a dated setting in force on a date', () => {
  const history = [
    change('decision_maker_only', '2027-04-01', '2026-11-01', 'panel_then_decision_maker'),
    change('panel_then_decision_maker', '2027-04-01', '2026-11-20', 'decision_maker_only'),
    change('decision_maker_only', '2027-06-01', '2026-11-21', 'panel_then_decision_maker'),
  ];

  it('is the default before any change, with no date', () => {
    expect(valueOn(history, '2027-03-31', 'panel_then_decision_maker')).toEqual({
      value: 'panel_then_decision_maker',
      since: null,
    });
  });

  it('is the later recorded of two changes for the same date, from that date on', () => {
    expect(valueOn(history, '2027-04-01', 'x')).toEqual({
      value: 'panel_then_decision_maker',
      since: '2027-04-01',
    });
    expect(valueOn(history, '2027-05-31', 'x').since).toBe('2027-04-01');
    expect(valueOn(history, '2027-06-01', 'x')).toEqual({
      value: 'decision_maker_only',
      since: '2027-06-01',
    });
  });
});

describe('the timeliness standard’s date: calendar months, never rolled over', () => {
  it.each([
    ['2026-03-03', 8, '2026-11-03'],
    ['2026-08-31', 6, '2027-02-28'], // no 31 February: the month's last day
    ['2027-08-31', 6, '2028-02-29'], // leap year
    ['2026-03-31', 8, '2026-11-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-06-30', 8, '2027-02-28'],
    ['2026-07-15', 8, '2027-03-15'],
  ])('applied %s, %i months: by the end of %s', (applied, months, due) => {
    expect(standardDueOn(applied, months)).toBe(due);
  });

  it('says how long is left or over, in weeks from two weeks', () => {
    expect(standardProgress('2026-03-03', 8, '2026-09-29', null)).toEqual({
      dueOn: '2026-11-03',
      state: 'left',
      words: '5 weeks left', // 35 days
    });
    expect(standardProgress('2026-03-03', 8, '2026-11-17', null).words).toBe('2 weeks over'); // 14 days
    expect(standardProgress('2026-03-03', 8, '2026-11-05', null).words).toBe('2 days over');
    expect(standardProgress('2026-03-03', 8, '2026-11-03', null)).toMatchObject({
      state: 'left',
      words: 'due today',
    });
    expect(standardProgress('2026-03-03', 8, '2026-12-01', '2026-10-20')).toMatchObject({
      state: 'met',
      words: 'decided 2 weeks before', // 14 days
    });
    expect(standardProgress('2026-03-03', 8, '2026-12-01', '2026-11-04')).toMatchObject({
      state: 'missed',
      words: 'decided 1 day after',
    });
  });

  it('takes the latest application and the first decision after it', () => {
    expect(
      applicationOutcome([
        { stage: 'application', at: on('2025-01-10'), reason: null },
        { stage: 'closed', at: on('2025-02-10'), reason: 'AW1' },
        { stage: 'enquiry', at: on('2025-05-10'), reason: null },
        { stage: 'application', at: on('2025-06-10'), reason: null },
        { stage: 'assessment', at: on('2025-06-20'), reason: null },
        { stage: 'approved', at: on('2026-01-05'), reason: null },
      ]),
    ).toEqual({ applicationOn: '2025-06-10', decidedOn: '2026-01-05', endedOn: null });
  });
});

describe('the deadlines follow the route', () => {
  const base: HouseholdFacts = {
    stage: 'assessment',
    receivedAt: on('2026-01-05'),
    firstContactedAt: on('2026-01-05'),
    contactAttempts: [],
    applicationAt: on('2026-03-03', '10:00'),
    panelCases: [],
    closure: null,
    route: 'mainstream',
    placedOn: null,
    extension: null,
    approvedAt: null,
  };
  const byKey = (f: HouseholdFacts, now: Date) =>
    Object.fromEntries(deadlinesFor(f, defaultCalendar, now).map((d) => [d.key, d]));

  it('on the panel route: the 8-month panel recommendation, no standard decision clock', () => {
    const d = byKey(
      { ...base, approval: { route: 'panel_then_decision_maker', standardMonths: 6 } },
      on('2026-11-10'),
    );
    expect(d.panel_recommendation).toMatchObject({ dueOn: '2026-11-03', state: 'overdue', daysOverdue: 7 });
    expect(d.standard_decision!.state).toBe('not_applicable');
  });

  it('without a panel: no panel clock; the decision is due within the standard in force when it applied', () => {
    const f = { ...base, approval: { route: 'decision_maker_only' as const, standardMonths: 6 } };
    const d = byKey(f, on('2026-09-10'));
    expect(d.panel_recommendation!.state).toBe('not_applicable');
    expect(d.standard_decision).toMatchObject({ dueOn: '2026-09-03', state: 'overdue', daysOverdue: 7 });
    expect(d.standard_decision!.rule).toContain('6 months');
    const decided = byKey({ ...f, stage: 'approved', approvedAt: on('2026-08-28') }, on('2026-09-10'));
    expect(decided.standard_decision).toMatchObject({ state: 'met', metOn: '2026-08-28', late: false });
    const refused = byKey(
      { ...f, stage: 'closed', closure: { at: on('2026-09-07'), reason: 'refused' } },
      on('2026-09-10'),
    );
    expect(refused.standard_decision).toMatchObject({ state: 'met', metOn: '2026-09-07', late: true });
  });
});
