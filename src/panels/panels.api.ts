import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import {
  BookCaseApi,
  CreatePanel,
  PanelListQuery,
  PapersSent,
  RecordDecision,
  RecordRecommendation,
} from './panels.schema.ts';
import { bookOntoPanel } from './panel-booking.service.ts';
import { createPanel, panelDetail, panelsList, requirePanel } from './panels.service.ts';
import {
  recordDecision,
  recordPapersSent,
  recordRecommendation,
  withdrawCase,
} from './panel-cases.service.ts';

/** `/api/v1/panels`: panel meetings, bookings, recommendations and decisions. */
export function panelsApi(deps: AppDeps) {
  const router = Router();
  router.use('/panels', requireAccess('households'));

  router.get('/panels', async (req, res) => {
    const { when } = parse(PanelListQuery, req.query);
    const { upcoming, past } = await panelsList(deps.db, actorFrom(req), when);
    res.json({ items: [...upcoming, ...past] });
  });

  router.post('/panels', async (req, res) => {
    const actor = actorFrom(req);
    const panel = await createPanel(deps.db, actor, parse(CreatePanel, req.body));
    res.status(201).json(await requirePanel(deps.db, actor, panel.id));
  });

  router.get('/panels/:id', noQuery, async (req, res) => {
    const { panel, cases, withdrawn } = await panelDetail(
      deps.db,
      actorFrom(req),
      parseId(req.params.id, 'Panel'),
    );
    res.json({ ...panel, cases, withdrawn });
  });

  router.post('/panels/:id/cases', async (req, res) => {
    const panelId = parseId(req.params.id, 'Panel');
    const { enquiryId, checksOverrideReason } = parse(BookCaseApi, req.body);
    const { panelCase, moved } = await bookOntoPanel(
      deps.db,
      actorFrom(req),
      enquiryId,
      panelId,
      new Date(),
      {
        checksOverrideReason,
      },
    );
    res.status(201).json({ ...panelCase, movedToPanel: moved });
  });

  const ids = (params: Record<string, string | string[] | undefined>) =>
    [parseId(params.id, 'Panel'), parseId(params.caseId, 'Panel case')] as const;

  router.post('/panels/:id/cases/:caseId/papers', async (req, res) => {
    const [panelId, caseId] = ids(req.params);
    res.json(await recordPapersSent(deps.db, actorFrom(req), panelId, caseId, parse(PapersSent, req.body)));
  });

  router.post('/panels/:id/cases/:caseId/recommendation', async (req, res) => {
    const [panelId, caseId] = ids(req.params);
    const input = parse(RecordRecommendation, req.body);
    res.json(await recordRecommendation(deps.db, actorFrom(req), panelId, caseId, input));
  });

  router.post('/panels/:id/cases/:caseId/decision', async (req, res) => {
    const [panelId, caseId] = ids(req.params);
    const input = parse(RecordDecision, req.body);
    const { panelCase, reason } = await recordDecision(deps.db, actorFrom(req), panelId, caseId, input);
    res.json({ ...panelCase, closedReason: reason ?? null });
  });

  router.post('/panels/:id/cases/:caseId/withdraw', async (req, res) => {
    const [panelId, caseId] = ids(req.params);
    res.json(await withdrawCase(deps.db, actorFrom(req), panelId, caseId));
  });

  return router;
}
