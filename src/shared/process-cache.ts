/**
 * A per-process cache for rows that rarely change and are read on every enquiry (the agency,
 * follow-up settings, email templates), so the intake path does not ask the database for them each
 * time (issue 19).
 *
 * Why a clear-on-write plus a short time to live, and not a version counter: the write path in this
 * process clears the entry (the repository function that writes the row calls `forget`), so the
 * process where a manager saves sees the change at once, as every test does. Other processes (a
 * second web process, the worker) cannot hear about the write; they trust their copy for at most
 * `ttlMs`. A version counter would make them exact, but it has to be read from the database on each
 * use, which is the round trip the cache is there to save. Every use of these values records which
 * values it used (an email keeps its template version id), so a few seconds of an older wording or
 * setting in another process is visible, never silent.
 *
 * Loads are never shared between callers: each caller that misses loads with its own `db`. A shared
 * load deadlocked the service under a burst: a load begun on the pool waited for a connection
 * while every connection was held by a transaction waiting for that same load (the full bench's
 * intake hung with all ten connections "idle in transaction"). A miss costs one query per caller,
 * once per `ttlMs`. A failed load is not kept. Values are returned as they were loaded, so callers
 * must not change them.
 */
export class ProcessCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  /** Bumped by every `forget`, so a load that started before a write is not kept after it. */
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  /** The cached value for `key`, or `load()`'s, kept for `ttlMs` (ms) from when the load began. */
  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const generation = this.generation;
    const value = await load();
    // Written while loading: the loaded value may be the old one; the next reader loads again.
    if (generation === this.generation) this.entries.set(key, { at: now, value });
    return value;
  }

  /** Drops `key` (or everything): called by the write path of the cached rows. */
  forget(key?: string) {
    this.generation++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}

/**
 * How long another process may use a cached agency, setting or template after it changed (ms).
 * The process that made the change sees it at once.
 */
export const RARELY_CHANGES_TTL_MS = 10_000;
