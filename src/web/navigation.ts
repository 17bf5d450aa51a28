import { can, type Capability } from '../shared/access.ts';
import type { Role } from '../shared/roles.ts';

interface Section {
  href: string;
  text: string;
  /** The capability the page's route requires (src/shared/access.ts): a link is shown only if it opens. */
  capability: Capability;
}

/** The service navigation. Each role sees only what it may open. */
export const sections: Section[] = [
  { href: '/', text: 'Home', capability: 'account' },
  { href: '/dashboard', text: 'Dashboard', capability: 'reports' },
  { href: '/reports', text: 'Reports', capability: 'reports' },
  { href: '/my-work', text: 'My work', capability: 'households' },
  { href: '/enquiries', text: 'Enquiries', capability: 'households' },
  { href: '/board', text: 'Pipeline board', capability: 'households' },
  { href: '/held-enquiries', text: 'Held as spam', capability: 'households' },
  { href: '/events', text: 'Events', capability: 'events' },
  { href: '/visits', text: 'Visits', capability: 'households' },
  { href: '/panels', text: 'Panels', capability: 'households' },
  { href: '/deadlines', text: 'At risk', capability: 'management' },
  { href: '/mailings', text: 'Mailings', capability: 'mailings' },
  { href: '/campaigns', text: 'Campaigns', capability: 'campaigns' },
  { href: '/reports/equality', text: 'Equality', capability: 'equality' },
  { href: '/admin/users', text: 'Users', capability: 'administration' },
  { href: '/admin/audit', text: 'Audit log', capability: 'administration' },
  { href: '/admin/messages', text: 'Outgoing mail', capability: 'outgoingMail' },
  { href: '/templates', text: 'Email templates', capability: 'emailSettings' },
  { href: '/follow-ups', text: 'Follow-up emails', capability: 'emailSettings' },
  { href: '/admin/system', text: 'System', capability: 'administration' },
  { href: '/admin/bank-holidays', text: 'Bank holidays', capability: 'administration' },
];

const covers = (href: string, path: string) =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function navigationFor(role: Role, path: string) {
  const visible = sections.filter((s) => can(role, s.capability));
  // Only the most specific section is current: /reports/equality is Equality, not also Reports.
  const current = visible
    .filter((s) => covers(s.href, path))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return visible.map((s) => ({ href: s.href, text: s.text, active: s === current }));
}
