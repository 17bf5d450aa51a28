import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { fieldId } from './http.ts';
import {
  formatDate,
  formatDateTime,
  formatMonthYear,
  formatDateTimeRange,
  formatNumber,
  formatPence,
  formatShortDate,
  plural,
} from '../shared/format.ts';
import { projectRoot } from '../shared/project-root.ts';

const root = projectRoot;
export const viewsDir = path.join(root, 'views');
export const govukDist = path.join(root, 'node_modules/govuk-frontend/dist');

export const SERVICE_NAME = 'Foster carer recruitment';

export function configureViews(app: Express, options: { watch?: boolean } = {}) {
  const env = nunjucks.configure([viewsDir, govukDist], {
    autoescape: true,
    express: app,
    noCache: options.watch ?? false,
    throwOnUndefined: false,
  });
  env.addGlobal('serviceName', SERVICE_NAME);
  /** A fresh single-use token per rendered form: see submission-token.ts. */
  env.addGlobal('submissionToken', () => randomBytes(18).toString('base64url'));
  env.addFilter('date', formatDate);
  env.addFilter('shortDate', formatShortDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('monthYear', formatMonthYear);
  env.addFilter('dateTimeRange', formatDateTimeRange);
  env.addFilter('pence', formatPence);
  env.addFilter('number', formatNumber);
  env.addFilter('plural', plural);
  env.addFilter('percent', (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${n}%`));
  env.addFilter('fieldId', fieldId);
  /** `errors | fieldError('applicants.0.email')` → `{ text }` for a GOV.UK macro's errorMessage, or undefined. */
  env.addFilter(
    'fieldError',
    (errors: Record<string, { text: string }> | undefined, key: string) => errors?.[key],
  );
  env.addFilter('json', (value: unknown) => JSON.stringify(value));
  app.set('view engine', 'njk');
  return env;
}
