import { strictObject, ZodObject, ZodPipe, type z } from 'zod';
import { AppError, type FieldIssue } from './errors.ts';

/** Parses input with a zod schema; throws AppError('validation') with one issue per bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: [...issue.path, key].join('.'), message: 'This field is not allowed' });
      }
      continue;
    }
    issues.push({ path: issue.path.map(String).join('.'), message: issue.message });
  }
  throw new AppError('validation', 'Some of the information is missing or not valid.', { issues });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from the URL. Anything that is not a UUID cannot exist, so it is a 404, not a database error. */
export function parseId(value: unknown, what = 'Record'): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw new AppError('not_found', `${what} was not found.`);
  return value.toLowerCase();
}

/** The query parameters an object schema knows, looking through transforms and pipes. */
export function queryKeys(schema: z.ZodType): string[] {
  if (schema instanceof ZodObject) return Object.keys(schema.shape);
  if (schema instanceof ZodPipe) {
    const inner = queryKeys(schema.in as z.ZodType);
    return inner.length > 0 ? inner : queryKeys(schema.out as z.ZodType);
  }
  return [];
}

/** An API endpoint that takes no query parameters: any given is a 422 naming it. */
export const NoQuery = strictObject({});

/**
 * A page's query string, read with the same strict schema as the API but ignoring parameters the
 * schema does not know: people arrive by links that carry tracking tags (utm_source, fbclid…) and
 * cannot correct an address. The API refuses them instead (docs/api.md), with `parse`.
 */
export function parsePageQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const known = new Set(queryKeys(schema));
  const given = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  return parse(schema, Object.fromEntries(Object.entries(given).filter(([key]) => known.has(key))));
}
