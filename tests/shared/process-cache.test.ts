import { describe, expect, it } from 'vitest';
import { ProcessCache } from '../../src/shared/process-cache.ts';

describe('the per-process cache of rarely changing rows', () => {
  const counting = () => {
    let loads = 0;
    return { load: async () => `value ${++loads}`, loads: () => loads };
  };

  it('keeps a value for its time to live, then loads again', async () => {
    const cache = new ProcessCache<string>(10_000);
    const source = counting();
    expect(await cache.get('a', source.load, 0)).toBe('value 1');
    expect(await cache.get('a', source.load, 9_999)).toBe('value 1');
    expect(await cache.get('a', source.load, 10_000)).toBe('value 2');
    expect(source.loads()).toBe(2);
  });

  it('forgets one key or every key when the write path says so', async () => {
    const cache = new ProcessCache<string>(10_000);
    const source = counting();
    await cache.get('a', source.load, 0);
    await cache.get('b', source.load, 0);
    cache.forget('a');
    expect(await cache.get('a', source.load, 1)).toBe('value 3');
    expect(await cache.get('b', source.load, 1)).toBe('value 2');
    cache.forget();
    expect(await cache.get('b', source.load, 2)).toBe('value 4');
  });

  it('never makes a caller wait on another caller’s load, and does not keep a failed one', async () => {
    // A load shared between callers deadlocked the service: callers holding every connection in
    // transactions waited on a load that needed a connection. Each caller that misses loads itself.
    const cache = new ProcessCache<string>(10_000);
    let release!: (v: string) => void;
    const stuck = cache.get('a', () => new Promise<string>((r) => (release = r)), 0);
    expect(await cache.get('a', async () => 'own load', 0)).toBe('own load');
    release('late');
    expect(await stuck).toBe('late');

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('database away');
      return 'recovered';
    };
    await expect(cache.get('b', flaky, 0)).rejects.toThrow('database away');
    fail = false;
    expect(await cache.get('b', flaky, 1)).toBe('recovered');
  });

  it('does not keep a value that was loading while the row was written', async () => {
    const cache = new ProcessCache<string>(10_000);
    let release!: (v: string) => void;
    const slow = cache.get('a', () => new Promise<string>((r) => (release = r)), 0);
    cache.forget('a'); // the write lands while the old value is on its way
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.get('a', async () => 'new', 1)).toBe('new');
  });
});
