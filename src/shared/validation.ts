import type { z } from 'zod';
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
