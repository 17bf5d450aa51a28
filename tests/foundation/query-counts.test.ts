import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/**
 * List pages and reports must not run a query per row (N+1): the number of SQL statements a page
 * runs stays the same whether the service has a few households or many times more.
 */
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const pages = [
  '/enquiries',
  '/enquiries?stage=active',
  '/board',
  '/my-work',
  '/events',
  '/visits',
  '/panels',
  '/deadlines',
  '/campaigns',
  '/reports/funnel',
  '/reports/campaigns',
  '/dashboard',
];

describe('queries per page', () => {
  const ctx = useTestContext();

  it('do not grow with the number of households', async () => {
    const { db } = ctx().deps;
    const manager = await makeUser(db, ctx().agencyId, 'manager');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(manager.email, manager.password);
    const count = async () => {
      await refreshAgency(db, ctx().agencyId, { full: true });
      const counts: Record<string, number> = {};
      for (const page of pages) {
        statements = 0;
        expect((await browser.get(page)).status, page).toBe(200);
        counts[page] = statements;
      }
      return counts;
    };
    for (let i = 0; i < 3; i++) await makeEnquiry(db, ctx().agencyId, { campaignCode: `C${i}` });
    const few = await count();
    for (let i = 0; i < 30; i++) await makeEnquiry(db, ctx().agencyId, { campaignCode: `C${i}` });
    const many = await count();
    expect(many).toEqual(few);
    expect(Math.min(...Object.values(few))).toBeGreaterThan(1);
    expect(Math.max(...Object.values(few))).toBeLessThan(40);
  });
});
