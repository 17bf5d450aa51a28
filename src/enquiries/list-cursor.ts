/**
 * The enquiry list's page cursor: base64url of `<receivedAt ISO>|<enquiry id>`, the last row of the
 * page before (lists are newest first). A cursor is input like any other: one that does not decode to
 * a real instant and a UUID is a 422 on `cursor`, never a database error.
 */
import { z } from 'zod';
import { parseDateTime } from '../shared/date-input.ts';

export type ListCursor = { receivedAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const encodeCursor = (row: ListCursor): string =>
  Buffer.from(`${row.receivedAt.toISOString()}|${row.id}`).toString('base64url');

/** The cursor's row, or undefined when it is not one this list made. */
export function decodeCursor(cursor: string): ListCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 2) return undefined;
  const receivedAt = parseDateTime(parts[0]);
  const id = parts[1]!.toLowerCase();
  return receivedAt.ok && UUID.test(id) ? { receivedAt: receivedAt.value, id } : undefined;
}

/** Zod: the `cursor` query parameter, decoded; blank means the first page. */
export const cursorParam = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: 'The page cursor is not valid: start again from the first page' })
    .transform((v, ctx) => {
      const cursor = decodeCursor(v);
      if (cursor) return cursor;
      ctx.addIssue({
        code: 'custom',
        message: 'The page cursor is not valid: start again from the first page',
      });
      return z.NEVER;
    })
    .optional(),
);
