import type { Request, RequestHandler } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Actor } from '../shared/actor.ts';
import { cookieOptions, readCookie } from '../web/cookies.ts';
import { AppError } from '../shared/errors.ts';
import type { CurrentUser } from '../web/current-user.ts';
import { can, type Capability } from '../shared/access.ts';
import { authenticateApiToken, loadSession, setFlash } from './auth.service.ts';
import { randomToken, safeEqual } from '../shared/tokens.ts';

export const SESSION_COOKIE = 'crm_session';
const CSRF_COOKIE = 'crm_csrf';

/** Loads the signed-in user from the session cookie, and any flash message left for this page. */
export function sessionMiddleware(deps: Pick<AppDeps, 'db'>): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const session = await loadSession(deps.db, token);
      if (session) {
        const { mustChangePassword, ...user } = session.user;
        req.user = user;
        req.sessionToken = token;
        req.csrfToken = session.csrfToken;
        res.locals.user = user;
        res.locals.mustChangePassword = mustChangePassword;
        if (session.flash && req.method === 'GET') {
          res.locals.flash = session.flash;
          await setFlash(deps.db, token, null);
        }
      } else {
        res.clearCookie(SESSION_COOKIE, cookieOptions(req));
      }
    }
    next();
  };
}

/**
 * Every state-changing form carries a CSRF token. Signed-in users' tokens live in the server-side
 * session; signed-out visitors (sign-in page, public enquiry form) get a random cookie that the form
 * must echo (double submit). The API does not use cookies, so it needs no token.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  if (!req.csrfToken) {
    let token = readCookie(req, CSRF_COOKIE);
    if (!token || token.length < 32) {
      token = randomToken();
      res.cookie(CSRF_COOKIE, token, cookieOptions(req));
    }
    req.csrfToken = token;
  }
  res.locals.csrfToken = req.csrfToken;
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (typeof sent !== 'string' || !safeEqual(sent, req.csrfToken)) {
    return next(new AppError('forbidden', 'This form has expired. Go back, refresh the page and try again.'));
  }
  delete (req.body as Record<string, unknown>)._csrf;
  next();
};

/** `Authorization: Bearer <token>` for /api/v1. */
export function bearerAuth(deps: Pick<AppDeps, 'db'>): RequestHandler {
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const user = match ? await authenticateApiToken(deps.db, match[1]!) : undefined;
    if (!user) {
      return next(new AppError('unauthenticated', 'Send a valid API token: Authorization: Bearer <token>.'));
    }
    req.user = user;
    next();
  };
}

/**
 * Allows only signed-in users whose role holds the capability (src/shared/access.ts, the one role
 * table for pages and API alike). Signed out: 401 (a redirect to sign-in for pages).
 */
export const requireAccess =
  (capability: Capability): RequestHandler =>
  (req, _res, next) => {
    if (!req.user) return next(new AppError('unauthenticated', 'Sign in to continue.'));
    if (!can(req.user.role, capability)) {
      return next(new AppError('forbidden', 'You do not have permission to see this page.'));
    }
    next();
  };

export const requireSignIn: RequestHandler = requireAccess('account');

/** Until a one-time password is replaced, the only pages are "change password" and "sign out". */
export const enforcePasswordChange: RequestHandler = (req, res, next) => {
  if (res.locals.mustChangePassword && !['/account/password', '/sign-out'].includes(req.path)) {
    return res.redirect(303, '/account/password');
  }
  next();
};

export function actorFrom(req: Request): Actor & { userId: string } {
  const user = req.user as CurrentUser | undefined;
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
  return { agencyId: user.agencyId, userId: user.id, role: user.role, requestId: String(req.id ?? '') };
}
