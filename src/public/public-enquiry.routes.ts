import { Router, type Request, type Response } from 'express';
import { firstAgency, findAgencyBySlug } from '../agencies/agencies.repo.ts';
import type { AppDeps } from '../deps.ts';
import { bookFromPublicForm } from '../events/bookings.service.ts';
import { bookableSessions } from '../events/events.repo.ts';
import { heardAboutOptions } from '../enquiries/enquiry-options.ts';
import { consentIntro, consentWording } from '../privacy/consent-wording.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import { equalityKeys, equalityQuestions } from '../privacy/equality-questions.ts';
import { cookieOptions, readCookie } from '../shared/cookies.ts';
import { AppError } from '../shared/errors.ts';
import { checkedSet } from '../shared/form-input.ts';
import { formView } from '../shared/http.ts';
import { clientKey, RateLimiter } from '../shared/rate-limit.ts';
import { parse } from '../shared/validation.ts';
import { EqualityForm, PublicEnquiry } from './public-enquiry.schema.ts';
import {
  hasValidEqualityToken,
  recordEqualityAnswers,
  submitPublicEnquiry,
} from './public-enquiry.service.ts';
import { formStartedToken, spamReason } from './spam.ts';

const EQUALITY_COOKIE = 'crm_equality';
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
  const base = (req: Request) =>
    typeof req.params.agency === 'string' ? `/enquire/${req.params.agency}` : '/enquire';

  const formLocals = async (req: Request) => ({
    agency: await agencyFor(req),
    action: base(req),
    startedAt: formStartedToken(req.csrfToken!),
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
    const spam = spamReason(body, req.csrfToken!);
    if (spam) {
      // Answer a bot exactly as a person, so it learns nothing; keep nothing it sent.
      deps.logger.info({ reason: spam }, 'public enquiry discarded as automated');
      return res.redirect(303, `${base(req)}/thank-you`);
    }
    const input = parse(PublicEnquiry, body);
    const { enquiryId, equalityToken } = await submitPublicEnquiry(
      deps.db,
      agency.id,
      input,
      checkedSet(body.consent, consentChannels) as never,
    );
    if (input.sessionId) await bookFromPublicForm(deps, agency.id, input.sessionId, enquiryId);
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
    if (token) await recordEqualityAnswers(deps.db, token, answers);
    res.clearCookie(EQUALITY_COOKIE, { ...cookieOptions(req), path: '/enquire' });
    res.redirect(303, `${base(req)}/thank-you`);
  };

  const thankYou = async (req: Request, res: Response) => {
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
