import { createHmac } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { firstAgency, findAgencyBySlug, membersOfHub, type Agency } from '../agencies/agencies.repo.ts';
import { homeCouncilOf } from '../agencies/agencies.service.ts';
import type { AppDeps } from '../deps.ts';
import { bookFromPublicForm } from '../events/bookings.service.ts';
import { bookableSessions } from '../events/events.service.ts';
import { heardAboutOptions } from '../enquiries/enquiry-options.ts';
import { consentIntro, consentWording } from '../privacy/consent-wording.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import { equalityKeys, equalityQuestions } from '../privacy/equality-questions.ts';
import { cookieOptions, readCookie } from '../web/cookies.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { checkedSet } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { clientKey, RateLimiter } from '../infra/rate-limit.ts';
import { parse } from '../shared/validation.ts';
import { EqualityForm, PublicEnquiry } from './public-enquiry.schema.ts';
import {
  hasValidEqualityToken,
  noteUnbookedSession,
  recordEqualityAnswers,
  submitPublicEnquiry,
} from './public-enquiry.service.ts';
import { holdSubmission } from './held-submissions.service.ts';
import { keptFormStamp, spamReason } from './spam.ts';
import { safeEqual } from '../shared/tokens.ts';

const EQUALITY_COOKIE = 'crm_equality';
/** Set only once a submission is stored: the thank-you page is never shown for nothing. */
const RECEIVED_COOKIE = 'crm_received';
const receivedMark = (csrfSecret: string) =>
  createHmac('sha256', csrfSecret).update('enquiry-received').digest('base64url');
// Generous enough for a library or council office where many people share one address.
const SUBMISSIONS_PER_IP = { max: 20, windowSeconds: 3600 };

/**
 * The public enquiry form at a stable address councils link to from their website and adverts:
 * `/enquire` (the default service) or `/enquire/<service>`, with `?campaign=CODE` carried through.
 */
export function publicEnquiryRouter(deps: AppDeps) {
  const router = Router();
  const limiter = new RateLimiter(deps.redis, deps.logger, `${deps.queues.prefix}:rl:`);

  const agencyFor = async (req: Request) => {
    const slug = req.params.agency;
    const agency =
      typeof slug === 'string' ? await findAgencyBySlug(deps.db, slug) : await firstAgency(deps.db);
    if (!agency) throw new AppError('not_found', 'Page not found.');
    return agency;
  };
  const membersOf = async (agency: Agency) => (agency.kind === 'hub' ? membersOfHub(deps.db, agency.id) : []);
  const base = (req: Request) =>
    typeof req.params.agency === 'string' ? `/enquire/${req.params.agency}` : '/enquire';

  const formLocals = async (req: Request) => ({
    agency: await agencyFor(req),
    members: await membersOf(await agencyFor(req)),
    action: base(req),
    // Shown again after an error, the form keeps the stamp it was first shown with.
    startedAt: keptFormStamp((req.body as Record<string, unknown> | undefined)?.startedAt, req.csrfToken!),
    heardAboutOptions,
    consentChannels,
    consentWording,
    consentIntro,
    sessions: await bookableSessions(deps.db, (await agencyFor(req)).id, new Date(), 6),
  });

  const showForm = async (req: Request, res: Response) => {
    const campaign = typeof req.query.campaign === 'string' ? req.query.campaign.slice(0, 50) : '';
    res.render('public/enquire.njk', { ...(await formLocals(req)), values: { campaign } });
  };

  const submit = async (req: Request, res: Response) => {
    const agency = await agencyFor(req);
    const body = req.body as Record<string, unknown>;
    if (!(await limiter.hit({ key: `public-form:${clientKey(req.ip)}`, ...SUBMISSIONS_PER_IP }))) {
      throw new AppError(
        'rate_limited',
        'You have sent a lot of enquiries in a short time. Please try again in an hour, or phone us.',
      );
    }
    const input = parse(PublicEnquiry, body);
    // At a hub, an unanswered council question is answered for them from the postcode, and shown
    // again to check before anything is saved; with no council covering it, it is an error.
    if (agency.kind === 'hub' && input.council === undefined) {
      const proposal = homeCouncilOf(await membersOf(agency), input.postcode);
      if (!proposal)
        throw fieldError('council', 'Select the council you would like to foster for, or Not sure');
      return res.render('public/enquire.njk', {
        ...(await formLocals(req)),
        values: { ...body, council: proposal.slug },
        proposal,
      });
    }
    // A session chosen from the page may have been cancelled or started since: say so, keep the rest.
    if (input.sessionId) {
      const open = await bookableSessions(deps.db, agency.id, new Date(), 50);
      if (!open.some((s) => s.id === input.sessionId))
        throw fieldError('sessionId', 'That session can no longer be booked. Choose another, or Not now');
    }
    const consent = checkedSet(body.consent, consentChannels) as never;
    const received = () =>
      res.cookie(RECEIVED_COOKIE, receivedMark(req.csrfToken!), {
        ...cookieOptions(req, 2 * 3600_000),
        path: '/enquire',
      });
    const spam = spamReason(body, req.csrfToken!);
    if (spam) {
      // Never discarded: kept for staff to release or delete. The answer is the same as a person's.
      await holdSubmission(deps.db, agency.id, spam, input, consent);
      deps.logger.info({ reason: spam }, 'public enquiry held as possible spam');
      received();
      return res.redirect(303, `${base(req)}/thank-you`);
    }
    const { enquiryId, equalityToken } = await submitPublicEnquiry(deps.db, agency.id, input, consent);
    if (input.sessionId && !(await bookFromPublicForm(deps, agency.id, input.sessionId, enquiryId)))
      await noteUnbookedSession(deps.db, agency.id, enquiryId);
    received();
    res.cookie(EQUALITY_COOKIE, equalityToken, { ...cookieOptions(req, 2 * 3600_000), path: '/enquire' });
    res.redirect(303, `${base(req)}/about-you`);
  };

  const equalityLocals = async (req: Request) => ({
    action: `${base(req)}/about-you`,
    skip: `${base(req)}/thank-you`,
    equalityKeys,
    equalityQuestions,
  });

  const showEquality = async (req: Request, res: Response) => {
    if (!(await hasValidEqualityToken(deps.db, readCookie(req, EQUALITY_COOKIE))))
      return res.redirect(303, `${base(req)}/thank-you`);
    res.render('public/about-you.njk', { ...(await equalityLocals(req)), values: {} });
  };

  const saveEquality = async (req: Request, res: Response) => {
    const answers = parse(EqualityForm, req.body);
    const token = readCookie(req, EQUALITY_COOKIE);
    const saved = token ? await recordEqualityAnswers(deps.db, token, answers) : false;
    res.clearCookie(EQUALITY_COOKIE, { ...cookieOptions(req), path: '/enquire' });
    // Answers that could not be kept (the two-hour window passed) are said so, never thanked for.
    if (!saved && Object.values(answers).some((v) => v !== undefined)) {
      return res.render('public/answers-not-saved.njk', { thankYou: `${base(req)}/thank-you` });
    }
    res.redirect(303, `${base(req)}/thank-you`);
  };

  const thankYou = async (req: Request, res: Response) => {
    const mark = readCookie(req, RECEIVED_COOKIE);
    if (!mark || !safeEqual(mark, receivedMark(req.csrfToken!))) return res.redirect(303, base(req));
    res.clearCookie(EQUALITY_COOKIE, { ...cookieOptions(req), path: '/enquire' });
    res.render('public/thank-you.njk', { agency: await agencyFor(req) });
  };

  for (const path of ['/enquire', '/enquire/:agency']) {
    router.get(`${path}/about-you`, showEquality);
    router.post(`${path}/about-you`, saveEquality);
    router.get(`${path}/thank-you`, thankYou);
    router.get(path, showForm);
    router.post(path, formView('public/enquire.njk', formLocals), submit);
  }
  return router;
}
