import type { Role } from '../users/roles.ts';

const everyReport = ['manager', 'comms'] as const satisfies readonly Role[];
const managers = ['manager'] as const satisfies readonly Role[];

/**
 * The reports for people, who may open each, and the question it answers (the reports index).
 * Standards-of-care leavers are safeguarding data (DOMAIN.md §7): reports showing them are for managers.
 */
export const reportList = [
  {
    href: '/reports/funnel',
    title: 'Committee table',
    answers:
      'How many households enquired, had a visit, applied and were approved each month, against last year.',
    roles: everyReport,
  },
  {
    href: '/reports/net-carers',
    title: 'Net carers',
    answers: 'How many carers we gained and lost, why they left, and how many households are in assessment.',
    roles: managers,
  },
  {
    href: '/reports/conversion',
    title: 'Conversion',
    answers: 'What share of households move on at each stage, against the national figures.',
    roles: managers,
  },
  {
    href: '/reports/time-in-stage',
    title: 'Time in each stage',
    answers:
      'How long households spend at each stage, whether approvals meet the 8-month standard, and why people stop.',
    roles: managers,
  },
  {
    href: '/reports/campaigns',
    title: 'Campaign impact',
    answers: 'Which campaigns and channels bring enquiries, applications and approvals, and what each costs.',
    roles: everyReport,
  },
  {
    href: '/reports/ofsted',
    title: 'Ofsted annual return',
    answers: 'The financial year’s counts for Ofsted’s fostering data collection, ready to copy.',
    roles: managers,
  },
  {
    href: '/reports/targets',
    title: 'Targets',
    answers: 'How close we are to the number of new carers we aim to approve, and where the year should end.',
    roles: managers,
  },
  {
    href: '/reports/equality',
    title: 'Equality monitoring',
    answers: 'Who enquires, in totals only, from the optional equality questions.',
    roles: managers,
  },
] as const;

export const reportsFor = (role: Role) =>
  reportList.filter((r) => (r.roles as readonly Role[]).includes(role));
