import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { dayOfWeek, londonToday } from './dates.ts';
import { formView } from '../web/http.ts';
import { bankHolidayList, saveBankHolidays } from './calendar.service.ts';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What the page shows: where the list came from, and the holidays from today on. */
async function pageModel(deps: AppDeps) {
  const list = await bankHolidayList(deps.db);
  const today = londonToday();
  return {
    list,
    lastListed: list.holidays.at(-1)?.date,
    upcoming: list.holidays
      .filter((h) => h.date >= today)
      .map((h) => ({ ...h, weekday: weekdays[dayOfWeek(h.date)] })),
  };
}

/** Administrators keep the bank holidays up to date by pasting GOV.UK's list: no release needed. */
export function bankHolidaysRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/bank-holidays', requireAccess('administration'));

  router.get('/admin/bank-holidays', async (_req, res) => {
    res.render('settings/bank-holidays.njk', { ...(await pageModel(deps)), values: {} });
  });

  router.post(
    '/admin/bank-holidays',
    formView('settings/bank-holidays.njk', () => pageModel(deps)),
    async (req, res) => {
      const holidays = await saveBankHolidays(deps.db, actorFrom(req), req.body);
      await setFlash(deps.db, req.sessionToken!, {
        success: `Bank holidays updated: ${holidays.length} from ${holidays[0]!.date} to ${holidays.at(-1)!.date}.`,
      });
      res.redirect(303, '/admin/bank-holidays');
    },
  );

  return router;
}
