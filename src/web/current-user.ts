import type { Role } from '../shared/roles.ts';

export interface CurrentUser {
  id: string;
  agencyId: string;
  name: string;
  email: string;
  role: Role;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user (session or API token). */
      user?: CurrentUser;
      /** The session cookie's token, when signed in through the browser. */
      sessionToken?: string;
      csrfToken?: string;
    }
  }
}
