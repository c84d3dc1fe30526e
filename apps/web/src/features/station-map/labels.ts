import {
  STATION_LABELS,
  type StationLabelLocale,
  type StationLabelSet,
  stationServiceLabel,
} from '@nuanxin/shared/stations.labels';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceTypes } from './api';
import { type Ago, agoOf } from './model';

/** Labels of kinds, statuses and resources in the UI language; service names from the catalogue. */
export function useStationLabels(): {
  locale: StationLabelLocale;
  labels: StationLabelSet;
  service: (code: string) => string;
  catalogue: ReturnType<typeof useServiceTypes>;
} {
  const { i18n } = useTranslation();
  const locale: StationLabelLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const catalogue = useServiceTypes();
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of catalogue.data?.items ?? []) m.set(s.code, locale === 'en' ? s.nameEn : s.name);
    return m;
  }, [catalogue.data, locale]);
  const service = useCallback(
    (code: string) => names.get(code) ?? stationServiceLabel(code, locale),
    [names, locale],
  );
  return { locale, labels: STATION_LABELS[locale], service, catalogue };
}

/** "x 分钟前更新" in the UI language, refreshed every minute. */
export function useAgoText(iso: string | null | undefined): string | null {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(h);
  }, []);
  return agoText(agoOf(iso, now), t);
}

export function agoText(ago: Ago, t: TFunction): string | null {
  if (!ago) return null;
  if (ago.unit === 'now') return t('stationMap.updated.now');
  return t(`stationMap.updated.${ago.unit}`, { count: ago.count });
}

/** Whether the viewport is at least `px` wide (the public page shows list and map side by side). */
export function useWide(px: number): boolean {
  const query = `(min-width: ${px}px)`;
  const [wide, setWide] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return wide;
}
