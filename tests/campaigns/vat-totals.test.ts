import { describe, expect, it } from 'vitest';
import { costTotals, lineTotals } from '../../src/campaigns/campaign-costs.ts';
import { listCampaigns } from '../../src/campaigns/campaigns.repo.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

// Hand-computed, VAT at 20%:
//   £3,900.00 + VAT      net 390,000  VAT 78,000  gross 468,000
//   £1,200.00 VAT incl.  net 100,000  VAT 20,000  gross 120,000
//   £350.00 no VAT       net  35,000  VAT      0  gross  35,000
//   £1.00 VAT incl.      net      83  VAT     17  gross     100   (100 ÷ 1.2 = 83.33 → 83p)
//   totals               net 525,083  VAT 98,017  gross 623,100
// The old total added the amounts as typed: 545,100, a mix of net and gross.
const lines = [
  { description: 'Billboard, 12 months', amountPence: 390_000, vat: 'plus_vat' as const },
  { description: 'Radio advert', amountPence: 120_000, vat: 'includes_vat' as const },
  { description: 'Stall fee', amountPence: 35_000, vat: 'no_vat' as const },
  { description: 'Stamps', amountPence: 100, vat: 'includes_vat' as const },
];

describe('campaign cost totals: net, VAT and gross', () => {
  const ctx = useTestContext();

  it('works each line out by how it was entered, then adds the lines', () => {
    expect(lineTotals(lines[0]!)).toEqual({ netPence: 390_000, vatPence: 78_000, grossPence: 468_000 });
    expect(lineTotals(lines[1]!)).toEqual({ netPence: 100_000, vatPence: 20_000, grossPence: 120_000 });
    expect(lineTotals(lines[2]!)).toEqual({ netPence: 35_000, vatPence: 0, grossPence: 35_000 });
    expect(lineTotals(lines[3]!)).toEqual({ netPence: 83, vatPence: 17, grossPence: 100 });
    expect(costTotals(lines)).toEqual({ netPence: 525_083, vatPence: 98_017, grossPence: 623_100 });
    expect(costTotals([])).toEqual({ netPence: 0, vatPence: 0, grossPence: 0 });
  });

  it('the API, the action plan (SQL) and the campaign page agree, and the page states the rule', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    const res = await api.post('/campaigns', {
      code: 'VAT-MIX',
      name: 'Mixed VAT lines',
      channel: 'outdoor',
      startsOn: '2026-04-01',
      costs: lines,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      costPence: 525_083,
      netPence: 525_083,
      vatPence: 98_017,
      grossPence: 623_100,
    });
    const listed = (await listCampaigns(ctx().deps.db, ctx().agencyId)).find((c) => c.code === 'VAT-MIX');
    expect(listed!.costPence).toBe(525_083);

    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const page = (await browser.get(`/campaigns/${res.body.id}`)).body;
    const totals = page.slice(
      page.indexOf('id="cost-totals"'),
      page.indexOf('</dl>', page.indexOf('id="cost-totals"')),
    );
    const text = totals.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Total net of VAT £5,250.83');
    expect(text).toContain('VAT £980.17');
    expect(text).toContain('Total with VAT (gross) £6,231.00');
    expect(page).not.toContain('£5,451.00');
    expect(page).toContain('VAT at 20%. A line marked “+ VAT” is entered net');
    const list = (await browser.get('/campaigns')).body;
    expect(list).toContain('Cost (net of VAT)');
    expect(list).toContain('£5,250.83');
  });
});
