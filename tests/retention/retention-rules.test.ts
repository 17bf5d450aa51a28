import { describe, expect, it } from 'vitest';
import {
  defaultSchedule,
  retentionRuleFor,
  type EnquiryRetentionFacts,
} from '../../src/retention/retention-rules.ts';

const facts = (overrides: Partial<EnquiryRetentionFacts>): EnquiryRetentionFacts => ({
  stage: 'closed',
  approved: false,
  reachedApplication: false,
  deregisteredOn: null,
  closedOn: null,
  lastContactOn: '2020-01-01',
  ...overrides,
});

describe('retention rules (reg. 32, UK GDPR Art. 5(1)(e))', () => {
  it('keeps an approved carer 10 years from deregistration, and while still approved has no date', () => {
    const left = facts({
      stage: 'deregistered',
      approved: true,
      reachedApplication: true,
      deregisteredOn: '2016-02-29',
    });
    // 29 February + 10 years is 28 February 2026, never rolled over into March.
    expect(retentionRuleFor([left], defaultSchedule, '2010-01-01')).toMatchObject({
      rule: 'approved_carer',
      keepUntil: '2026-02-28',
      countsFrom: '2016-02-29',
    });
    expect(retentionRuleFor([{ ...left, stage: 'approved' }], defaultSchedule, '2010-01-01')).toMatchObject({
      rule: 'approved_carer',
      keepUntil: null,
    });
  });

  it('keeps a refused or withdrawn application 3 years from the closure; an open one has no date', () => {
    const withdrawn = facts({
      reachedApplication: true,
      closedOn: '2022-07-15',
      lastContactOn: '2022-07-15',
    });
    expect(retentionRuleFor([withdrawn], defaultSchedule, '2021-01-01')).toMatchObject({
      rule: 'application_refused_or_withdrawn',
      keepUntil: '2025-07-15',
    });
    expect(
      retentionRuleFor([{ ...withdrawn, stage: 'assessment' }], defaultSchedule, '2021-01-01').keepUntil,
    ).toBeNull();
  });

  it('keeps an enquiry as long as the schedule says after the last contact', () => {
    const enquiry = facts({ closedOn: '2023-03-01', lastContactOn: '2023-05-10' });
    expect(retentionRuleFor([enquiry], defaultSchedule, '2023-01-01')).toMatchObject({
      rule: 'enquiry_only',
      keepUntil: '2026-05-10',
    });
    expect(
      retentionRuleFor([enquiry], { ...defaultSchedule, enquiryOnlyYears: 1 }, '2023-01-01').keepUntil,
    ).toBe('2024-05-10');
  });

  it('keeps a household until the latest date of its enquiries, and not at all while one is open', () => {
    const carer = facts({ stage: 'deregistered', approved: true, deregisteredOn: '2014-06-01' }); // 2024-06-01
    const laterEnquiry = facts({ closedOn: '2023-09-01', lastContactOn: '2023-09-01' }); // 2026-09-01
    expect(retentionRuleFor([carer, laterEnquiry], defaultSchedule, '2005-01-01')).toMatchObject({
      rule: 'enquiry_only',
      keepUntil: '2026-09-01',
    });
    expect(
      retentionRuleFor([carer, facts({ stage: 'enquiry' })], defaultSchedule, '2005-01-01').keepUntil,
    ).toBeNull();
  });
});
