import { can, type Capability } from '../shared/access.ts';
import type { Role } from '../shared/roles.ts';

/**
 * The reports for people, who may open each, and the question it answers (the reports index).
 * Standards-of-care leavers are safeguarding data (docs/domain.md §1, §9): reports showing them are for managers.
 */
export const reportList = [
  {
    href: '/reports/funnel',
    title: 'Committee table',
    answers:
      'How many households enquired, had a visit, applied and were approved each month, against last year.',
    capability: 'reports' as Capability,
  },
  {
    href: '/reports/hub',
    title: 'Regional report',
    answers:
      'At a regional hub: each member council’s enquiries, hand-offs and outcomes, league tables, and campaign cost shared by population.',
    capability: 'reports' as Capability,
    hubOnly: true,
  },
  {
    href: '/reports/net-carers',
    title: 'Net carers',
    answers: 'How many carers we gained and lost, why they left, and how many households are in assessment.',
    capability: 'management' as Capability,
  },
  {
    href: '/reports/conversion',
    title: 'Conversion',
    answers: 'What share of households move on at each stage, against the national figures.',
    capability: 'management' as Capability,
  },
  {
    href: '/reports/time-in-stage',
    title: 'Time in each stage',
    answers:
      'How long households spend at each stage, whether approvals meet the 8-month standard, and why people stop.',
    capability: 'management' as Capability,
  },
  {
    href: '/reports/campaigns',
    title: 'Campaign impact',
    answers: 'Which campaigns and channels bring enquiries, applications and approvals, and what each costs.',
    capability: 'reports' as Capability,
  },
  {
    href: '/reports/drop-out-reasons',
    title: 'Why households stopped',
    answers:
      'Why households withdrew or stopped replying, by stage and campaign, in withdrawal codes and in their own words.',
    capability: 'reports' as Capability,
  },
  {
    href: '/reports/ofsted',
    title: 'Ofsted annual return',
    answers: 'The financial year’s counts for Ofsted’s fostering data collection, ready to copy.',
    capability: 'management' as Capability,
  },
  {
    href: '/reports/targets',
    title: 'Targets',
    answers: 'How close we are to the number of new carers we aim to approve, and where the year should end.',
    capability: 'targets' as Capability,
  },
  {
    href: '/reports/equality',
    title: 'Equality monitoring',
    answers: 'Who enquires, in totals only, from the optional equality questions.',
    capability: 'equality' as Capability,
  },
] as const;

/** The reports a role may open; the regional report only at a hub. */
export const reportsFor = (role: Role, hub = false) =>
  reportList.filter((r) => can(role, r.capability) && (hub || !('hubOnly' in r && r.hubOnly)));
