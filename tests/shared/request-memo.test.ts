import { describe, expect, it } from 'vitest';
import { memoRead, withReadMemo } from '../../src/shared/request-memo.ts';

describe('the per-request read memo', () => {
  const counting = () => {
    let loads = 0;
    return { load: async () => `rows ${++loads}`, loads: () => loads };
  };

  it('runs a read asked for twice in one request once, even when both ask at the same time', async () => {
    const db = {};
    const source = counting();
    const answers = await withReadMemo(async () => {
      const both = await Promise.all([memoRead(db, 'a', source.load), memoRead(db, 'a', source.load)]);
      return [...both, await memoRead(db, 'a', source.load), await memoRead(db, 'b', source.load)];
    });
    expect(answers).toEqual(['rows 1', 'rows 1', 'rows 1', 'rows 2']);
    expect(source.loads()).toBe(2);
  });

  it('never shares between requests, handles (a transaction and the pool) or outside a request', async () => {
    const [pool, tx] = [{}, {}];
    const source = counting();
    const first = await withReadMemo(() => memoRead(pool, 'a', source.load));
    const second = await withReadMemo(async () => [
      await memoRead(pool, 'a', source.load),
      await memoRead(tx, 'a', source.load),
    ]);
    const outside = [await memoRead(pool, 'a', source.load), await memoRead(pool, 'a', source.load)];
    expect([first, ...second, ...outside]).toEqual(['rows 1', 'rows 2', 'rows 3', 'rows 4', 'rows 5']);
  });

  it('runs a query builder that runs again on every `then` once (as Drizzle’s do)', async () => {
    let runs = 0;
    const builder = { then: (done: (rows: string) => void) => done(`rows ${++runs}`) } as PromiseLike<string>;
    const db = {};
    const answers = await withReadMemo(() =>
      Promise.all([memoRead(db, 'a', () => builder), memoRead(db, 'a', () => builder)]),
    );
    expect(answers).toEqual(['rows 1', 'rows 1']);
    expect(runs).toBe(1);
  });

  it('forgets a failed read, so the next caller tries again', async () => {
    const db = {};
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new Error('connection lost');
      return 'rows';
    };
    await withReadMemo(async () => {
      await expect(memoRead(db, 'a', flaky)).rejects.toThrow('connection lost');
      expect(await memoRead(db, 'a', flaky)).toBe('rows');
    });
    expect(calls).toBe(2);
  });
});
