import QRCode from 'qrcode';
import { createElement } from 'react';
import { prerender } from 'react-dom/static';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseQrSvg, QR_OPTIONS, QrCode, qrSvgText } from '../qr-code';

/** Renders to HTML, waiting for the code to be drawn (Suspense resolves before the stream ends). */
async function html(
  element: ReturnType<typeof createElement>,
  onError?: (e: unknown) => void,
): Promise<string> {
  const { prelude } = await prerender(element, onError ? { onError } : {});
  return new Response(prelude).text();
}

const URL_ = 'http://127.0.0.1:3999/m/wish?box=0190f0f0-0000-7000-8000-000000000001';

describe('QR code', () => {
  afterEach(() => vi.restoreAllMocks());

  it('encodes to an SVG with module path data', async () => {
    const svg = await qrSvgText(URL_);
    const shape = parseQrSvg(svg);
    const [, , w, h] = shape.viewBox.split(' ').map(Number);
    // Version 3+ for a URL this long, plus the one-module quiet zone on each side.
    expect(w).toBe(h);
    expect(w).toBeGreaterThanOrEqual(29 + 2);
    const modules = shape.paths.find((p) => p.stroke);
    expect(modules?.d).toMatch(/^M\d/);
    expect(modules!.d.length).toBeGreaterThan(200);
    // Another value, another code.
    expect(parseQrSvg(await qrSvgText(`${URL_}2`)).paths).not.toEqual(shape.paths);
  });

  it('renders the exact value, with an accessible name and a title', async () => {
    const spy = vi.spyOn(QRCode, 'toString');
    const out = await html(createElement(QrCode, { value: URL_, label: '扫码投递心愿', size: '70mm' }));
    expect(spy).toHaveBeenCalledWith(URL_, QR_OPTIONS);
    expect(out).toContain('role="img"');
    expect(out).toContain('aria-label="扫码投递心愿"');
    expect(out).toContain('<title>扫码投递心愿</title>');
    expect(out).toContain(`data-qr-value="${URL_}"`);
    expect(out).toMatch(/<path d="M\d[^"]{200,}" fill="none" stroke="#000000"/);
    expect(out).toContain('width="70mm"');
  });

  it('keeps a placeholder of the same name when the value cannot be encoded', async () => {
    // Server rendering has no error boundaries: the Suspense placeholder stays (the browser shows
    // `fallback` through the component's boundary instead).
    const out = await html(
      createElement(QrCode, { value: 'x'.repeat(5000), label: '太长', size: 120 }),
      () => {},
    );
    expect(out).toContain('aria-label="太长"');
    expect(out).not.toContain('<path');
  });
});
