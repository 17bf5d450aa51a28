import { Router } from 'express';
import { z } from 'zod';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse } from '../shared/validation.ts';
import { listAuditEvents } from './audit.repo.ts';

const PAGE_SIZE = 50;
const AuditQuery = z.object({
  before: z.coerce
    .number({ error: 'Enter a page position from the audit log’s own links' })
    .int('Enter a page position from the audit log’s own links')
    .positive('Enter a page position from the audit log’s own links')
    .optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
});

export function auditRouter(deps: AppDeps) {
  const router = Router();

  router.get('/admin/audit', requireAccess('administration'), async (req, res) => {
    const query = parse(AuditQuery, req.query);
    const events = await listAuditEvents(deps.db, req.user!.agencyId, { ...query, limit: PAGE_SIZE + 1 });
    const page = events.slice(0, PAGE_SIZE);
    res.render('audit/list.njk', {
      events: page,
      nextBefore: events.length > PAGE_SIZE ? page.at(-1)!.id : undefined,
      query,
    });
  });

  return router;
}
