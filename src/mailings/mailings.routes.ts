import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { stageLabels } from '../pipeline/stages.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { placeholderDescriptions } from '../templates/render.ts';
import { mailingStatusLabel } from './mailing-status.ts';
import { listMailings } from './mailings.repo.ts';
import { MailingForm } from './mailings.schema.ts';
import { createMailing, mailingDetail, startMailing } from './mailings.service.ts';

/** Mailing lists for marketing sends: choose who, write it, see the count and a preview, send. */
export function mailingsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/mailings', requireAccess('mailings'));

  const formLocals = () => ({ stageLabels, placeholderDescriptions });

  router.get('/mailings', async (req, res) => {
    const smtp = !!deps.config.SMTP_URL;
    const mailings = await listMailings(deps.db, req.user!.agencyId);
    res.render('mailings/list.njk', {
      mailings: mailings.map((m) => ({ ...m, statusLabel: mailingStatusLabel(m.status, smtp) })),
    });
  });

  router.get('/mailings/new', (_req, res) => {
    res.render('mailings/new.njk', { ...formLocals(), values: { enquiredWithinMonths: '36', stages: [] } });
  });

  router.post('/mailings', formView('mailings/new.njk', formLocals), async (req, res) => {
    const mailing = await createMailing(deps.db, actorFrom(req), parse(MailingForm, req.body));
    res.redirect(303, `/mailings/${mailing.id}`);
  });

  const showLocals = async (req: Request) => {
    const detail = await mailingDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Mailing'));
    const statusLabel = mailingStatusLabel(detail.mailing.status, !!deps.config.SMTP_URL);
    return { ...detail, statusLabel, stageLabels };
  };

  router.get('/mailings/:id', async (req, res) => {
    res.render('mailings/show.njk', await showLocals(req));
  });

  router.post('/mailings/:id/send', formView('mailings/show.njk', showLocals), async (req, res) => {
    const id = parseId(req.params.id, 'Mailing');
    await startMailing(deps, actorFrom(req), id);
    await setFlash(deps.db, req.sessionToken!, { success: 'Sending has started.' });
    res.redirect(303, `/mailings/${id}`);
  });
  return router;
}
