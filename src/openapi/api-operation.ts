import type { z } from 'zod';
import type { Capability } from '../shared/access.ts';

/**
 * One `/api/v1` operation as integrators see it. `query` and `body.schema` are the very schema
 * objects the route parses with (imported, never copied), so the OpenAPI document cannot drift from
 * what the route accepts; tests/api/openapi.test.ts checks this list against the app's router stack.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express pattern under `/api/v1`, e.g. `/enquiries/:id`. */
  path: string;
  tag: string;
  summary: string;
  /** The capability the route requires (src/shared/access.ts): its roles are the ones documented. */
  capability: Capability;
  /** The strict query schema of a `GET` that takes parameters; absent means none are accepted. */
  query?: z.ZodType;
  body?: {
    name: string;
    schema: z.ZodType;
    example: Record<string, unknown>;
    /** JSON unless said otherwise; a file upload is `multipart/form-data` (its file as a binary string). */
    contentType?: 'multipart/form-data';
  };
  success: { status: number; description: string };
}

/** The enquiry identifier the request examples refer to. */
export const ENQUIRY = 'a3c9e1f2-7b6d-4e5f-8a9b-1c2d3e4f5a6b';
