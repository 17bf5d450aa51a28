import type { ApiOperation } from './api-operation.ts';

/** The service's settings that the API reads. */
export const settingOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/settings/approval-rules',
    tag: 'Approval rules',
    summary:
      'The approval route and the timeliness standard: in force today, scheduled after today, and every change recorded',
    capability: 'administration',
    success: {
      status: 200,
      description:
        '`{ today, approvalRoute: { current: { value, label, since }, scheduled, history }, timelinessStandard: { … } }`',
    },
  },
];
