import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formatDate } from '../shared/format.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { CloseRequest, LogSubjectAccess, SubjectAccessQuery } from './data-requests.schema.ts';
import {
  closeRequest,
  kindLabels,
  logSubjectAccess,
  requestDetail,
  requestRegister,
} from './data-requests.service.ts';
import { clockTags, packPageModel, requestPageModel, transferPageModel } from './subject-access-page.ts';
import { subjectAccessPack } from './subject-access.service.ts';
import { transferOutPack } from './transfer-out.service.ts';

const download = (filename: string) => `attachment; filename="${filename}"`;

/**
 * The "Requests" register and the subject access journey: log a request, search for the person,
 * read the printable pack (or download it as JSON), close the request. Transfer-out packs are
 * opened from their request. Managers and administrators only.
 */
export function subjectAccessRouter(deps: AppDeps) {
  const router = Router();
  router.use(['/data-requests', '/subject-access'], requireAccess('dataRequests'));

  router.get('/data-requests', async (req, res) => {
    res.render('subject-access/register.njk', {
      ...(await requestRegister(deps.db, req.user!.agencyId)),
      kindLabels,
      clockTags,
    });
  });

  router.get('/data-requests/new', (_req, res) => {
    res.render('subject-access/new.njk', { values: {} });
  });

  router.post('/data-requests', formView('subject-access/new.njk'), async (req, res) => {
    const request = await logSubjectAccess(deps.db, actorFrom(req), parse(LogSubjectAccess, req.body));
    await setFlash(deps.db, req.sessionToken!, {
      success: `Request logged. Reply by ${formatDate(request.dueOn)}.`,
    });
    res.redirect(303, `/data-requests/${request.id}`);
  });

  const requestPage = async (agencyId: string, id: unknown, query: Record<string, unknown>) =>
    requestPageModel(await requestDetail(deps.db, agencyId, parseId(id, 'Request')), query);
  const thisRequest = (req: Request) => requestPage(req.user!.agencyId, req.params.id, req.query);

  router.get('/data-requests/:id', async (req, res) => {
    res.render('subject-access/request.njk', await thisRequest(req));
  });

  router.post(
    '/data-requests/:id/close',
    formView('subject-access/request.njk', thisRequest),
    async (req, res) => {
      const id = parseId(req.params.id, 'Request');
      await closeRequest(deps.db, actorFrom(req), id, parse(CloseRequest, req.body));
      await setFlash(deps.db, req.sessionToken!, { success: 'Request closed.' });
      res.redirect(303, `/data-requests/${id}`);
    },
  );

  // A search that cannot run shows its request's page again (or the bare search) with the problem on the field.
  const searchAgain = (req: Request) => {
    const id = req.query.request;
    if (typeof id !== 'string' || id === '') return requestPageModel(null, req.query);
    return requestPage(req.user!.agencyId, id, req.query);
  };

  router.get('/subject-access', formView('subject-access/request.njk', searchAgain), async (req, res) => {
    const pack = await subjectAccessPack(
      deps.db,
      actorFrom(req),
      parsePageQuery(SubjectAccessQuery, req.query),
    );
    res.render('subject-access/pack.njk', packPageModel(pack, req.query));
  });

  router.get('/subject-access/download', async (req, res) => {
    const pack = await subjectAccessPack(
      deps.db,
      actorFrom(req),
      parsePageQuery(SubjectAccessQuery, req.query),
    );
    res
      .set('Content-Disposition', download(`subject-access-${pack.generatedAt.slice(0, 10)}.json`))
      .json(pack);
  });

  router.get('/data-requests/:id/transfer-pack', async (req, res) => {
    const pack = await transferOutPack(deps.db, actorFrom(req), parseId(req.params.id, 'Request'));
    res.render('subject-access/transfer-pack.njk', transferPageModel(pack));
  });

  router.get('/data-requests/:id/transfer-pack/download', async (req, res) => {
    const pack = await transferOutPack(deps.db, actorFrom(req), parseId(req.params.id, 'Request'));
    res.set('Content-Disposition', download(`carer-record-${pack.generatedAt.slice(0, 10)}.json`)).json(pack);
  });

  return router;
}
