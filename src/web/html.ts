import type { Request } from 'express';

/** True when the client is a person's browser rather than an API client. */
export const wantsHtml = (req: Request) =>
  !req.path.startsWith('/api/') && req.accepts(['html', 'json']) === 'html';
