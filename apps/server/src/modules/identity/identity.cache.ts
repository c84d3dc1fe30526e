import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import type { GrantRow, SessionRow, TokenRow, UserRow } from './identity.repository.ts';

/** The NOTIFY channel identity changes are announced on; the payload is the user id. */
export const AUTH_CHANNEL = 'nuanxin_auth';

export interface CachedCredential {
  user: UserRow;
  grants: GrantRow[];
  session: SessionRow | null;
  token: TokenRow | null;
  cachedAt: number;
  /** The actor built from the rows, once per entry (shared by requests: never mutate it). */
  actor?: Actor;
  /**
   * The `GET /api/v1/me` answer, validated and serialised once per entry: it depends only on
   * these rows, and `/me` is what every screen asks first.
   */
  meJson?: string;
}

/**
 * Request authentication runs on every API call; reading session, user and grants each time made
 * `GET /me` cost three round trips. This cache keeps what a credential resolved to for a few
 * seconds. It is a cache, never the source of truth:
 * - every change to a user, their grants, sessions or tokens is announced with
 *   `pg_notify('nuanxin_auth', userId)` inside the changing transaction (see the repository), and
 *   every server process LISTENs and evicts that user — NOTIFY is delivered on commit, so a
 *   revoked session stops working as soon as the revocation is durable, in every process;
 * - if the listening connection drops, notifications may be lost, so the whole cache is cleared;
 * - entries also expire after `ttlMs`, which bounds staleness should all of that fail.
 */
export interface AuthCache {
  get(key: string, now: number): CachedCredential | undefined;
  /**
   * Stores what was loaded from the database starting at `value.cachedAt`, unless the user was
   * evicted since then (the load may have read rows a just-committed change replaced).
   */
  set(key: string, value: CachedCredential): void;
  evictUser(userId: string): void;
  clear(): void;
  readonly size: number;
}

export function createAuthCache(opts: { ttlMs?: number; max?: number } = {}): AuthCache {
  const ttl = opts.ttlMs ?? 10_000;
  const max = opts.max ?? 20_000;
  const entries = new Map<string, CachedCredential>();
  /** When each user was last evicted; kept for one TTL, long enough to refuse stale loads. */
  const evictedAt = new Map<string, number>();
  let clearedAt = 0;
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (now - e.cachedAt > ttl) {
        entries.delete(key);
        return undefined;
      }
      return e;
    },
    set(key, value) {
      const ev = evictedAt.get(value.user.id);
      if ((ev !== undefined && ev >= value.cachedAt) || clearedAt >= value.cachedAt) return;
      if (entries.size >= max) {
        // Maps iterate in insertion order: drop the oldest tenth.
        let n = Math.ceil(max / 10);
        for (const k of entries.keys()) {
          entries.delete(k);
          if (--n === 0) break;
        }
      }
      entries.set(key, value);
    },
    evictUser(userId) {
      const now = Date.now();
      evictedAt.set(userId, now);
      for (const [k, e] of entries) if (e.user.id === userId) entries.delete(k);
      if (evictedAt.size > 1000) for (const [u, t] of evictedAt) if (now - t > ttl) evictedAt.delete(u);
    },
    clear() {
      entries.clear();
      // Anything loaded before now may be stale: refuse it as for an eviction of everyone.
      clearedAt = Date.now();
    },
    get size() {
      return entries.size;
    },
  };
}

const caches = new WeakMap<Database, Promise<AuthCache>>();
const live = new Set<AuthCache>();

/**
 * Evicts a user from every cache of this process right away, before the change commits: the
 * request that made the change, and the next one from the same client, must not see the old
 * state even if the NOTIFY (delivered after commit, asynchronously) has not arrived yet. A load
 * racing with the commit can still re-cache the old rows; the NOTIFY evicts them again.
 */
export function evictLocally(userId: string): void {
  for (const c of live) c.evictUser(userId);
}

/** The process-wide cache for one database, subscribed to its change notifications. */
export function authCacheFor(database: Database): Promise<AuthCache> {
  let p = caches.get(database);
  if (!p) {
    p = (async () => {
      const cache = createAuthCache();
      live.add(cache);
      await database.listen(
        AUTH_CHANNEL,
        (userId) => cache.evictUser(userId),
        () => cache.clear(),
      );
      return cache;
    })();
    caches.set(database, p);
  }
  return p;
}
