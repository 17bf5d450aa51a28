import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../shared/errors.ts';
import { parse, parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { findCheckType } from './assessment-checks.repo.ts';
import { CheckTypeForm, StageOnePeriod } from './assessment-checks.schema.ts';
import { appliesToLabels, MAX_STAGE_ONE_MONTHS, refereeKindLabels } from './check-types.defaults.ts';
import {
  addCheckType,
  checkTypesFor,
  editCheckType,
  setStageOneMonths,
  stageOneMonthsOf,
} from './check-types.service.ts';

const PAGE = '/admin/assessment-checks';
const body = (req: Request) => req.body as Record<string, unknown>;

/**
 * Administrators keep the service's list of assessment checks (items, stage, who each is asked
 * for, expected turnaround) and the stage 1 period; every change is in the audit log.
 */
export function checkTypesRouter(deps: AppDeps) {
  const router = Router();
  router.use(PAGE, requireAccess('administration'));
  const labels = { appliesToLabels, refereeKindLabels, maxMonths: MAX_STAGE_ONE_MONTHS };

  const listPage = async (req: Request) => ({
    ...labels,
    types: await checkTypesFor(deps.db, req.user!.agencyId),
    stageOneMonths: await stageOneMonthsOf(deps.db, req.user!.agencyId),
  });
  router.get(PAGE, async (req, res) => {
    res.render('assessment-checks/admin-list.njk', { ...(await listPage(req)), values: {} });
  });

  router.post(
    `${PAGE}/stage-one`,
    formView('assessment-checks/admin-list.njk', listPage),
    async (req, res) => {
      const { months } = parse(StageOnePeriod, body(req));
      await setStageOneMonths(deps.db, actorFrom(req), months);
      await setFlash(deps.db, req.sessionToken!, {
        success: `Stage 1 is now due ${months} months after the application.`,
      });
      res.redirect(303, PAGE);
    },
  );

  const newForm = async () => ({ ...labels, type: null });
  router.get(`${PAGE}/new`, async (_req, res) => {
    res.render('assessment-checks/admin-edit.njk', { ...(await newForm()), values: { active: 'true' } });
  });
  router.post(PAGE, formView('assessment-checks/admin-edit.njk', newForm), async (req, res) => {
    const type = await addCheckType(deps.db, actorFrom(req), parse(CheckTypeForm, body(req)));
    await setFlash(deps.db, req.sessionToken!, { success: `“${type.label}” added to the list.` });
    res.redirect(303, PAGE);
  });

  const editForm = async (req: Request) => {
    const type = await findCheckType(deps.db, req.user!.agencyId, parseId(req.params.typeId, 'Check'));
    if (!type) throw new AppError('not_found', 'Check was not found.');
    return { ...labels, type };
  };
  router.get(`${PAGE}/:typeId`, async (req, res) => {
    const locals = await editForm(req);
    const t = locals.type;
    res.render('assessment-checks/admin-edit.njk', {
      ...locals,
      values: {
        label: t.label,
        stage: String(t.stage),
        appliesTo: t.appliesTo,
        refereeKind: t.refereeKind ?? '',
        expectedTurnaroundDays: String(t.expectedTurnaroundDays),
        sortOrder: String(t.sortOrder),
        active: t.active ? 'true' : '',
      },
    });
  });
  router.post(`${PAGE}/:typeId`, formView('assessment-checks/admin-edit.njk', editForm), async (req, res) => {
    const id = parseId(req.params.typeId, 'Check');
    const type = await editCheckType(deps.db, actorFrom(req), id, parse(CheckTypeForm, body(req)));
    await setFlash(deps.db, req.sessionToken!, { success: `“${type.label}” saved.` });
    res.redirect(303, PAGE);
  });

  return router;
}
