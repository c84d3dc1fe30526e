/**
 * Where the worker app returns after sign-in (`/m/login?next=…`): a deep link such as a poster's
 * check-in QR (`/m/checkin/<code>?t=…`) survives the detour through sign-in. Only paths of the
 * worker app itself are accepted, never another site (`//evil`, `https://…`) or the console.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith('/m/') || next.startsWith('/m/login')) return null;
  if (next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20)) return null;
  try {
    const url = new URL(next, 'http://app.invalid');
    if (url.origin !== 'http://app.invalid' || !url.pathname.startsWith('/m/')) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/** The sign-in path that comes back to `path` (plain `/m/login` for the home page). */
export function loginPathFor(path: string, search: string): string {
  const next = safeNextPath(path + search);
  return next ? `/m/login?next=${encodeURIComponent(next)}` : '/m/login';
}
