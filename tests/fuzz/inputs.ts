import { z } from 'zod';

/** A JSON Schema node, as zod's toJSONSchema writes it (input side). */
interface Node {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  enum?: unknown[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
  format?: string;
  const?: unknown;
}

export type Body = Record<string, unknown> | unknown[] | string | number | boolean | null;

/** One malformed input: what is sent, and a short label for the failure report. */
export interface Case {
  label: string;
  body: Body;
  /** Sent as-is instead of `body` (invalid JSON, invalid UTF-8). */
  raw?: Buffer;
}

const HUGE = 'x'.repeat(100_000);
const CONTROL = 'a\u0000b\u0007c\u001bd\u202ee\r\nf';
const LONE_SURROGATE = 'bad\ud800text';

function jsonSchemaOf(schema: unknown): Node | undefined {
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Node;
  } catch {
    return undefined;
  }
}

const first = (node: Node): Node => node.anyOf?.[0] ?? node.oneOf?.[0] ?? node.allOf?.[0] ?? node;
const typeOf = (node: Node) => {
  const n = first(node);
  return Array.isArray(n.type) ? n.type[0] : n.type;
};

/** A plausible value for a node: the base that each mutation changes one part of. */
function sample(node: Node, depth = 0): unknown {
  const n = first(node);
  if (n.const !== undefined) return n.const;
  if (n.enum?.length) return n.enum[0];
  switch (typeOf(n)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [key, child] of Object.entries(n.properties ?? {})) out[key] = sample(child, depth + 1);
      return out;
    }
    case 'array':
      return n.items && depth <= 4 ? [sample(n.items, depth + 1)] : [];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      if (n.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (n.format === 'email') return 'someone@example.com';
      return 'x';
    default:
      return 'x';
  }
}

/** Wrong values for a node of this type, each with a label. */
function wrongValues(node: Node): [string, unknown][] {
  const type = typeOf(node);
  const out: [string, unknown][] = [
    ['null', null],
    ['array for scalar', ['a', 'b']],
    ['object', { nested: { deeper: 1 } }],
    ['huge string', HUGE],
    ['control characters', CONTROL],
    ['lone surrogate', LONE_SURROGATE],
  ];
  if (type === 'string') out.push(['number for string', 12345], ['empty string', ''], ['boolean', true]);
  else if (type === 'number' || type === 'integer')
    out.push(['string for number', 'twelve'], ['negative', -1e308], ['fraction', 0.5], ['NaN-ish', 'NaN']);
  else if (type === 'boolean') out.push(['string for boolean', 'maybe'], ['number for boolean', 2]);
  else if (type === 'array') out.push(['string for array', 'a,b'], ['10k items', Array(10_000).fill('a')]);
  else out.push(['string', 'x']);
  if (node.enum || first(node).enum) out.push(['not in the list', 'not-an-option']);
  if (first(node).format === 'uuid') out.push(['bad uuid', 'not-a-uuid'], ['dashes', '----']);
  return out;
}

/** Mutations of `base`, one field at a time, from the JSON Schema of a zod schema. */
function schemaCases(node: Node): Case[] {
  const base = sample(node);
  const root = first(node);
  const cases: Case[] = [];
  if (typeOf(root) !== 'object' || !base || typeof base !== 'object') return cases;
  const fields = Object.entries(root.properties ?? {}).slice(0, 12);
  for (const [key, child] of fields) {
    const without = { ...(base as Record<string, unknown>) };
    delete without[key];
    cases.push({ label: `schema: ${key} missing`, body: without });
    // A few wrong values per field keep each route's batch short; every kind appears on some field.
    const wrong = wrongValues(child);
    const picks = [wrong[0]!, wrong[1]!, ...wrong.slice(6), wrong[3 + (key.length % 3)]!];
    for (const [label, value] of picks) {
      cases.push({ label: `schema: ${key} ${label}`, body: { ...(base as object), [key]: value } });
    }
    const childRoot = first(child);
    if (typeOf(childRoot) === 'object' && childRoot.properties) {
      const inner = sample(child) as Record<string, unknown>;
      for (const innerKey of Object.keys(childRoot.properties).slice(0, 4)) {
        cases.push({
          label: `schema: ${key}.${innerKey} null`,
          body: { ...(base as object), [key]: { ...inner, [innerKey]: null } },
        });
      }
    }
  }
  cases.push({ label: 'schema: extra field', body: { ...(base as object), unexpectedField: 'x' } });
  return cases;
}

/** Junk every endpoint gets whatever its schema. */
export function genericCases(): Case[] {
  return [
    { label: 'empty object', body: {} },
    { label: 'null body', body: null },
    { label: 'array body', body: [1, 2, 3] },
    { label: 'string body', body: 'just a string' },
    { label: 'number body', body: 42 },
    { label: 'boolean body', body: true },
    { label: '__proto__ key', body: JSON.parse('{"__proto__": {"isAdmin": true, "role": "admin"}}') },
    { label: 'constructor key', body: { constructor: { prototype: { polluted: true } } } },
    { label: 'prototype key', body: { prototype: 'x', hasOwnProperty: 'x', toString: 'x' } },
    { label: 'every field null', body: { id: null, name: null, email: null, to: null, at: null } },
    { label: 'arrays for scalars', body: { name: ['a', 'b'], email: ['a@b.c'], to: ['x'], id: ['1'] } },
    { label: 'nested objects', body: { name: { first: { second: 'x' } }, to: { a: 1 } } },
    { label: 'huge string', body: { name: HUGE, title: HUGE, note: HUGE, text: HUGE } },
    { label: 'control characters', body: { name: CONTROL, title: CONTROL, note: CONTROL } },
    { label: 'lone surrogate', body: { name: LONE_SURROGATE, title: LONE_SURROGATE } },
    { label: 'numbers for strings', body: { name: 1, title: 2, email: 3, reason: 4 } },
    { label: 'bad ids', body: { enquiryId: 'not-a-uuid', sessionId: '----', panelId: '0', id: '../..' } },
    { label: 'bad dates', body: { at: 'yesterday', startsAt: '2025-13-45', startsOn: '31/12/2025' } },
    { label: 'bad date parts', body: { at: { day: 'x', month: '99', year: '-1' }, meetsOn: ['1'] } },
    { label: 'bad cursor', body: { cursor: 'eyJpZCI6Ii0tLS0ifQ', limit: -5 } },
    { label: 'sql-looking text', body: { name: "x'); drop table users; --", q: "' or 1=1 --" } },
    { label: 'deep nesting', body: { a: nest(60) } },
    { label: 'many keys', body: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])) },
    { label: 'invalid JSON / form', body: null, raw: Buffer.from('{"name": "x",') },
    {
      label: 'invalid UTF-8',
      body: null,
      raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    },
    { label: 'percent junk', body: null, raw: Buffer.from('name=%E0%A4%A&to=%ZZ&%C3%28=1') },
  ];
}

function nest(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** At least `min` malformed inputs for an endpoint: its schemas' mutations, then generic junk. */
export function casesFor(schemas: unknown[], min = 32): Case[] {
  const fromSchemas: Case[] = [];
  for (const schema of schemas) {
    const node = jsonSchemaOf(schema);
    if (node) fromSchemas.push(...schemaCases(node));
  }
  // An even spread over the schema's mutations (every field, every kind of wrong value) and the junk.
  const generic = genericCases();
  const share = Math.max(min - generic.length + 6, 12);
  const step = Math.max(1, fromSchemas.length / share);
  const cases: Case[] = [];
  for (let i = 0; i < fromSchemas.length && cases.length < share; i += step)
    cases.push(fromSchemas[Math.floor(i)]!);
  cases.push(...generic.slice(0, Math.max(min - cases.length, 20)));
  while (cases.length < min) cases.push({ label: `padding ${cases.length}`, body: { pad: cases.length } });
  return cases;
}

/** Malformed path parameters: unknown, other agency's, not ids, bad percent-encoding, traversal. */
export function badIds(otherAgencyId: string): string[] {
  return [
    '00000000-0000-4000-8000-000000000000',
    otherAgencyId,
    'not-a-uuid',
    '------------------------------------',
    '%E0%A4%A',
    '%ZZ',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'x'.repeat(2000),
    '__proto__',
  ];
}

/** Query strings for GET routes: bad ids, cursors, dates, limits, arrays and unknown parameters. */
export function badQueries(): string[] {
  return [
    'cursor=eyJpZCI6Ii0tLS0ifQ',
    'cursor=%%%',
    'cursor=' + 'A'.repeat(5000),
    'limit=-1',
    'limit=abc',
    'limit=100000000000000000000',
    'from=2025-02-30&to=2025-13-01',
    'from=yesterday',
    'year=abc',
    'year=99999',
    'q=' + 'x'.repeat(5000),
    'q=%E0%A4%A',
    'q=%00%07',
    'stage=nonsense',
    'stage[]=a&stage[]=b',
    'stage[x]=1',
    '__proto__[admin]=1',
    'constructor[prototype][x]=1',
    'page=-3',
    'sort=;drop',
    'when=nonsense',
    'view=%ZZ',
    'compare=nope',
    'route=nope',
    'council=nope',
    'mine=maybe',
    'status=nope',
    'month=2025-02-30',
    'date=2025-02-29',
    'id=not-a-uuid',
  ];
}
