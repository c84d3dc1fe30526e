import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Result, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LogoMark } from '../../components/brand';
import { QrCode } from '../../components/qr-code';
import { errorText } from '../../i18n';
import { useMe } from '../auth/api/get-me';
import { usePoster, useRotateQr, useServiceTypes, useStation } from './api';
import { ServiceIcon, serviceName, useStationLabels } from './labels';

const INK = '#2b1710';
const RED = '#d4380d';

/** An absolute URL for a QR code (the server may answer a path). */
export function absoluteUrl(url: string, origin: string): string {
  return /^https?:\/\//i.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

const PRINT_CSS = `
@page { size: A4; margin: 0 }
@media print {
  html, body { background: #fff !important; }
  .nx-no-print { display: none !important; }
  .nx-poster-page { padding: 0 !important; background: #fff !important; min-height: 0 !important; }
  .nx-poster-sheet { box-shadow: none !important; margin: 0 !important; }
}
`;

/**
 * The printable A4 poster of a station (POS-06 check-in): kind and name, the services with icons,
 * hours, a large QR code of the check-in URL (and the wish box's, when the station has one).
 * Outside the console layout, so nothing but the sheet prints. Managers may rotate the code:
 * printed posters stop working.
 */
export function StationPosterPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { labels, locale } = useStationLabels();
  const me = useMe().data;
  const poster = usePoster(id);
  const station = useStation(id);
  const catalogue = useServiceTypes();
  const rotate = useRotateQr();
  // Rotating is for the station's managers (a keeper prints but does not void posters).
  const canRotate = Boolean(station.data?.actions?.rotateQr && me?.permissions.includes('stations.manage'));

  if (poster.isLoading)
    return (
      <div style={{ padding: 48 }}>
        <Skeleton active paragraph={{ rows: 12 }} />
      </div>
    );
  if (poster.error || !poster.data)
    return (
      <Result
        status="warning"
        title={t('stationConsole.poster.loadFailed')}
        subTitle={errorText(poster.error)}
        extra={
          <Link to={`/admin/stations/${id}`}>
            <Button>{t('stationConsole.poster.back')}</Button>
          </Link>
        }
      />
    );

  const p = poster.data;
  const s = p.station;
  const byCode = new Map((catalogue.data ?? []).map((c) => [c.code, c]));
  const origin = window.location.origin;
  const checkinUrl = absoluteUrl(p.checkinUrl, origin);
  const wishUrl = p.wishUrl ? absoluteUrl(p.wishUrl, origin) : null;
  const basics = p.services.filter((x) => x.basic);
  const extras = p.services.filter((x) => !x.basic);
  const services = [...basics, ...extras];
  // Fewer services leave room for a larger code (easier to scan from afar).
  const qr = services.length > 12 ? 68 : services.length > 8 ? 72 : 80;

  const confirmRotate = () =>
    modal.confirm({
      title: t('stationConsole.poster.rotateTitle'),
      content: t('stationConsole.poster.rotateBody'),
      okText: t('stationConsole.poster.rotateOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        rotate.mutateAsync(id).then(
          () => {
            message.success(t('stationConsole.poster.rotated'));
          },
          (e: unknown) => {
            message.error(errorText(e));
          },
        ),
    });

  return (
    <div
      className="nx-poster-page"
      style={{ background: '#ece7e3', minHeight: '100vh', padding: '24px 16px 48px' }}
    >
      <style>{PRINT_CSS}</style>
      <div className="nx-no-print" style={{ maxWidth: '210mm', margin: '0 auto 16px' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to={`/admin/stations/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('stationConsole.poster.back')}</Button>
          </Link>
          <Space wrap>
            {canRotate ? (
              <Button danger icon={<ReloadOutlined />} loading={rotate.isPending} onClick={confirmRotate}>
                {t('stationConsole.poster.rotate')}
              </Button>
            ) : null}
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('stationConsole.poster.print')}
            </Button>
          </Space>
        </Space>
      </div>

      <article
        className="nx-poster-sheet"
        data-testid="station-poster"
        aria-label={s.name}
        style={{
          width: '210mm',
          height: '297mm',
          margin: '0 auto',
          background: '#fff',
          color: INK,
          boxSizing: 'border-box',
          boxShadow: '0 4px 24px rgba(43, 23, 16, 0.18)',
          display: 'flex',
          flexDirection: 'column',
          overflow: 'hidden',
          printColorAdjust: 'exact',
          WebkitPrintColorAdjust: 'exact',
        }}
      >
        <header
          style={{
            background: `linear-gradient(135deg, ${RED} 0%, #e8590c 100%)`,
            color: '#fff',
            padding: '10mm 16mm 8mm',
          }}
        >
          <div
            style={{ display: 'flex', alignItems: 'center', gap: '3mm', fontSize: '13pt', fontWeight: 600 }}
          >
            <LogoMark size={34} style={{ borderRadius: 8, boxShadow: '0 0 0 2px rgba(255,255,255,0.6)' }} />
            <span>暖心 Nuanxin · 乐山</span>
          </div>
          <div
            style={{
              fontSize: '40pt',
              fontWeight: 800,
              letterSpacing: '0.06em',
              marginTop: '4mm',
              lineHeight: 1.1,
            }}
          >
            {labels.kind[s.kind]}
          </div>
          <div style={{ fontSize: '15pt', marginTop: '2mm', opacity: 0.92 }}>
            {t('stationConsole.poster.lead')}
          </div>
        </header>

        <div style={{ padding: '8mm 16mm 0' }}>
          <h1 style={{ fontSize: '25pt', margin: 0, lineHeight: 1.25, color: INK }}>{s.name}</h1>
          <div style={{ fontSize: '12pt', color: '#6b4a3a', marginTop: '2mm' }}>{s.address}</div>

          <div style={{ fontSize: '14pt', fontWeight: 700, color: RED, margin: '6mm 0 3mm' }}>
            {t('stationConsole.poster.services')}
          </div>
          <ul
            aria-label={t('stationConsole.poster.services')}
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'grid',
              gridTemplateColumns: 'repeat(4, 1fr)',
              gap: '2.5mm',
            }}
          >
            {services.slice(0, 16).map((x) => (
              <li
                key={x.code}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: '2mm',
                  padding: '2mm 2.5mm',
                  borderRadius: '3mm',
                  background: x.basic ? '#fff3ec' : '#fdf6e3',
                  border: `0.3mm solid ${x.basic ? '#ffd8c2' : '#f3dfa8'}`,
                  fontSize: '12pt',
                  fontWeight: 600,
                  lineHeight: 1.25,
                }}
              >
                <span
                  style={{
                    display: 'inline-flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                    width: '8mm',
                    height: '8mm',
                    borderRadius: '50%',
                    background: x.basic ? RED : '#b8741a',
                    color: '#fff',
                    fontSize: '13pt',
                    flex: 'none',
                  }}
                >
                  <ServiceIcon code={x.code} />
                </span>
                <span>
                  {serviceName(x.code, locale, byCode.get(x.code) ?? { name: x.name, nameEn: x.name })}
                </span>
              </li>
            ))}
          </ul>

          <div
            style={{
              display: 'grid',
              gridTemplateColumns: `1fr ${qr + 14}mm`,
              gap: '8mm',
              alignItems: 'center',
              marginTop: '7mm',
            }}
          >
            <div style={{ display: 'flex', flexDirection: 'column', gap: '4mm' }}>
              <div>
                <div style={{ fontSize: '11pt', color: '#8c6d60' }}>{t('stationConsole.poster.hours')}</div>
                <div style={{ fontSize: '16pt', fontWeight: 700, lineHeight: 1.35 }}>
                  {s.hoursText.split(/[；;]\s*/).map((part) => (
                    <div key={part}>{part}</div>
                  ))}
                </div>
              </div>
              {s.phone ? (
                <div>
                  <div style={{ fontSize: '11pt', color: '#8c6d60' }}>{t('stationConsole.poster.phone')}</div>
                  <div style={{ fontSize: '16pt', fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>
                    {s.phone}
                  </div>
                </div>
              ) : null}
              <div>
                <div style={{ fontSize: '11pt', color: '#8c6d60' }}>
                  {t('stationConsole.poster.stepsTitle')}
                </div>
                <ol
                  style={{
                    margin: '1mm 0 0',
                    paddingLeft: '5mm',
                    fontSize: '11.5pt',
                    lineHeight: 1.7,
                    color: '#4a2c20',
                  }}
                >
                  <li>{t('stationConsole.poster.step1')}</li>
                  <li>{t('stationConsole.poster.step2')}</li>
                  <li>{t('stationConsole.poster.step3')}</li>
                </ol>
              </div>
              {wishUrl ? (
                <div style={{ display: 'flex', alignItems: 'center', gap: '4mm' }}>
                  <div
                    data-testid="station-poster-wish-qr"
                    style={{ width: '26mm', height: '26mm', flex: 'none' }}
                  >
                    <QrCode
                      value={wishUrl}
                      size="26mm"
                      label={t('stationConsole.poster.wishQrLabel', { name: s.name, url: wishUrl })}
                    />
                  </div>
                  <div style={{ fontSize: '13pt', fontWeight: 600 }}>
                    {t('stationConsole.poster.scanWish')}
                  </div>
                </div>
              ) : null}
            </div>
            <div
              style={{
                textAlign: 'center',
                border: `1mm solid ${RED}`,
                borderRadius: '5mm',
                padding: '5mm 5mm 4mm',
              }}
            >
              <div
                data-testid="station-poster-qr"
                style={{ width: `${qr}mm`, height: `${qr}mm`, margin: '0 auto' }}
              >
                <QrCode
                  value={checkinUrl}
                  size={`${qr}mm`}
                  label={t('stationConsole.poster.checkinQrLabel', { name: s.name, url: checkinUrl })}
                />
              </div>
              <div style={{ fontSize: '15pt', fontWeight: 700, color: RED, marginTop: '3mm' }}>
                {t('stationConsole.poster.scanCheckin')}
              </div>
              <div style={{ fontSize: '10pt', color: '#8c6d60', marginTop: '1mm' }}>
                {t('stationConsole.poster.scanCheckinHint')}
              </div>
            </div>
          </div>
        </div>

        <footer
          style={{
            borderTop: '0.3mm solid #f0e6e0',
            margin: 'auto 16mm 0',
            padding: '3mm 0 8mm',
            display: 'flex',
            justifyContent: 'space-between',
            fontSize: '10pt',
            color: '#8c6d60',
            gap: '6mm',
          }}
        >
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>
            {s.code} · {t('stationConsole.poster.operator', { name: s.operatorOrgName })}
          </span>
          <span>{t('stationConsole.poster.footer')}</span>
        </footer>
      </article>
    </div>
  );
}
