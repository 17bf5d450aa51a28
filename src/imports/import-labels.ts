/**
 * Plain-English names for what a tracker's columns and values can mean, for the mapping page's
 * selects and the batch page. Stage and reason wording comes from the state machine
 * (pipeline/stages.ts), so Ofsted's withdrawal codes read as they do everywhere else.
 */
import { channelLabels, channels, routeLabels, routes } from '../enquiries/enquiry-options.ts';
import { closeReasons, deregistrationReasons, stageLabels, type Stage } from '../pipeline/stages.ts';
import { importFields, type ImportField, type ImportFlag, type StatusValue } from './import-types.ts';

export const fieldLabels: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name (surname)',
  fullName: 'Full name (first and last together)',
  secondApplicantName: 'Second applicant’s name',
  email: 'Email address',
  phone: 'Phone number',
  postcode: 'Postcode',
  enquiryDate: 'Enquiry date',
  channel: 'How they got in touch (channel)',
  campaign: 'Campaign code',
  route: 'Route (new to fostering or transferring)',
  initialVisitDate: 'Initial visit date',
  applicationDate: 'Application received date',
  assessmentDate: 'Assessment start date',
  panelDate: 'Panel date',
  approvalDate: 'Approval date',
  status: 'Status or outcome (free text)',
  reason: 'Reason for closing or leaving',
  closedDate: 'Date closed or withdrawn',
  deregisteredDate: 'Deregistration date',
  consentEmail: 'Agreed to emails',
  consentPost: 'Agreed to post',
  consentPhone: 'Agreed to phone calls',
  consentSms: 'Agreed to text messages',
  notes: 'Notes',
};

export const IGNORE = 'ignore';

/** The column select's options, "Do not import" first. */
export const columnOptions = [
  { value: IGNORE, text: 'Do not import this column' },
  ...importFields.map((f) => ({ value: f, text: fieldLabels[f] })),
];

/** A StatusValue as one select option's value: `application`, `closed:AW4`, `deregistered:retired`, `ignore`. */
export const statusOptionValue = (value: StatusValue): string =>
  value === 'ignore'
    ? IGNORE
    : value.stage === 'closed' || value.stage === 'deregistered'
      ? `${value.stage}:${value.reason}`
      : value.stage;

const reachedStages = ['enquiry', 'initial_visit', 'application', 'assessment', 'panel', 'approved'] as const;

const codeLabel = (code: string, text: string) => (/^AW\d$/.test(code) ? `${code} – ${text}` : text);

/** The status select: every stage reached, every closure reason, every deregistration reason. */
export const statusOptions = [
  ...reachedStages.map((stage) => ({ value: stage, text: `Reached: ${stageLabels[stage]}` })),
  ...Object.entries(closeReasons).map(([code, text]) => ({
    value: `closed:${code}`,
    text: `Closed: ${codeLabel(code, text)}`,
  })),
  ...Object.entries(deregistrationReasons).map(([code, text]) => ({
    value: `deregistered:${code}`,
    text: `Deregistered: ${text}`,
  })),
  { value: IGNORE, text: 'Ignore this value (it says nothing about the stage)' },
];

/** Option value → StatusValue, or undefined for anything not offered. */
export function statusFromOption(value: string): StatusValue | undefined {
  if (value === IGNORE) return 'ignore';
  if ((reachedStages as readonly string[]).includes(value))
    return { stage: value as (typeof reachedStages)[number] };
  const [stage, reason = ''] = value.split(':');
  if (stage === 'closed' && reason in closeReasons) return { stage, reason };
  if (stage === 'deregistered' && reason in deregistrationReasons) return { stage, reason };
  return undefined;
}

/** The reason select: closure codes (Ofsted's AW0–AW5 first as stages.ts lists them), then leaving reasons. */
export const reasonOptions = [
  ...Object.entries(closeReasons).map(([code, text]) => ({
    value: code,
    text: `Closed: ${codeLabel(code, text)}`,
  })),
  ...Object.entries(deregistrationReasons).map(([code, text]) => ({
    value: code,
    text: `Deregistered: ${text}`,
  })),
  { value: IGNORE, text: 'Ignore this value' },
];

export const channelOptions = channels.map((c) => ({ value: c, text: channelLabels[c] }));
export const routeOptions = routes.map((r) => ({ value: r, text: routeLabels[r] }));

/** The four value maps, their headings and options, in the order the mapping page shows them. */
export const valueKinds = [
  { kind: 'status', heading: 'Statuses and outcomes', options: statusOptions },
  { kind: 'reason', heading: 'Reasons', options: reasonOptions },
  { kind: 'channel', heading: 'How they got in touch', options: channelOptions },
  { kind: 'route', heading: 'Routes', options: routeOptions },
] as const;
export type ValueKind = (typeof valueKinds)[number]['kind'];

export const flagLabels: Record<ImportFlag['kind'], string> = {
  stage_filled: 'A stage the file skips, dated on the next known date',
  closed_undated: 'Closed with no date: the last known date was used',
  no_contact_attempts: 'Closed for no response: the file does not show two contact attempts',
  no_panel_meeting: 'Approved with no panel meeting recorded in the file',
  first_contact_assumed: 'Still a new enquiry: recorded as contacted on its enquiry date',
};

export const stageName = (stage: Stage | undefined) => (stage ? stageLabels[stage] : '');
