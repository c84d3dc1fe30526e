import type { CSSProperties } from 'react';

/** The 暖心 mark: a heart held in a rounded square, in the warm red of the brand. */
export function LogoMark({ size = 32, style }: { size?: number; style?: CSSProperties }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={style} focusable="false">
      <rect width="64" height="64" rx="14" fill="#d4380d" />
      <path
        d="M32 50 C14 38 10 30 10 23 C10 16.5 15 12 21 12 C25.5 12 29.5 14.5 32 18.5 C34.5 14.5 38.5 12 43 12 C49 12 54 16.5 54 23 C54 30 50 38 32 50 Z"
        fill="#fff"
      />
      <path d="M24 30 Q32 37 40 30" stroke="#d4380d" strokeWidth="3.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export const BRAND = {
  primary: '#d4380d',
  primaryDark: '#ad2102',
  warmBg: '#fff8f3',
  ink: '#2b1710',
};

/** Logo + 暖心 Nuanxin + subtitle. `light` is for dark backgrounds. */
export function BrandLockup({
  subtitle,
  light = false,
  compact = false,
}: {
  subtitle?: string;
  light?: boolean;
  compact?: boolean;
}) {
  const ink = light ? '#fff' : BRAND.ink;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <LogoMark size={compact ? 28 : 36} />
      <div style={{ lineHeight: 1.2, minWidth: 0 }}>
        <div style={{ color: ink, fontWeight: 700, fontSize: compact ? 16 : 20, whiteSpace: 'nowrap' }}>
          暖心 <span style={{ fontWeight: 500, fontSize: compact ? 12 : 14, opacity: 0.8 }}>Nuanxin</span>
        </div>
        {subtitle && !compact ? (
          <div style={{ color: ink, opacity: 0.72, fontSize: 12, whiteSpace: 'nowrap' }}>{subtitle}</div>
        ) : null}
      </div>
    </div>
  );
}
