import { z } from 'zod';
import { rolesWith } from '../shared/access.ts';
import { apiOperations, type ApiOperation } from './api-operations.ts';

type JsonSchema = Record<string, unknown>;

/** The error body every 4xx and 5xx carries (docs/api.md "Errors"). */
const ErrorBody = z
  .object({
    error: z
      .object({
        code: z.string().meta({
          description:
            'bad_request, unauthenticated, forbidden, not_found, conflict, invalid_transition, too_large, ' +
            'unsupported_media_type, validation, rate_limited, unavailable or internal',
        }),
        message: z.string(),
        issues: z.array(
          z.object({
            path: z
              .string()
              .meta({ description: 'Dotted path into the body, or the query parameter or header name' }),
            message: z.string(),
          }),
        ),
      })
      .catchall(z.unknown())
      .meta({
        description: 'Some errors add detail beside code and message: from, to, allowed, candidates…',
      }),
  })
  .meta({ title: 'Error' });

/**
 * JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) of what a client sends: the schema's input side,
 * so defaults and optional fields read as the client sees them. Refinements zod cannot express stay
 * in the route's parse and are described in docs/api.md.
 */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function operationId({ method, path }: ApiOperation): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by ${part.slice(1)}` : part))
    .join(' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationObject(op: ApiOperation, schemas: Record<string, JsonSchema>) {
  const roles = rolesWith(op.capability);
  const parameters: unknown[] = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
  if (op.query) {
    const json = inputSchema(op.query);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  if (op.method === 'post') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  let requestBody: unknown;
  if (op.body) {
    schemas[op.body.name] ??= inputSchema(op.body.schema);
    requestBody = {
      required: true,
      content: {
        [op.body.contentType ?? 'application/json']: {
          schema: { $ref: `#/components/schemas/${op.body.name}` },
          example: op.body.example,
        },
      },
    };
  }

  const responses: Record<string, unknown> = {
    [op.success.status]:
      op.success.status === 204
        ? { description: op.success.description }
        : { description: op.success.description, content: { 'application/json': {} } },
    401: { $ref: '#/components/responses/Unauthenticated' },
  };
  if (op.capability !== 'account') responses[403] = { $ref: '#/components/responses/Forbidden' };
  responses[404] = { $ref: '#/components/responses/NotFound' };
  if (op.method !== 'get') responses[409] = { $ref: '#/components/responses/Conflict' };
  responses[422] = { $ref: '#/components/responses/Validation' };

  return {
    tags: [op.tag],
    summary: op.summary,
    description: `Roles: ${roles.length === 4 ? 'any' : roles.join(', ')}.`,
    operationId: operationId(op),
    'x-roles': roles,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

const description = `Log enquiries, move households through the pipeline, plan events and panels, keep campaigns and
read every report. The same rules and the same role table apply as on the pages people use.

**The readable reference is \`docs/api.md\`** in this service's source: conventions (tokens, errors, retries,
strict query strings, dates, pagination, money), every field's rules and example responses. This document is
generated from the same zod schemas the endpoints validate with.

- Every request carries \`Authorization: Bearer <token>\` (create one under **Your account → API tokens**).
- Bodies are JSON (at most 2 MB) and strict: an unknown field is a 422 naming it. Unknown query parameters are a 422.
- Any \`POST\` accepts an \`Idempotency-Key\` header: a repeat with the same key returns the first answer.
- Money is integer pence. A date is \`YYYY-MM-DD\` (a Europe/London day); a date-time is RFC 3339 with an offset.`;

/** The OpenAPI 3.1 document for `/api/v1`, built from the operation registry. */
export function buildOpenApiDocument(operations: ApiOperation[] = apiOperations) {
  const schemas: Record<string, JsonSchema> = { Error: inputSchema(ErrorBody) };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    (paths[openApiPath(op.path)] ??= {})[op.method] = operationObject(op, schemas);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Foster carer recruitment CRM API', version: '1.0.0', description },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from `npm run crm -- tokens:add` or Your account → API tokens',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A value you choose per operation (1 to 255 printable ASCII characters, bare or quoted). A repeat ' +
            'with the same key and request returns the first answer (`Idempotent-Replayed: true`); the same ' +
            'key with a different request is a 422; a repeat while the first is running is a 409.',
          schema: { type: 'string', minLength: 1, maxLength: 257 },
        },
      },
      responses: {
        Unauthenticated: errorResponse('No valid token (`unauthenticated`)'),
        Forbidden: errorResponse("The token's role may not do this (`forbidden`)"),
        NotFound: errorResponse('No such record in your service, or no such endpoint (`not_found`)'),
        Conflict: errorResponse(
          'Clashes with the current state (`conflict`, `invalid_transition`), or the same Idempotency-Key is still being handled',
        ),
        Validation: errorResponse(
          'A field, query parameter or header is missing, unknown or not valid (`validation`)',
        ),
      },
      schemas,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
