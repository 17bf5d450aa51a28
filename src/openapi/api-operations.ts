import type { ApiOperation } from './api-operation.ts';
import { checkOperations } from './api-operations-checks.ts';
import { connectedPersonOperations } from './api-operations-connected-person.ts';
import { enquiryOperations } from './api-operations-enquiries.ts';
import { eventOperations } from './api-operations-events.ts';
import { figureOperations } from './api-operations-figures.ts';
import { handoffOperations } from './api-operations-handoffs.ts';
import { importOperations } from './api-operations-imports.ts';
import { panelOperations } from './api-operations-panels.ts';
import { privacyOperations } from './api-operations-privacy.ts';
import { retentionOperations } from './api-operations-retention.ts';
import { settingOperations } from './api-operations-settings.ts';

export type { ApiOperation } from './api-operation.ts';

/**
 * Every operation of the API, in the order docs/api.md describes them. Each API area lists its own
 * operations (api-operations-*.ts); this is their concatenation, in that order.
 */
export const apiOperations: ApiOperation[] = [
  ...enquiryOperations,
  ...connectedPersonOperations,
  ...handoffOperations,
  ...eventOperations,
  ...panelOperations,
  ...checkOperations,
  ...figureOperations,
  ...importOperations,
  ...privacyOperations,
  ...retentionOperations,
  ...settingOperations,
];
