/**
 * A fresh `Idempotency-Key` for one user action (a form kept open keeps its key, so a retry after
 * a lost answer files nothing twice), or any other random id. `crypto.randomUUID` needs a secure
 * context (plain HTTP has none), hence the fallback. Plain code: the console and the worker app
 * both use it.
 */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
