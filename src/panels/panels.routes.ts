import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import { outstandingStageOne } from '../assessment-checks/assessment-checks.service.ts';
import type { AppDeps } from '../deps.ts';
import { can } from '../shared/access.ts';
import { requireEnquiry } from '../enquiries/activity.service.ts';
import { reasonLabel, stageLabels } from '../pipeline/stages.ts';
import { formatDate } from '../shared/format.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { DECISION_WORKING_DAYS } from './panel-dates.ts';
import {
  BookCase,
  CreatePanel,
  PanelListQuery,
  PapersSent,
  RecordDecision,
  RecordRecommendation,
  decisions,
  recommendations,
} from './panels.schema.ts';
import { bookOntoPanel, panelChoices } from './panel-booking.service.ts';
import { createPanel, panelCase, panelDetail, panelsList, refusalReason } from './panels.service.ts';
import {
  recordDecision,
  recordPapersSent,
  recordRecommendation,
  withdrawCase,
} from './panel-cases.service.ts';

/** `{ day, month, year }` for a GOV.UK date input showing a stored date. */
const dateParts = (iso: string | null | undefined) => {
  if (!iso) return {};
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

const body = (req: Request) => req.body as Record<string, unknown>;

/** Fostering panels: meetings, the households booked onto them, recommendations and decisions. */
export function panelsRouter(deps: AppDeps) {
  const router = Router();
  router.use(['/panels', '/enquiries/:id/panel'], requireAccess('households'));

  router.get('/panels', async (req, res) => {
    const { when } = parsePageQuery(PanelListQuery, req.query);
    res.render('panels/list.njk', { ...(await panelsList(deps.db, actorFrom(req), when)), when });
  });

  router.get('/panels/new', (_req, res) => {
    res.render('panels/new.njk', { values: { capacity: '4' } });
  });

  router.post('/panels', formView('panels/new.njk'), async (req, res) => {
    const b = body(req);
    const input = parse(CreatePanel, { ...b, meetsOn: dateFromParts(b.meetsOn) ?? '' });
    const panel = await createPanel(deps.db, actorFrom(req), input);
    await setFlash(deps.db, req.sessionToken!, {
      success: `Panel meeting on ${formatDate(panel.meetsOn)} set up.`,
    });
    res.redirect(303, `/panels/${panel.id}`);
  });

  router.get('/panels/:id', async (req, res) => {
    const detail = await panelDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Panel'));
    res.render('panels/show.njk', { ...detail, stageLabels, recommendations, decisions });
  });

  // ---- Booking from the household page ----

  const bookForm = async (req: Request) => {
    const enquiry = await requireEnquiry(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry'));
    return {
      enquiry,
      panels: await panelChoices(deps.db, actorFrom(req), enquiry),
      stageLabels,
      // Stage 1 checks still outstanding (issue 18): named, and a manager may book anyway with a reason.
      outstanding: await outstandingStageOne(deps.db, req.user!.agencyId, enquiry.id),
      canOverride: can(req.user!.role, 'management'),
    };
  };

  router.get('/enquiries/:id/panel/book', async (req, res) => {
    res.render('panels/book.njk', { ...(await bookForm(req)), values: {} });
  });

  router.post('/enquiries/:id/panel', formView('panels/book.njk', bookForm), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const { panelId, checksOverrideReason } = parse(BookCase, body(req));
    const { panel, moved } = await bookOntoPanel(deps.db, actorFrom(req), id, panelId, new Date(), {
      checksOverrideReason,
    });
    await setFlash(deps.db, req.sessionToken!, {
      success: `Booked for the panel on ${formatDate(panel.meetsOn)}${moved ? ': moved to Panel' : ''}.`,
    });
    res.redirect(303, `/enquiries/${id}`);
  });

  // ---- One household on a panel ----

  const caseForm = async (req: Request) => {
    const {
      panel,
      panelCase: found,
      decisionDueBy,
    } = await panelCase(
      deps.db,
      actorFrom(req),
      parseId(req.params.id, 'Panel'),
      parseId(req.params.caseId, 'Panel case'),
    );
    return {
      panel,
      panelCase: found,
      recommendations,
      decisions,
      decisionWorkingDays: DECISION_WORKING_DAYS,
      decisionDueBy,
      refusalReasonLabel: found.recommendation ? reasonLabel(refusalReason(found.recommendation)) : null,
    };
  };
  const ids = (req: Request) =>
    [parseId(req.params.id, 'Panel'), parseId(req.params.caseId, 'Panel case')] as const;

  router.get('/panels/:id/cases/:caseId/papers', async (req, res) => {
    const model = await caseForm(req);
    res.render('panels/papers.njk', {
      ...model,
      values: { papersSentOn: dateParts(model.panelCase.papersSentOn) },
    });
  });

  router.post(
    '/panels/:id/cases/:caseId/papers',
    formView('panels/papers.njk', caseForm),
    async (req, res) => {
      const [panelId, caseId] = ids(req);
      const input = parse(PapersSent, { papersSentOn: dateFromParts(body(req).papersSentOn) });
      await recordPapersSent(deps.db, actorFrom(req), panelId, caseId, input);
      await setFlash(deps.db, req.sessionToken!, { success: 'Date the papers were sent recorded.' });
      res.redirect(303, `/panels/${panelId}`);
    },
  );

  router.get('/panels/:id/cases/:caseId/recommendation', async (req, res) => {
    const model = await caseForm(req);
    res.render('panels/recommendation.njk', {
      ...model,
      values: {
        recommendation: model.panelCase.recommendation,
        minutesReceivedOn: dateParts(model.panelCase.minutesReceivedOn),
      },
    });
  });

  router.post(
    '/panels/:id/cases/:caseId/recommendation',
    formView('panels/recommendation.njk', caseForm),
    async (req, res) => {
      const [panelId, caseId] = ids(req);
      const b = body(req);
      const input = parse(RecordRecommendation, {
        recommendation: b.recommendation,
        minutesReceivedOn: dateFromParts(b.minutesReceivedOn),
      });
      await recordRecommendation(deps.db, actorFrom(req), panelId, caseId, input);
      await setFlash(deps.db, req.sessionToken!, { success: 'Panel recommendation recorded.' });
      res.redirect(303, `/panels/${panelId}`);
    },
  );

  router.get('/panels/:id/cases/:caseId/decision', async (req, res) => {
    res.render('panels/decision.njk', { ...(await caseForm(req)), values: {} });
  });

  router.post(
    '/panels/:id/cases/:caseId/decision',
    formView('panels/decision.njk', caseForm),
    async (req, res) => {
      const [panelId, caseId] = ids(req);
      const b = body(req);
      const input = parse(RecordDecision, {
        decision: b.decision,
        decidedOn: dateFromParts(b.decidedOn),
        minutesReceivedOn: dateFromParts(b.minutesReceivedOn),
        note: b.note,
      });
      const { panelCase } = await recordDecision(deps.db, actorFrom(req), panelId, caseId, input);
      await setFlash(deps.db, req.sessionToken!, {
        success:
          input.decision === 'approved'
            ? `Decision recorded: approved. Moved to ${stageLabels.approved}.`
            : `Decision recorded: refused. The household's enquiry is closed.`,
      });
      res.redirect(303, `/enquiries/${panelCase.enquiryId}`);
    },
  );

  router.post('/panels/:id/cases/:caseId/withdraw', async (req, res) => {
    const [panelId, caseId] = ids(req);
    await withdrawCase(deps.db, actorFrom(req), panelId, caseId);
    await setFlash(deps.db, req.sessionToken!, {
      success:
        'Withdrawn from this panel. The household stays at Panel: book it onto another panel or close it.',
    });
    res.redirect(303, `/panels/${panelId}`);
  });

  return router;
}
