import {
  AppstoreOutlined,
  BookOutlined,
  CarOutlined,
  CoffeeOutlined,
  CustomerServiceOutlined,
  FileDoneOutlined,
  FireOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  TruckOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import {
  STATION_LABELS,
  type StationKind,
  type StationLabelLocale,
  type StationLabelSet,
  type StationLiveStatus,
  type StationStatus,
  stationServiceLabel,
} from '@nuanxin/shared/stations.labels';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ageMinutes, ageParts } from './capacity';

/** Labels of the stations enumerations in the console's language (zh-CN unless English). */
export function useStationLabels(): { labels: StationLabelSet; locale: StationLabelLocale } {
  const { i18n } = useTranslation();
  const locale: StationLabelLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { labels: STATION_LABELS[locale], locale };
}

/** Name of a service: the seeded label, else the catalogue's own name for added services. */
export function serviceName(
  code: string,
  locale: StationLabelLocale,
  catalogue?: { name: string; nameEn: string } | undefined,
): string {
  const own = catalogue ? (locale === 'en' ? catalogue.nameEn : catalogue.name) : undefined;
  return stationServiceLabel(code, locale, own);
}

/** Marker and tag colour of each kind (the map legend). */
export const KIND_COLOR: Record<StationKind, string> = {
  warm_home: '#d4380d',
  copper_heart: '#b8741a',
  rider_bar: '#1677ff',
  community_centre: '#c41d7f',
  canteen: '#389e0d',
  workers_home: '#531dab',
  youth_home: '#13a8a8',
  kasao: '#d48806',
  neighbour_space: '#7cb305',
  charging: '#08979c',
};

export const LIVE_COLOR: Record<StationLiveStatus, string> = {
  open: 'green',
  busy: 'orange',
  full: 'red',
  closed_now: 'default',
};

export const STATUS_COLOR: Record<StationStatus, string> = {
  active: 'green',
  paused: 'orange',
  closed: 'default',
};

export function KindTag({ kind, wrap = false }: { kind: StationKind; wrap?: boolean }) {
  const { labels } = useStationLabels();
  return (
    <Tag
      color={KIND_COLOR[kind]}
      style={{ marginInlineEnd: 0, ...(wrap ? { whiteSpace: 'normal', maxWidth: '100%' } : {}) }}
    >
      {labels.kind[kind]}
    </Tag>
  );
}

export function LiveTag({ live }: { live: StationLiveStatus }) {
  const { labels } = useStationLabels();
  return (
    <Tag color={LIVE_COLOR[live]} style={{ marginInlineEnd: 0 }}>
      {labels.liveStatus[live]}
    </Tag>
  );
}

export function StatusTag({ status }: { status: StationStatus }) {
  const { labels } = useStationLabels();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {labels.status[status]}
    </Tag>
  );
}

export function OpenNowTag({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={open ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
      {open ? t('stationConsole.openNow') : t('stationConsole.closedNow')}
    </Tag>
  );
}

/** A water drop (the icon set has none). */
function WaterIcon() {
  return (
    <span role="img" aria-hidden className="anticon">
      <svg
        viewBox="0 0 24 24"
        width="1em"
        height="1em"
        fill="currentColor"
        focusable="false"
        aria-hidden="true"
      >
        <path d="M12 2.5c-.3 0-.6.2-.8.4C9.4 5.3 5 11 5 14.8 5 18.8 8.1 22 12 22s7-3.2 7-7.2C19 11 14.6 5.3 12.8 2.9c-.2-.3-.5-.4-.8-.4zm0 17.5c-2.8 0-5-2.3-5-5.2 0-2.4 2.7-6.6 5-9.8 2.3 3.2 5 7.4 5 9.8 0 2.9-2.2 5.2-5 5.2z" />
      </svg>
    </span>
  );
}

const SERVICE_ICONS: Record<string, ReactNode> = {
  rest: <CoffeeOutlined />,
  water: <WaterIcon />,
  charging: <ThunderboltOutlined />,
  wifi: <WifiOutlined />,
  reading: <BookOutlined />,
  medicine_kit: <MedicineBoxOutlined />,
  meal_heating: <FireOutlined />,
  cooling_warming: <HomeOutlined />,
  ebike_charging: <ThunderboltOutlined />,
  legal_aid: <SafetyCertificateOutlined />,
  proxy_affairs: <FileDoneOutlined />,
  holiday_childcare: <SmileOutlined />,
  lodging: <HomeOutlined />,
  truck_parking: <TruckOutlined />,
  set_meal: <ShopOutlined />,
  meals: <ShopOutlined />,
  meal_delivery: <CarOutlined />,
  road_rescue: <ToolOutlined />,
  enforcement_desk: <SolutionOutlined />,
  policy_consulting: <CustomerServiceOutlined />,
  activities: <TeamOutlined />,
};

/** Icon of a service code (a generic one for services staff added). */
export function ServiceIcon({ code }: { code: string }) {
  return <>{SERVICE_ICONS[code] ?? <AppstoreOutlined />}</>;
}

/** `12 分钟前` / `3 小时前`. */
export function useAgeText() {
  const { t } = useTranslation();
  return (at: string, now: Date) => {
    const { unit, count } = ageParts(ageMinutes(at, now));
    return t(`stationConsole.board.age.${unit}`, { count });
  };
}
