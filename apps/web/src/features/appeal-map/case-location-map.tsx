import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MapView } from '../../components/map';

/** The small map on the console case page: the case's location (WGS-84), nothing else. */
export function CaseLocationMap({
  location,
  caseNo,
}: {
  location: { lat: number; lng: number; address?: string | null };
  caseNo: string;
}) {
  const { t } = useTranslation();
  const points = useMemo(
    () => [
      {
        id: caseNo,
        lat: location.lat,
        lng: location.lng,
        label: `${caseNo} ${location.address ?? ''}`.trim(),
      },
    ],
    [caseNo, location.lat, location.lng, location.address],
  );
  return (
    <MapView
      ariaLabel={t('appealMap.caseMapLabel')}
      height={200}
      points={points}
      center={location}
      zoom={16}
      fallbackNotice={t('appealMap.caseMapFallback')}
    />
  );
}
