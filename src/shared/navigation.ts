import type { Role } from '../users/roles.ts';

interface Section {
  href: string;
  text: string;
  roles: readonly Role[];
}

const everyone = ['officer', 'manager', 'comms', 'admin'] as const;

/** The service navigation. Each role sees only what it may open. */
export const sections: Section[] = [
  { href: '/', text: 'Home', roles: everyone },
  { href: '/my-work', text: 'My work', roles: ['officer', 'manager'] },
  { href: '/enquiries', text: 'Enquiries', roles: ['officer', 'manager'] },
  { href: '/board', text: 'Pipeline board', roles: ['officer', 'manager'] },
  { href: '/events', text: 'Events', roles: ['officer', 'manager', 'comms'] },
  { href: '/visits', text: 'Visits', roles: ['officer', 'manager'] },
  { href: '/panels', text: 'Panels', roles: ['officer', 'manager'] },
  { href: '/deadlines', text: 'At risk', roles: ['manager'] },
  { href: '/mailings', text: 'Mailings', roles: ['manager', 'comms'] },
  { href: '/campaigns', text: 'Campaigns', roles: ['manager', 'comms'] },
  { href: '/reports/equality', text: 'Equality', roles: ['manager', 'admin'] },
  { href: '/admin/users', text: 'Users', roles: ['admin'] },
  { href: '/admin/audit', text: 'Audit log', roles: ['admin'] },
  { href: '/admin/messages', text: 'Outgoing mail', roles: ['admin'] },
  { href: '/templates', text: 'Email templates', roles: ['manager', 'admin'] },
  { href: '/follow-ups', text: 'Follow-up emails', roles: ['manager'] },
  { href: '/admin/system', text: 'System', roles: ['admin'] },
  { href: '/admin/bank-holidays', text: 'Bank holidays', roles: ['admin'] },
];

export function navigationFor(role: Role, path: string) {
  return sections
    .filter((s) => s.roles.includes(role))
    .map((s) => ({
      href: s.href,
      text: s.text,
      active: s.href === '/' ? path === '/' : path === s.href || path.startsWith(`${s.href}/`),
    }));
}
