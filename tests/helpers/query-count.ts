import { afterAll, beforeAll } from 'vitest';
import { createTestContext, type TestContext } from './context.ts';

/**
 * A test context whose database reports every statement (the opt-in `onQuery` hook of
 * src/db/client.ts), and `count(work)`: the statements run while `work` (one request) was in flight.
 * Requests are made one at a time, and no worker runs, so nothing else is counted.
 */
export function useQueryCountedContext() {
  let ctx: TestContext | undefined;
  let recording: string[] | undefined;
  beforeAll(async () => {
    ctx = await createTestContext({}, { onQuery: (sql) => recording?.push(sql) });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  return {
    ctx: () => {
      if (!ctx) throw new Error('The test context is not ready (use it inside a test or hook)');
      return ctx;
    },
    /** Runs `work` and returns what it returned with the SQL of each statement it caused. */
    async count<T>(work: () => Promise<T>) {
      const statements: string[] = [];
      recording = statements;
      try {
        const result = await work();
        return { result, statements };
      } finally {
        recording = undefined;
      }
    },
  };
}
