import type { ReactNode } from 'react';
import { Svg } from '../../components/tab-icons';

/** Line icons of the station screens, on the worker app's shared icon frame. */
export { HeartIcon, MapIcon as PinIcon } from '../../components/tab-icons';

export const ScanIcon = () => (
  <Svg>
    <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3" />
    <path d="M7 12h10" />
  </Svg>
);
export const NavIcon = () => (
  <Svg>
    <path d="M3 11 21 3l-8 18-2-8z" />
  </Svg>
);
export const PhoneIcon = () => (
  <Svg>
    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z" />
  </Svg>
);
export const CheckIcon = () => (
  <Svg>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Svg>
);
export const CrossIcon = () => (
  <Svg>
    <path d="M7 7l10 10M17 7 7 17" />
  </Svg>
);
export const PauseIcon = () => (
  <Svg>
    <path d="M9 6v12M15 6v12" />
  </Svg>
);

/** The five 基本服务 of the 5+N model. */
export const BASIC_ICONS: Record<string, () => ReactNode> = {
  rest: () => (
    <Svg>
      <path d="M5 11V7a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v4M3 13a2 2 0 0 1 4 0v2h10v-2a2 2 0 0 1 4 0v5H3zM6 18v2M18 18v2" />
    </Svg>
  ),
  water: () => (
    <Svg>
      <path d="M12 3s6 6.5 6 11a6 6 0 0 1-12 0c0-4.5 6-11 6-11z" />
    </Svg>
  ),
  charging: () => (
    <Svg>
      <rect x="7" y="3" width="10" height="18" rx="2" />
      <path d="m12.5 8-2 4h3l-2 4" />
    </Svg>
  ),
  wifi: () => (
    <Svg>
      <path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M8.8 16a4.5 4.5 0 0 1 6.4 0" />
      <circle cx="12" cy="19" r="0.8" fill="currentColor" />
    </Svg>
  ),
  reading: () => (
    <Svg>
      <path d="M3 5.5C5 4.5 8 4.5 12 6c4-1.5 7-1.5 9-.5V19c-2-1-5-1-9 .5-4-1.5-7-1.5-9-.5zM12 6v13.5" />
    </Svg>
  ),
};
