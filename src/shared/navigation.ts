import type { Role } from '../users/roles.ts';

interface Section {
  href: string;
  text: string;
  roles: readonly Role[];
  /**
   * Roles that reach this section from another one's page rather than from the navigation (so a
   * manager's dozen sections fit on one line of a laptop screen); the section it lives under is
   * shown as current.
   */
  under?: { href: string; roles: readonly Role[] };
}

/** The service navigation. Each role sees only what it may open. */
export const sections: Section[] = [
  // No "Home": the service name in the header links to the home page, as on GOV.UK services.
  { href: '/dashboard', text: 'Dashboard', roles: ['manager', 'comms'] },
  { href: '/reports', text: 'Reports', roles: ['manager', 'comms'] },
  { href: '/my-work', text: 'My work', roles: ['officer', 'manager'] },
  { href: '/enquiries', text: 'Enquiries', roles: ['officer', 'manager'] },
  { href: '/board', text: 'Pipeline board', roles: ['officer', 'manager'] },
  { href: '/events', text: 'Events', roles: ['officer', 'manager', 'comms'] },
  { href: '/visits', text: 'Visits', roles: ['officer', 'manager'] },
  { href: '/panels', text: 'Panels', roles: ['officer', 'manager'] },
  { href: '/deadlines', text: 'At risk', roles: ['manager'] },
  { href: '/mailings', text: 'Mailings', roles: ['manager', 'comms'] },
  { href: '/campaigns', text: 'Campaigns', roles: ['manager', 'comms'] },
  {
    href: '/reports/equality',
    text: 'Equality',
    roles: ['manager', 'admin'],
    under: { href: '/reports', roles: ['manager'] },
  },
  { href: '/admin/users', text: 'Users', roles: ['admin'] },
  { href: '/admin/audit', text: 'Audit log', roles: ['admin'] },
  { href: '/admin/messages', text: 'Outgoing mail', roles: ['admin'] },
  { href: '/templates', text: 'Email templates', roles: ['manager', 'admin'] },
  {
    href: '/follow-ups',
    text: 'Follow-up emails',
    roles: ['manager'],
    under: { href: '/templates', roles: ['manager'] },
  },
  { href: '/admin/system', text: 'System', roles: ['admin'] },
  { href: '/admin/bank-holidays', text: 'Bank holidays', roles: ['admin'] },
];

const covers = (href: string, path: string) =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function navigationFor(role: Role, path: string) {
  const allowed = sections.filter((s) => s.roles.includes(role));
  const visible = allowed.filter((s) => !s.under?.roles.includes(role));
  // Only the most specific section is current: /reports/equality is Equality, not also Reports.
  const section = allowed
    .filter((s) => covers(s.href, path))
    .sort((a, b) => b.href.length - a.href.length)[0];
  const current = section?.under?.roles.includes(role)
    ? visible.find((s) => s.href === section.under!.href)
    : section;
  return visible.map((s) => ({ href: s.href, text: s.text, active: s === current }));
}
