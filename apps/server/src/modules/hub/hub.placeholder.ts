/**
 * The demo camera picture: a generated SVG of a truck park with the camera's code, name and the
 * time (Asia/Shanghai), so the refreshing snapshot visibly moves. No personal data, no plates.
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** A small deterministic hash of the camera id, so each camera shows its own yard. */
function seedOf(id: string): number {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function placeholderSvg(camera: { id: string; code: string; name: string }, at: Date): string {
  const seed = seedOf(camera.id);
  const colours = ['#c0392b', '#2471a3', '#d4ac0d', '#229954', '#7d3c98', '#ca6f1e'];
  const bays: string[] = [];
  for (let i = 0; i < 6; i++) {
    const x = 40 + i * 100;
    bays.push(
      `<rect x="${x}" y="150" width="80" height="170" fill="none" stroke="#e5e7e9" stroke-width="3"/>`,
    );
    if ((seed >>> i) & 1) {
      const c = colours[(seed >>> (i + 6)) % colours.length];
      bays.push(
        `<rect x="${x + 12}" y="170" width="56" height="46" rx="4" fill="${c}"/>` +
          `<rect x="${x + 8}" y="218" width="64" height="92" rx="3" fill="#95a5a6"/>` +
          `<circle cx="${x + 20}" cy="312" r="7" fill="#17202a"/><circle cx="${x + 60}" cy="312" r="7" fill="#17202a"/>`,
      );
    }
  }
  // A moving scan line so the picture changes with each refresh.
  const sec = Math.floor(at.getTime() / 1000);
  const scan = 130 + ((sec * 23) % 230);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360" role="img" aria-label="${esc(camera.name)}">
<rect width="640" height="360" fill="#2c3e50"/>
<rect y="120" width="640" height="240" fill="#34495e"/>
${bays.join('\n')}
<rect y="${scan}" width="640" height="2" fill="#ffffff" opacity="0.15"/>
<rect x="0" y="0" width="640" height="44" fill="#000000" opacity="0.55"/>
<text x="14" y="29" font-family="sans-serif" font-size="20" fill="#ffffff">${esc(camera.code)} · ${esc(camera.name)}</text>
<text x="626" y="29" text-anchor="end" font-family="monospace" font-size="18" fill="#2ecc71">${shanghaiTime(at)}</text>
<circle cx="20" cy="70" r="7" fill="#e74c3c"/>
<text x="34" y="76" font-family="sans-serif" font-size="16" fill="#ecf0f1">演示画面 DEMO</text>
</svg>`;
}
