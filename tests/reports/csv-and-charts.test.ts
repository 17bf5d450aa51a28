import { describe, expect, it } from 'vitest';
import { barChart, lineChart, niceScale, progressChart } from '../../src/reports/charts.ts';
import { csvField, toCsv } from '../../src/reports/csv.ts';
import { monthLabels } from '../../src/reports/funnel-table.ts';

describe('CSV', () => {
  it('quotes as RFC 4180 says and neutralises formulas, but leaves figures alone', () => {
    expect(csvField('Enquiries')).toBe('Enquiries');
    expect(csvField('Name, with comma')).toBe('"Name, with comma"');
    expect(csvField('Say "hello"')).toBe('"Say ""hello"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const risky of ['+1+2', '-1+cmd', '@SUM(A1)', '\tx']) expect(csvField(risky)).toBe(`'${risky}`);
    for (const figure of ['-2', '1,234', '12.5%', '+3']) expect(csvField(figure)).toMatch(/^"?[-+\d]/);
    expect(csvField('-2')).toBe('-2');
    expect(toCsv({ head: ['a', 'b'], rows: [['1', 'x,y']] })).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('charts', () => {
  it('escape every label and use no style attributes or scripts', () => {
    const svg = barChart({
      labels: ['<script>', 'A & B'],
      series: [
        { name: '"quoted"', values: [1, 2] },
        { name: 'Last year', values: [3, 0] },
      ],
      lanes: [{ label: '<b>X</b>', from: 0, to: 1 }],
      summaryId: 'sum"mary',
    });
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('&quot;quoted&quot;');
    expect(svg).toContain('aria-labelledby="sum&quot;mary"');
    expect(svg).not.toMatch(/<script|\sstyle=|<b>/);
    expect(svg).toMatch(/^<svg class="app-chart"[^>]* role="img"/);
    const line = lineChart({
      labels: ['Apr', 'May'],
      series: [{ name: 'x', values: [0, 0] }],
      summaryId: 's',
    });
    expect(line).toContain('<polyline');
    expect(progressChart(3, 20, 's').match(/<path/g)).toHaveLength(20);
    expect(progressChart(30, 200, 's')).not.toContain('<path');
  });

  it('scale to round numbers', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(171)).toEqual({ top: 200, step: 50 });
  });

  it('label months with the year only when the months span two calendar years', () => {
    expect(monthLabels(['2022-04', '2022-05'])).toEqual(['Apr', 'May']);
    expect(monthLabels(['2025-12', '2026-01'])).toEqual(['Dec 2025', 'Jan 2026']);
  });
});
