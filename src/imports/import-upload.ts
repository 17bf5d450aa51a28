import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { can } from '../shared/access.ts';
import { AppError } from '../shared/errors.ts';
import { MAX_IMPORT_BYTES } from './imports.schema.ts';

/** What the person is told when the file is over the limit (answered with a 413). */
export const TOO_LARGE_MESSAGE =
  `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Remove columns the import does not ` +
  'need, or split the tracker into one file per financial year, and upload each.';

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20, fieldSize: 2 * 1024 * 1024, parts: 24 },
}).single('file');

/**
 * Reads a multipart upload of a tracker (`file`, and text fields such as `sheet`, `mapping`,
 * `_csrf`) into `req.file` and `req.body`, in memory and at most 20 MB, for `POST <path>` only,
 * and only for people who may import: nobody else's upload is read at all. It runs before the CSRF
 * check and the single-use form guard (they read `req.body`) and, on the API, before the
 * Idempotency-Key check (which hashes the file too). A file over the limit is answered by
 * `onTooLarge` with a 413; a malformed upload is a 422. Other requests pass through untouched.
 */
export function importUpload(
  path: string,
  onTooLarge: (req: Request, res: Response, message: string) => unknown,
): RequestHandler {
  return (req, res, next) => {
    const applies =
      req.method === 'POST' &&
      req.path === path &&
      req.is('multipart/form-data') &&
      can(req.user?.role, 'imports');
    if (!applies) return next();
    parser(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return void onTooLarge(req, res, TOO_LARGE_MESSAGE);
        const field = err.code === 'LIMIT_UNEXPECTED_FILE' ? (err.field ?? 'file') : 'file';
        const message =
          err.code === 'LIMIT_UNEXPECTED_FILE'
            ? `Send one file, in the field named "file"`
            : 'The upload has too many parts: send one file and the form’s fields';
        return next(new AppError('validation', `${message}.`, { issues: [{ path: field, message }] }));
      }
      // busboy: a cut-off or malformed multipart body (a client's fault, never a 500).
      const message = 'The upload could not be read: send the file again';
      next(new AppError('validation', `${message}.`, { issues: [{ path: 'file', message }] }));
    });
  };
}
