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
  { href: '/reports/equality', text: 'Equality', roles: ['manager', 'admin'] },
  { href: '/admin/users', text: 'Users', roles: ['admin'] },
  { href: '/admin/audit', text: 'Audit log', roles: ['admin'] },
  { href: '/admin/system', text: 'System', roles: ['admin'] },
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
