import { can, type Capability } from '../shared/access.ts';
import type { Role } from '../shared/roles.ts';

interface Under {
  href: string;
  roles: readonly Role[];
}

interface Section {
  href: string;
  text: string;
  /** The capability the page's route requires (src/shared/access.ts): a link is shown only if it opens. */
  capability: Capability;
  /**
   * Roles that reach this section from another one's page rather than from the navigation (so a
   * manager's dozen sections fit on one line of a laptop screen); the section it lives under is
   * shown as current.
   */
  under?: Under | readonly Under[];
}

/** The section a role reaches this one from, if it is not in that role's navigation. */
const parentFor = (section: Section, role: Role): Under | undefined =>
  (section.under ? [section.under].flat() : []).find((u) => u.roles.includes(role));

/** The service navigation. Each role sees only what it may open. */
export const sections: Section[] = [
  // No "Home": the service name in the header links to the home page, as on GOV.UK services.
  { href: '/dashboard', text: 'Dashboard', capability: 'reports' },
  { href: '/reports', text: 'Reports', capability: 'reports' },
  { href: '/my-work', text: 'My work', capability: 'households' },
  { href: '/enquiries', text: 'Enquiries', capability: 'households' },
  { href: '/board', text: 'Pipeline board', capability: 'households' },
  {
    href: '/held-enquiries',
    text: 'Held as spam',
    capability: 'households',
    under: { href: '/enquiries', roles: ['officer', 'manager'] },
  },
  { href: '/events', text: 'Events', capability: 'events' },
  { href: '/visits', text: 'Visits', capability: 'households' },
  { href: '/panels', text: 'Panels', capability: 'households' },
  { href: '/deadlines', text: 'At risk', capability: 'management' },
  {
    href: '/data-requests',
    text: 'Requests',
    capability: 'dataRequests',
    under: { href: '/deadlines', roles: ['manager'] },
  },
  {
    href: '/retention/due',
    text: 'Due for disposal',
    capability: 'disposal',
    under: { href: '/deadlines', roles: ['manager'] },
  },
  { href: '/mailings', text: 'Mailings', capability: 'mailings' },
  { href: '/campaigns', text: 'Campaigns', capability: 'campaigns' },
  {
    href: '/reports/equality',
    text: 'Equality',
    capability: 'equality',
    under: { href: '/reports', roles: ['manager'] },
  },
  { href: '/admin/users', text: 'Users', capability: 'administration' },
  { href: '/admin/audit', text: 'Audit log', capability: 'administration' },
  {
    href: '/admin/messages',
    text: 'Outgoing mail',
    capability: 'outgoingMail',
    under: { href: '/templates', roles: ['manager'] },
  },
  { href: '/templates', text: 'Email templates', capability: 'emailSettings' },
  {
    href: '/follow-ups',
    text: 'Follow-up emails',
    capability: 'emailSettings',
    under: { href: '/templates', roles: ['manager'] },
  },
  { href: '/admin/system', text: 'System', capability: 'administration' },
  {
    href: '/admin/agency',
    text: 'Service and hub',
    capability: 'administration',
    under: { href: '/admin/system', roles: ['admin'] },
  },
  {
    href: '/admin/export',
    text: 'Export all data',
    capability: 'dataExport',
    under: { href: '/admin/system', roles: ['admin'] },
  },
  {
    href: '/imports',
    text: 'Import a tracker',
    capability: 'imports',
    under: [
      { href: '/enquiries', roles: ['manager'] },
      { href: '/admin/system', roles: ['admin'] },
    ],
  },
  { href: '/admin/bank-holidays', text: 'Bank holidays', capability: 'administration' },
  {
    href: '/admin/retention',
    text: 'Retention schedule',
    capability: 'retentionSchedule',
    under: { href: '/admin/system', roles: ['admin'] },
  },
  { href: '/admin/approval-rules', text: 'Approval rules', capability: 'administration' },
  {
    href: '/admin/assessment-checks',
    text: 'Assessment checks',
    capability: 'administration',
    under: { href: '/admin/system', roles: ['admin'] },
  },
];

const covers = (href: string, path: string) =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function navigationFor(role: Role, path: string) {
  const allowed = sections.filter((s) => can(role, s.capability));
  const visible = allowed.filter((s) => !parentFor(s, role));
  // Only the most specific section is current: /reports/equality is Equality, not also Reports.
  const section = allowed
    .filter((s) => covers(s.href, path))
    .sort((a, b) => b.href.length - a.href.length)[0];
  const parent = section && parentFor(section, role);
  const current = parent ? visible.find((s) => s.href === parent.href) : section;
  return visible.map((s) => ({ href: s.href, text: s.text, active: s === current }));
}
