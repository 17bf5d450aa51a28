/** Express middleware that refuses query parameters an API endpoint does not take. */
import type { RequestHandler } from 'express';
import { NoQuery, parse } from '../shared/validation.ts';

/** Route middleware for an API endpoint that takes no query parameters (422 naming each one given). */
export const noQuery: RequestHandler = (req, _res, next) => {
  parse(NoQuery, req.query);
  next();
};

/**
 * API middleware: no endpoint that changes something takes query parameters, so any given is a 422.
 * A write endpoint that comes to take some (docs/api.md's `POST /imports?dryRun=true`) is let through
 * here and parses them itself with a strict schema.
 */
export const noQueryOnWrites: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') next();
  else if (writesWithQuery.has(`${req.method} ${req.path}`)) next();
  else noQuery(req, res, next);
};

/** The writes that take query parameters, each parsing them with its own strict schema. */
const writesWithQuery = new Set(['POST /imports']);
