/**
 * How long after the page's load event the service worker is registered. Installing it fetches the
 * shell and its assets again, and once it takes control every request of the page passes through
 * its fetch handler; on a slow phone's first visit that competed with the first screen (the
 * worker map draws ~1.5 s after navigation with the CPU slowed down 4×). The worker is a fallback
 * for the next visit without network, so it can wait until the page has settled.
 */
export const SW_REGISTER_DELAY_MS = 5_000;

/**
 * Registers the service worker (public/sw.js) once the page has settled and tells it which built
 * assets this page loaded, so lazy chunks are kept for offline use as well as the entry files.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const send = () => {
          const urls = performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.startsWith('/assets/'));
          reg.active?.postMessage({ type: 'cache-urls', urls });
        };
        send();
        // lazy routes load later; send again after the first navigation settles
        setTimeout(send, 5_000);
      })
      .catch(() => undefined);
  };
  const later = () => setTimeout(register, SW_REGISTER_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
