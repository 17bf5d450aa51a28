import { addDays, financialYear, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { activeStages, closeReasons, stageLabels, type Stage } from '../pipeline/stages.ts';
import {
  isSurveyChoice,
  surveyChoiceKeys,
  surveyChoices,
  surveyedCloseReasons,
  type SurveyChoice,
} from './exit-survey-rules.ts';
import { ATTRIBUTED_ROUTES, routeRules, routesCounted, type ReportRoute } from '../reports/report-routes.ts';
import { dropOutCells, dropOutOwnWords, type DropOutCell } from './drop-out.repo.ts';

/** The counting rule, as the page and docs/api.md state it. */
export const dropOutRule =
  'Each household counts once, at its last closing in the financial year, if that closing was the applicant stopping: ' +
  'a withdrawal (AW0 to AW5) or no response. Service decisions (not suitable, not recommended, refused) are not counted. ' +
  'Its stage is the stage it left from; its campaign is the campaign its enquiry came from (family and friends households are never credited to a campaign). ' +
  'Its code is the reason in force: the code the officer accepted from the applicant’s answer, if they did, otherwise the reason recorded at closing. ' +
  '“What applicants said” counts the answers to the survey for those closings. Households that went quiet but are still open are not counted until they close.';

/** The report's columns: the withdrawal codes in Ofsted's order, then no response. */
export const dropOutCodes = surveyedCloseReasons.map((code) => ({
  code,
  label: (closeReasons as Record<string, string>)[code]!,
}));

export interface DropOutRow {
  key: string;
  label: string;
  counts: Record<string, number>;
  total: number;
  /** Households in this row that answered the survey. */
  answered: number;
}

function tally(
  cells: DropOutCell[],
  keyOf: (c: DropOutCell) => string,
  labelOf: (key: string, c?: DropOutCell) => string,
  keys: string[] = [],
) {
  const rows = new Map<string, DropOutRow>();
  const rowFor = (key: string, cell?: DropOutCell) => {
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        label: labelOf(key, cell),
        counts: Object.fromEntries(dropOutCodes.map((c) => [c.code, 0])),
        total: 0,
        answered: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const key of keys) rowFor(key);
  for (const cell of cells) {
    const row = rowFor(keyOf(cell), cell);
    row.counts[cell.code] = (row.counts[cell.code] ?? 0) + cell.n;
    row.total += cell.n;
    if (cell.answered) row.answered += cell.n;
  }
  return [...rows.values()];
}

const NO_CAMPAIGN = '';

/**
 * Drop-out reasons for a financial year (`startYear`, 1 April to 31 March, or to today while it
 * runs), by the stage households left from and by campaign, as codes and as what applicants said
 * (issue 16 §4). Read live from the stage events and survey answers. `withWords` adds what they
 * wrote in their own words (managers only: free text can identify people).
 */
export async function dropOutReasons(
  db: Db,
  agencyId: string,
  query: { year: number; route: ReportRoute },
  withWords: boolean,
) {
  const startYear = query.year;
  const routes = { counted: routesCounted(query.route), attributed: ATTRIBUTED_ROUTES };
  const year = financialYear(startYear);
  const today = londonToday();
  const to = year.end < today ? year.end : today;
  const window = { from: startOfLondonDay(year.start), before: startOfLondonDay(addDays(year.end, 1)) };
  const cells = await dropOutCells(db, agencyId, window, surveyedCloseReasons, routes);
  const stageLabel = (key: string) => stageLabels[key as Stage] ?? key;
  const byStage = tally(cells, (c) => c.stage, stageLabel, [...activeStages]);
  const byCampaign = tally(
    cells,
    (c) => c.campaignCode ?? NO_CAMPAIGN,
    (key, c) => (key === NO_CAMPAIGN ? 'No campaign' : c?.campaignName ? `${c.campaignName} (${key})` : key),
  ).sort((a, b) => (a.key === NO_CAMPAIGN ? 1 : b.key === NO_CAMPAIGN ? -1 : a.label.localeCompare(b.label)));
  const said = surveyChoiceKeys.map((choice) => applicantSaid(cells, choice));
  const words = withWords
    ? (await dropOutOwnWords(db, agencyId, window, surveyedCloseReasons, routes)).map((w) => ({
        ...w,
        stageLabel: stageLabel(w.stage),
        said: isSurveyChoice(w.choice) ? surveyChoices[w.choice].text : null,
      }))
    : undefined;
  return {
    year: { startYear, label: year.label, from: year.start, to, running: to < year.end },
    route: query.route,
    rule: dropOutRule,
    routeRule: routeRules[query.route],
    codes: dropOutCodes,
    total: byStage.reduce((sum, r) => sum + r.total, 0),
    answered: byStage.reduce((sum, r) => sum + r.answered, 0),
    byStage,
    byCampaign,
    applicantSaid: said,
    ...(words ? { words } : {}),
  };
}
export type DropOutReport = Awaited<ReturnType<typeof dropOutReasons>>;

/** How many chose one answer, by the stage they left from. */
function applicantSaid(cells: DropOutCell[], choice: SurveyChoice) {
  const byStage: Record<string, number> = Object.fromEntries(activeStages.map((s) => [s, 0]));
  for (const cell of cells)
    if (cell.choice === choice) byStage[cell.stage] = (byStage[cell.stage] ?? 0) + cell.n;
  return {
    choice,
    text: surveyChoices[choice].text,
    suggests: surveyChoices[choice].code,
    byStage,
    total: Object.values(byStage).reduce((a, b) => a + b, 0),
  };
}
