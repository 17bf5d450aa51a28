import type { ReportTable } from '../reports/report-table.ts';
import { activeStages, stageLabels } from '../pipeline/stages.ts';
import type { DropOutReport, DropOutRow } from './drop-out.service.ts';

const codeHeads = (report: DropOutReport) =>
  report.codes.map((c) => (c.code === 'no_response' ? 'No response' : c.code));

const rowCells = (report: DropOutReport, row: DropOutRow) => [
  ...report.codes.map((c) => String(row.counts[c.code] ?? 0)),
  String(row.total),
  String(row.answered),
];

function totalRow(report: DropOutReport, rows: DropOutRow[]): DropOutRow {
  const counts = Object.fromEntries(
    report.codes.map((c) => [c.code, rows.reduce((sum, r) => sum + (r.counts[c.code] ?? 0), 0)]),
  );
  return { key: 'total', label: 'Total', counts, total: report.total, answered: report.answered };
}

/** Codes by the stage households left from, with a total row. */
export function byStageTable(report: DropOutReport): ReportTable {
  return {
    caption: `Reasons by the stage they left from, ${report.year.label}${report.year.running ? ' so far' : ''}`,
    head: ['Stage left from', ...codeHeads(report), 'Total', 'Answered the survey'],
    rows: [...report.byStage, totalRow(report, report.byStage)].map((r) => [r.label, ...rowCells(report, r)]),
  };
}

/** Codes by the campaign the enquiry came from. */
export function byCampaignTable(report: DropOutReport): ReportTable {
  return {
    caption: `Reasons by campaign, ${report.year.label}${report.year.running ? ' so far' : ''}`,
    head: ['Campaign', ...codeHeads(report), 'Total', 'Answered the survey'],
    rows: report.byCampaign.map((r) => [r.label, ...rowCells(report, r)]),
  };
}

/** What applicants chose on the survey, in their words, by the stage they left from. */
export function applicantSaidTable(report: DropOutReport): ReportTable {
  return {
    caption: 'What applicants said, by the stage they left from',
    head: ['They said', 'Suggests', ...activeStages.map((s) => stageLabels[s]), 'Total'],
    rows: report.applicantSaid.map((s) => [
      s.text,
      s.suggests,
      ...activeStages.map((stage) => String(s.byStage[stage] ?? 0)),
      String(s.total),
    ]),
    textColumns: 2,
  };
}

/** The CSV: stages, then campaigns, in one table with the grouping named in the first column. */
export function dropOutCsvTable(report: DropOutReport): ReportTable {
  const stage = byStageTable(report);
  const campaign = byCampaignTable(report);
  return {
    caption: stage.caption,
    head: ['Grouping', 'Group', ...stage.head.slice(1)],
    rows: [
      ...stage.rows.map((r) => ['Stage left from', ...r]),
      ...campaign.rows.map((r) => ['Campaign', ...r]),
    ],
    textColumns: 2,
  };
}
