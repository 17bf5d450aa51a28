import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

export function panelsApi(_deps: AppDeps) {
  return Router();
}
