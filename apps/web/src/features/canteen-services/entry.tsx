import type { StationDetailDto } from '@nuanxin/shared';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * The station page's buttons to 政务代办 and 托幼报名, shown when the station offers
 * `proxy_affairs` / `holiday_childcare`.
 */
export function CanteenServiceButtons({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const proxy = station.services.some((s) => s.code === 'proxy_affairs');
  const childcare = station.services.some((s) => s.code === 'holiday_childcare');
  if (!proxy && !childcare) return null;
  return (
    <div className="nx-st-section" style={{ display: 'flex', gap: 10 }}>
      {proxy ? (
        <Button
          style={{ flex: 1, minHeight: 52 }}
          color="primary"
          fill="outline"
          onClick={() => navigate(`/m/stations/${station.id}/proxy`)}
          data-testid="open-proxy"
        >
          <div style={{ fontSize: 16, fontWeight: 600 }}>{t('canteenServices.m.proxyButton')}</div>
        </Button>
      ) : null}
      {childcare ? (
        <Button
          style={{ flex: 1, minHeight: 52 }}
          color="primary"
          fill="outline"
          onClick={() => navigate(`/m/stations/${station.id}/childcare`)}
          data-testid="open-childcare"
        >
          <div style={{ fontSize: 16, fontWeight: 600 }}>{t('canteenServices.m.childcareButton')}</div>
        </Button>
      ) : null}
    </div>
  );
}
