import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiOperations } from '../../src/openapi/api-operations.ts';
import { roles, type Role } from '../../src/shared/roles.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parse } from '../../src/shared/validation.ts';
import { expected as accessTable } from '../foundation/access-routes.ts';
import { listRoutes } from '../fuzz/routes.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** `METHOD /api/v1/path/:param` for every operation the served document describes. */
function documentedRoutes(doc: Doc): string[] {
  const base = doc.servers[0].url as string;
  const found: string[] = [];
  for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of METHODS) {
      if (item[method]) found.push(`${method.toUpperCase()} ${base}${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
  }
  return found.sort();
}

/** The issue paths `parse` reports for an input: what the route answers when it uses this schema. */
function localIssues(schema: Parameters<typeof parse>[0], input: unknown): string[] | undefined {
  try {
    parse(schema, input);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.issues.map((i) => i.path).sort();
  }
}

describe('GET /api/v1/openapi.json documents the whole API (issue 14 §8)', () => {
  const ctx = useTestContext();
  const clients = {} as Record<Role, ReturnType<typeof apiClient>>;
  let doc: Doc;

  beforeAll(async () => {
    for (const role of roles) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      clients[role] = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    }
    const res = await clients.officer.get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('is served to any signed-in token, not without one, and takes no query parameters', async () => {
    for (const role of roles) {
      const res = await clients[role].get('/openapi.json');
      expect(res.status, role).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
    }
    expect((await apiClient(ctx().baseUrl).get('/openapi.json')).status).toBe(401);
    expect((await apiClient(ctx().baseUrl, 'crm_not-a-token').get('/openapi.json')).status).toBe(401);
    const junk = await clients.admin.get('/openapi.json?format=yaml');
    expect(junk.status).toBe(422);
    expect(junk.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['format']);
  });

  it('documents every /api/v1 route the app registers, and nothing the app does not answer', () => {
    const app = listRoutes(createApp(ctx().deps))
      .routes.filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(app.length).toBeGreaterThan(30);
    const documented = documentedRoutes(doc);
    expect(
      app.filter((r) => !documented.includes(r)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      documented.filter((r) => !app.includes(r)),
      'documented operations the app does not have',
    ).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document with bearer auth, the error shape and Idempotency-Key', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], 'OpenAPI schema errors').toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does catch a broken document.
    const broken = structuredClone(doc);
    delete broken.info;
    broken.paths['/me'].get.responses = 'none';
    expect((await new Validator().validate(broken)).valid).toBe(false);

    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.description).toContain('docs/api.md');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'issues']);

    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const name = `${method.toUpperCase()} ${p}`;
        const codes = Object.keys(op.responses);
        expect(codes, name).toEqual(expect.arrayContaining(['401', '404', '422']));
        if (method !== 'get') expect(codes, name).toContain('409');
        if (op['x-roles'].length < roles.length) expect(codes, name).toContain('403');
        const idempotency = (op.parameters ?? []).some(
          (x: { $ref?: string }) => x.$ref === '#/components/parameters/IdempotencyKey',
        );
        expect(idempotency, `${name} Idempotency-Key`).toBe(method === 'post');
        for (const param of p.match(/\{\w+\}/g) ?? []) {
          expect(
            op.parameters.some(
              (x: { name?: string; in?: string }) => `{${x.name}}` === param && x.in === 'path',
            ),
            `${name} ${param}`,
          ).toBe(true);
        }
        const body = op.requestBody?.content?.['application/json'];
        if (body) expect(body.example, `${name} has an example request`).toBeDefined();
      }
    }
  });

  it("each documented example request validates against the route's own schema", () => {
    const withBody = apiOperations.filter((op) => op.body);
    expect(withBody.length).toBeGreaterThan(15);
    for (const op of withBody) {
      const { schema, example, name, contentType = 'application/json' } = op.body!;
      // A multipart example names its file; the route receives the uploaded file itself.
      const upload = { originalname: 'tracker.csv', size: 5, buffer: Buffer.from('Name\n') };
      const sent = contentType === 'multipart/form-data' ? { ...example, file: upload } : example;
      const result = schema.safeParse(sent);
      expect(result.success ? [] : result.error.issues, `${op.method} ${op.path}`).toEqual([]);
      const served = doc.paths[op.path.replace(/:(\w+)/g, '{$1}')][op.method];
      expect(served.requestBody.content[contentType].example).toEqual(example);
      expect(served.requestBody.content[contentType].schema.$ref).toBe(`#/components/schemas/${name}`);
    }
    // Every write that reads a body documents it: an operation without one really ignores its body.
    const bodiless = apiOperations.filter((op) => op.method !== 'get' && op.method !== 'delete' && !op.body);
    expect(bodiless.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'post /imports/:id/rollback',
      'post /metrics/refresh',
      'post /panels/:id/cases/:caseId/withdraw',
    ]);
  });

  it('documents the schema each route parses: the route answers {} with the same issues', async () => {
    // A manager holds every API capability, so each request reaches the route's own parse.
    const manager = clients.manager;
    const problems: string[] = [];
    for (const op of apiOperations.filter((o) => o.body)) {
      const expectedIssues = localIssues(op.body!.schema, {});
      if (!expectedIssues) continue;
      const url = op.path.replace(/:\w+/g, () => randomUUID());
      const res = op.method === 'patch' ? await manager.patch(url, {}) : await manager.post(url, {});
      const got = (res.body?.error?.issues ?? []).map((i: { path: string }) => i.path).sort();
      if (res.status !== 422 || JSON.stringify(got) !== JSON.stringify(expectedIssues)) {
        problems.push(`${op.method} ${op.path}: ${res.status} [${got}] expected 422 [${expectedIssues}]`);
      }
    }
    // Every documented query parameter is one the route knows (an unknown one is "not allowed").
    for (const op of apiOperations.filter((o) => o.query)) {
      const params = doc.paths[op.path][op.method].parameters.filter((p: { in: string }) => p.in === 'query');
      expect(params.length, op.path).toBeGreaterThan(0);
      for (const { name } of params as { name: string }[]) {
        const res = await manager.get(`${op.path}?${name}=zz-not-valid`);
        const unknown = (res.body?.error?.issues ?? []).some(
          (i: { path: string; message: string }) =>
            i.path === name && i.message === 'This field is not allowed',
        );
        if (unknown || res.status >= 500) problems.push(`GET ${op.path}?${name}: ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the roles the role table gives each route, as docs/api.md lists them', () => {
    const all = [...roles].sort().join(', ');
    const documented = new Map<string, string>();
    for (const op of apiOperations) {
      const route = `${op.method.toUpperCase()} /api/v1${op.path}`;
      expect(accessTable[route], route).toBe(op.capability);
      const servedRoles = doc.paths[op.path.replace(/:(\w+)/g, '{$1}')][op.method]['x-roles'] as string[];
      documented.set(route, `${[...servedRoles].sort().join(', ')} → ${op.success.status}`);
    }
    // docs/api.md, "Every endpoint at a glance": the readable reference lists the same operations.
    const markdown = readFileSync(path.join(import.meta.dirname, '../../docs/api.md'), 'utf8');
    const table = markdown.slice(markdown.indexOf('## Every endpoint at a glance'));
    const listed = new Map<string, string>();
    for (const [, route, who, status] of table.matchAll(
      /^\| `([A-Z]+ \/api\/v1\/\S+)` \| ([^|]+) \| (\d+) \|$/gm,
    )) {
      const names =
        who!.trim() === 'any'
          ? all
          : who!
              .split(',')
              .map((r) => r.trim())
              .sort()
              .join(', ');
      listed.set(route!, `${names} → ${status}`);
    }
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(documented));
  });
});
