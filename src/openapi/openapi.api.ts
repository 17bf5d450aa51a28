import { Router } from 'express';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { noQuery } from '../web/query.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.ts';

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of every `/api/v1` operation, for any token. */
export function openApiApi(_deps: AppDeps) {
  const router = Router();
  let document: OpenApiDocument | undefined;
  router.get('/openapi.json', requireAccess('account'), noQuery, (_req, res) => {
    // Built on first use: the schemas do not change while the process runs.
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  return router;
}
