import QRCode from 'qrcode';
import { Component, type CSSProperties, type ReactNode, Suspense, use } from 'react';

/**
 * A QR code drawn in the browser as vector SVG (sharp on screen and in print). The encoder's SVG
 * is parsed into its viewBox and paths and rendered as React elements, so no markup is injected.
 */

export interface QrShape {
  viewBox: string;
  paths: { d: string; fill?: string; stroke?: string }[];
}

/** The options every QR code of the app uses: medium error correction, a one-module quiet zone. */
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 } as const;

/** The encoder's SVG text for `value`. */
export function qrSvgText(value: string): Promise<string> {
  return QRCode.toString(value, QR_OPTIONS);
}

/** viewBox and paths of the encoder's SVG (`<svg viewBox=…><path fill=… d=…/><path stroke=… d=…/></svg>`). */
export function parseQrSvg(svg: string): QrShape {
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1];
  if (!viewBox) throw new Error('QR encoder returned no viewBox');
  const paths: QrShape['paths'] = [];
  for (const m of svg.matchAll(/<path\s([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? '';
    const d = /\sd="([^"]+)"/.exec(` ${attrs}`)?.[1];
    if (!d) continue;
    const fill = /fill="([^"]+)"/.exec(attrs)?.[1];
    const stroke = /stroke="([^"]+)"/.exec(attrs)?.[1];
    paths.push({ d, ...(fill ? { fill } : {}), ...(stroke ? { stroke } : {}) });
  }
  return { viewBox, paths };
}

const cache = new Map<string, Promise<QrShape>>();

/** One promise per value (React's `use` needs the same promise on every render). */
export function qrShape(value: string): Promise<QrShape> {
  let p = cache.get(value);
  if (!p) {
    if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
    p = qrSvgText(value).then(parseQrSvg);
    cache.set(value, p);
  }
  return p;
}

interface QrCodeProps {
  /** The exact text encoded (a URL). */
  value: string;
  /** Accessible name, e.g. “扫码投递心愿：<url>”. */
  label: string;
  /** CSS size of the square (e.g. '70mm' for print, 160 for pixels). */
  size?: number | string;
  /** Shown if the value cannot be encoded (far too long). */
  fallback?: ReactNode;
  style?: CSSProperties;
}

function QrImage({ value, label, size, style }: Omit<QrCodeProps, 'fallback'>) {
  const shape = use(qrShape(value));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label={label}
      data-qr-value={value}
      viewBox={shape.viewBox}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      style={{ display: 'block', printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact', ...style }}
    >
      <title>{label}</title>
      {shape.paths.map((p) => (
        <path key={p.d.slice(0, 32)} d={p.d} fill={p.fill ?? 'none'} stroke={p.stroke ?? 'none'} />
      ))}
    </svg>
  );
}

class QrBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** A QR code of `value`; a blank square of the same size while it is being drawn. */
export function QrCode({ value, label, size = '100%', fallback, style }: QrCodeProps) {
  const box = <div role="img" aria-label={label} aria-busy style={{ width: size, height: size, ...style }} />;
  return (
    <QrBoundary fallback={fallback ?? box}>
      <Suspense fallback={box}>
        <QrImage value={value} label={label} size={size} {...(style ? { style } : {})} />
      </Suspense>
    </QrBoundary>
  );
}
