/**
 * Registers the service worker (public/sw.js) and tells it which built assets this page loaded,
 * so lazy chunks are kept for offline use as well as the entry files.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
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
  });
}
