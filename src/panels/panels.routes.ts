import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

export function panelsRouter(_deps: AppDeps) {
  return Router();
}
