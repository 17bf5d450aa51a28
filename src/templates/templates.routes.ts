import { Router, type Request } from 'express';
import { getAgency } from '../agencies/agencies.repo.ts';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../shared/errors.ts';
import { formView } from '../web/http.ts';
import { defaultTemplates, isTemplateKey, type TemplateKey } from './defaults.ts';
import { placeholderDescriptions, placeholders } from './render.ts';
import {
  currentTemplate,
  listTemplates,
  previewTemplate,
  saveTemplate,
  templateHistory,
} from './templates.service.ts';

const templateKey = (value: unknown): TemplateKey => {
  if (typeof value !== 'string' || !isTemplateKey(value)) throw notFound('Email template');
  return value;
};

const placeholderHints = placeholders.map((name) => ({ name, description: placeholderDescriptions[name] }));

/** Email templates: managers and admins change the words of the emails; every save is a new version. */
export function templatesRouter(deps: AppDeps) {
  const router = Router();
  router.use('/templates', requireAccess('emailSettings'));

  router.get('/templates', async (req, res) => {
    res.render('templates/list.njk', { templates: await listTemplates(deps.db, req.user!.agencyId) });
  });

  /** Everything the edit page shows apart from the typed values (which the error handler fills in). */
  const editPage = async (req: Request) => {
    const key = templateKey(req.params.key);
    const agencyId = req.user!.agencyId;
    return {
      key,
      template: defaultTemplates[key],
      current: await currentTemplate(deps.db, agencyId, key),
      history: await templateHistory(deps.db, agencyId, key),
      placeholders: placeholderHints,
    };
  };

  router.get('/templates/:key', async (req, res) => {
    const page = await editPage(req);
    res.render('templates/edit.njk', {
      ...page,
      values: { subject: page.current.subject, body: page.current.body },
    });
  });

  router.post('/templates/:key', formView('templates/edit.njk', editPage), async (req, res) => {
    const key = templateKey(req.params.key);
    const body = req.body as Record<string, unknown>;
    if (body.action === 'preview') {
      const agency = (await getAgency(deps.db, req.user!.agencyId))!;
      const preview = previewTemplate(agency.name, body);
      res.render('templates/edit.njk', { ...(await editPage(req)), values: body, preview });
      return;
    }
    const saved = await saveTemplate(deps.db, actorFrom(req), key, body);
    await setFlash(deps.db, req.sessionToken!, {
      success: `Saved. Version ${saved.version} of this email is now in use.`,
    });
    res.redirect(303, `/templates/${key}`);
  });

  return router;
}
