import type { Vat } from './campaign-options.ts';

/**
 * Campaign costs net of VAT, the VAT, and gross (with VAT), in whole pence. UK standard rate, 20%.
 * How a line was entered decides what its amount is:
 * - "+ VAT" (`plus_vat`): the amount is net; VAT = 20% of it, gross = net + VAT;
 * - "VAT included" (`includes_vat`): the amount is gross; net = gross ÷ 1.2, VAT = gross − net;
 * - "No VAT" (`no_vat`): net = gross = the amount, no VAT.
 * Each line is rounded to the penny (halves up), then lines are added, so totals equal the sum of
 * the lines shown. Reports use the net figure: councils recover the VAT they pay (VAT Act 1994, s.33),
 * so net is what a campaign costs the service. The repository's SQL (campaigns.repo.ts) follows
 * the same rule; a test checks they agree.
 */
export const VAT_RATE_PERCENT = 20;

export interface CostTotals {
  netPence: number;
  vatPence: number;
  grossPence: number;
}

export function lineTotals(line: { amountPence: number; vat: Vat }): CostTotals {
  const amount = line.amountPence;
  if (line.vat === 'plus_vat') {
    const vatPence = Math.round((amount * VAT_RATE_PERCENT) / 100);
    return { netPence: amount, vatPence, grossPence: amount + vatPence };
  }
  if (line.vat === 'includes_vat') {
    const netPence = Math.round((amount * 100) / (100 + VAT_RATE_PERCENT));
    return { netPence, vatPence: amount - netPence, grossPence: amount };
  }
  return { netPence: amount, vatPence: 0, grossPence: amount };
}

/** The totals of a campaign's lines. */
export function costTotals(lines: readonly { amountPence: number; vat: Vat }[]): CostTotals {
  return lines.map(lineTotals).reduce(
    (sum, t) => ({
      netPence: sum.netPence + t.netPence,
      vatPence: sum.vatPence + t.vatPence,
      grossPence: sum.grossPence + t.grossPence,
    }),
    { netPence: 0, vatPence: 0, grossPence: 0 },
  );
}
