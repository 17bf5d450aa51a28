import type { Role } from './roles.ts';

/** Who is acting, as services see it. Always scoped to one agency. */
export interface Actor {
  agencyId: string;
  /** The signed-in user; null for the public enquiry form, the CLI or the system. */
  userId: string | null;
  role: Role | null;
  /** Shown in the audit log when there is no user: "public enquiry form", "system", "cli". */
  label?: string;
  requestId?: string;
}

export const systemActor = (agencyId: string, label = 'system'): Actor => ({
  agencyId,
  userId: null,
  role: null,
  label,
});
