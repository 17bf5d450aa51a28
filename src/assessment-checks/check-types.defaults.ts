/**
 * The list of assessment checks a service starts with (docs/assessment.md), before its administrators
 * change it. Stage 1 is the statutory checks and references (Fostering Services (England)
 * Regulations 2011, reg. 26 and Schedule 3; the statutory guidance's two-stage assessment, stage 1
 * normally within about 2 months of the application); stage 2 the assessing social worker's report.
 * Expected turnarounds are common practice, in calendar days from the request.
 */
import type { AppliesTo, RefereeKind } from './assessment-checks.table.ts';

export interface CheckTypeDefault {
  key: string;
  label: string;
  stage: 1 | 2;
  appliesTo: AppliesTo;
  refereeKind: RefereeKind | null;
  expectedTurnaroundDays: number;
}

export const defaultCheckTypes: readonly CheckTypeDefault[] = [
  {
    key: 'dbs',
    label: 'Enhanced DBS check',
    stage: 1,
    appliesTo: 'each_adult',
    refereeKind: null,
    expectedTurnaroundDays: 28,
  },
  {
    key: 'la_check',
    label: 'Local authority check',
    stage: 1,
    appliesTo: 'each_adult',
    refereeKind: null,
    expectedTurnaroundDays: 21,
  },
  {
    key: 'medical',
    label: 'GP medical report',
    stage: 1,
    appliesTo: 'each_applicant',
    refereeKind: null,
    expectedTurnaroundDays: 42,
  },
  {
    key: 'ofsted_check',
    label: 'Ofsted check',
    stage: 1,
    appliesTo: 'household',
    refereeKind: null,
    expectedTurnaroundDays: 14,
  },
  {
    key: 'personal_reference',
    label: 'Personal reference',
    stage: 1,
    appliesTo: 'each_referee',
    refereeKind: 'personal',
    expectedTurnaroundDays: 21,
  },
  {
    key: 'employer_reference',
    label: 'Employer reference',
    stage: 1,
    appliesTo: 'each_referee',
    refereeKind: 'employer',
    expectedTurnaroundDays: 21,
  },
  {
    key: 'former_partner_reference',
    label: 'Former partner reference',
    stage: 1,
    appliesTo: 'each_referee',
    refereeKind: 'former_partner',
    expectedTurnaroundDays: 28,
  },
  {
    key: 'school_reference',
    label: 'School reference',
    stage: 1,
    appliesTo: 'each_referee',
    refereeKind: 'school',
    expectedTurnaroundDays: 21,
  },
  {
    key: 'previous_fostering_reference',
    label: 'Previous fostering service reference',
    stage: 1,
    appliesTo: 'each_referee',
    refereeKind: 'previous_fostering',
    expectedTurnaroundDays: 28,
  },
  {
    key: 'home_safety',
    label: 'Health and safety check of the home',
    stage: 2,
    appliesTo: 'household',
    refereeKind: null,
    expectedTurnaroundDays: 30,
  },
  {
    key: 'form_f',
    label: 'Form F assessment report',
    stage: 2,
    appliesTo: 'household',
    refereeKind: null,
    expectedTurnaroundDays: 120,
  },
];

export const appliesToLabels: Record<AppliesTo, string> = {
  each_adult: 'Each adult in the household',
  each_applicant: 'Each applicant',
  household: 'The household',
  each_referee: 'Each referee of a kind',
};

export const refereeKindLabels: Record<RefereeKind, string> = {
  personal: 'Personal referee',
  employer: 'Employer',
  former_partner: 'Former partner',
  school: 'School or nursery',
  previous_fostering: 'Previous fostering service',
};

/** Months from the application by which stage 1 is normally complete ("about 2 months", DOMAIN §13). */
export const DEFAULT_STAGE_ONE_MONTHS = 2;
export const MAX_STAGE_ONE_MONTHS = 12;
