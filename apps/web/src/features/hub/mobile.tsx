import { type HubBookingDto, isValidPlate, normalisePlate, yuan } from '@nuanxin/shared';
import {
  Button,
  Card,
  Dialog,
  ErrorBlock,
  Input,
  NavBar,
  Selector,
  Skeleton,
  Stepper,
  Tag,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { newIdempotencyKey } from '../../lib/idempotency';
import {
  rememberedPlate,
  rememberPlate,
  shanghaiDate,
  useBookHub,
  useCancelHubBooking,
  useHubBooking,
  useHubOffer,
  useMyHubBookings,
} from './api';
import { CameraPicture } from './camera';

/**
 * Worker app: book a bed (and a truck bay) at a 暖心之家, the booking with its bay camera, and my
 * bookings (HUB-01, HUB-03). Big touch targets for one free hand.
 */

const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const muted: CSSProperties = { color: '#8c8c8c', fontSize: 13 };
const label: CSSProperties = { fontSize: 15, fontWeight: 600, margin: '4px 0 8px' };

function Loading() {
  return (
    <div style={{ padding: 16 }} aria-busy="true">
      <Skeleton.Title animated />
      <Skeleton.Paragraph lineCount={6} animated />
    </div>
  );
}

function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <ErrorBlock
      status={notFound ? 'empty' : 'disconnected'}
      title={notFound ? errorText(error) : t('hub.m.loadFailed')}
      description={notFound ? undefined : errorText(error)}
      style={{ padding: '48px 16px' }}
    >
      {notFound ? null : (
        <Button color="primary" onClick={retry}>
          {t('hub.m.retry')}
        </Button>
      )}
    </ErrorBlock>
  );
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** A date chip: 今晚 / 明晚 / 12/3, with the date or the weekday underneath. */
function dayOption(date: string, i: number, t: (k: string) => string, zh: boolean) {
  const d = new Date(`${date}T00:00:00Z`);
  const md = `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  const wd = zh
    ? `周${WEEKDAYS_ZH[d.getUTCDay()]}`
    : d.toLocaleDateString('en', { weekday: 'short', timeZone: 'UTC' });
  if (i === 0) return { label: t('hub.m.tonight'), description: md, value: date };
  if (i === 1) return { label: t('hub.m.tomorrow'), description: md, value: date };
  return { label: md, description: wd, value: date };
}

/** 预订床位 /m/stations/:id/hub. */
export function HubBookPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [from, setFrom] = useState(() => shanghaiDate(0));
  const [nights, setNights] = useState(1);
  const [ownBedding, setOwnBedding] = useState(true);
  const [bay, setBay] = useState(true);
  const [plate, setPlate] = useState(rememberedPlate);
  const [key, setKey] = useState(newIdempotencyKey);
  const offer = useHubOffer(id, from, nights);
  const book = useBookHub(id);
  const zh = i18n.language.startsWith('zh');

  useEffect(() => {
    if (!plate && offer.data?.lastPlate) setPlate(normalisePlate(offer.data.lastPlate));
  }, [offer.data?.lastPlate, plate]);
  // A changed choice is a new booking request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key follows the choices on purpose
  useEffect(() => setKey(newIdempotencyKey()), [from, nights, ownBedding, bay]);

  const days = useMemo(() => Array.from({ length: 15 }, (_, i) => shanghaiDate(i)), []);
  const o = offer.data;
  const minFree = o?.nights.length
    ? {
        beds: Math.min(...o.nights.map((n) => n.freeBeds)),
        bays: Math.min(...o.nights.map((n) => n.freeBays)),
      }
    : null;
  const bedPrice = o ? (ownBedding ? o.tariff.ownBeddingFen : o.tariff.withoutBeddingFen) : 0;
  const bayPrice = o && bay ? o.tariff.bayFen : 0;
  const total = nights * (bedPrice + bayPrice);
  const plateOk = !bay || isValidPlate(plate);
  const soldOut = !!minFree && (minFree.beds === 0 || (bay && minFree.bays === 0));

  const submit = () => {
    if (!plateOk) return void Toast.show({ content: t('hub.m.plateInvalid') });
    book.mutate(
      {
        key,
        body: { from, nights, ownBedding, bay, ...(bay ? { plate: normalisePlate(plate) } : {}) },
      },
      {
        onSuccess: (b) => {
          if (bay) rememberPlate(normalisePlate(plate));
          Toast.show({ icon: 'success', content: t('hub.m.booked') });
          navigate(`/m/bookings/${b.id}`, { replace: true });
        },
        onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  };

  return (
    <div style={{ minHeight: '100%' }}>
      <NavBar onBack={() => navigate(`/m/stations/${id}`)} style={{ background: '#fff' }}>
        {t('hub.m.title')}
      </NavBar>
      {offer.error && !o ? (
        <Failed error={offer.error} retry={() => void offer.refetch()} />
      ) : !o ? (
        <Loading />
      ) : (
        <>
          <Card style={card}>
            <h1 style={{ fontSize: 18, margin: '0 0 4px' }}>{o.stationName}</h1>
            <div style={muted}>
              {t('hub.m.ownBedding')} {t('hub.m.ownBeddingPrice', { price: yuan(o.tariff.ownBeddingFen) })} ·{' '}
              {t('hub.m.noBedding')} {t('hub.m.ownBeddingPrice', { price: yuan(o.tariff.withoutBeddingFen) })}
            </div>
          </Card>
          <Card style={card}>
            <div style={label} id="hub-dates">
              {t('hub.m.dates')}
            </div>
            <Selector
              aria-labelledby="hub-dates"
              columns={5}
              value={[from]}
              onChange={(v) => v[0] && setFrom(v[0])}
              options={days.map((d, i) => dayOption(d, i, t, zh))}
              style={{ '--padding': '8px 2px' } as CSSProperties}
            />
            <div style={{ ...label, marginTop: 16 }} id="hub-nights">
              {t('hub.m.nights')}
            </div>
            <Stepper
              aria-labelledby="hub-nights"
              min={1}
              max={o.maxNights}
              value={nights}
              onChange={(v) => setNights(v)}
              style={
                { '--height': '44px', '--input-width': '56px', '--input-font-size': '18px' } as CSSProperties
              }
            />
            <div role="status" style={{ ...muted, marginTop: 10 }} data-testid="hub-free">
              {minFree ? t('hub.m.free', { beds: minFree.beds, bays: minFree.bays }) : null}
            </div>
          </Card>
          <Card style={card}>
            <div style={label} id="hub-bedding">
              {t('hub.m.bedding')}
            </div>
            <Selector
              aria-labelledby="hub-bedding"
              columns={2}
              value={[ownBedding ? 'own' : 'none']}
              onChange={(v) => v[0] && setOwnBedding(v[0] === 'own')}
              options={[
                {
                  label: t('hub.m.ownBedding'),
                  description: t('hub.m.ownBeddingPrice', { price: yuan(o.tariff.ownBeddingFen) }),
                  value: 'own',
                },
                {
                  label: t('hub.m.noBedding'),
                  description: t('hub.m.ownBeddingPrice', { price: yuan(o.tariff.withoutBeddingFen) }),
                  value: 'none',
                },
              ]}
            />
            <div style={{ ...label, marginTop: 16 }} id="hub-bay">
              {t('hub.m.bay')}
            </div>
            <Selector
              aria-labelledby="hub-bay"
              columns={2}
              value={[bay ? 'yes' : 'no']}
              onChange={(v) => v[0] && setBay(v[0] === 'yes')}
              options={[
                { label: t('hub.m.needBay'), value: 'yes' },
                { label: t('hub.m.noBay'), value: 'no' },
              ]}
            />
            {bay ? (
              <div style={{ marginTop: 16 }}>
                <label htmlFor="hub-plate" style={label}>
                  {t('hub.m.plate')}
                </label>
                <Input
                  id="hub-plate"
                  value={plate}
                  onChange={(v) => setPlate(v)}
                  placeholder={t('hub.m.platePlaceholder')}
                  clearable
                  style={
                    {
                      '--font-size': '20px',
                      border: '1px solid #d9d9d9',
                      borderRadius: 8,
                      padding: '8px 12px',
                      marginTop: 8,
                    } as CSSProperties
                  }
                  aria-invalid={!plateOk && plate.length > 0}
                />
                <div style={{ ...muted, marginTop: 6, color: !plateOk && plate ? '#cf1322' : '#8c8c8c' }}>
                  {!plateOk && plate ? t('hub.m.plateInvalid') : t('hub.m.plateHint')}
                </div>
              </div>
            ) : null}
          </Card>
          <div
            style={{
              // Above the app's tab bar (50 px and the safe area), in the page's flow.
              position: 'sticky',
              bottom: 'calc(50px + env(safe-area-inset-bottom))',
              marginTop: 12,
              background: '#fff',
              padding: '10px 16px',
              boxShadow: '0 -2px 10px rgba(0,0,0,0.08)',
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              zIndex: 10,
            }}
          >
            <div style={{ flex: 1 }}>
              <div style={muted}>
                {t('hub.m.priceLine', { nights, price: yuan(bedPrice) })}
                {bay && o.tariff.bayFen > 0
                  ? ` + ${t('hub.m.bayLine', { nights, price: yuan(bayPrice) })}`
                  : ''}
              </div>
              <div style={{ fontSize: 20, fontWeight: 700, color: '#cf1322' }} data-testid="hub-total">
                {t('hub.m.total')} {t('hub.yuan', { amount: yuan(total) })}
              </div>
            </div>
            <Button
              color="primary"
              size="large"
              style={{ minWidth: 120 }}
              loading={book.isPending}
              disabled={soldOut || !plateOk}
              onClick={submit}
            >
              {soldOut ? t('hub.m.soldOut') : t('hub.m.book')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function statusColor(s: HubBookingDto['status']): string {
  return s === 'checked_in' ? 'success' : s === 'booked' ? 'primary' : 'default';
}

/** One booking: bed, bay, the camera watching the truck, payment, cancel. */
export function HubBookingView({ b }: { b: HubBookingDto }) {
  const { t } = useTranslation();
  const cancel = useCancelHubBooking();
  const onCancel = async () => {
    if (!(await Dialog.confirm({ content: t('hub.m.cancelConfirm') }))) return;
    cancel.mutate(b.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('hub.m.cancelled') }),
      onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
    });
  };
  return (
    <>
      <Card style={card}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <h1 style={{ fontSize: 18, margin: 0, flex: 1 }}>{b.stationName}</h1>
          <Tag color={statusColor(b.status)} style={{ fontSize: 14, padding: '3px 8px' }}>
            {t(`hub.status.${b.status}`)}
          </Tag>
        </div>
        <div style={{ ...muted, marginTop: 6, fontSize: 15 }}>
          {t('hub.m.stay', { from: b.from, nights: b.nights, to: b.to })}
        </div>
        <div style={{ display: 'flex', gap: 12, marginTop: 12 }}>
          <div style={{ flex: 1, background: '#f6ffed', borderRadius: 10, padding: 12 }}>
            <div style={muted}>{t('hub.m.room')}</div>
            <div style={{ fontSize: 22, fontWeight: 700 }} data-testid="hub-bed">
              {t('hub.m.roomBed', { room: b.roomCode, bed: b.bedCode })}
            </div>
          </div>
          <div style={{ flex: 1, background: '#e6f4ff', borderRadius: 10, padding: 12 }}>
            <div style={muted}>{t('hub.m.bay')}</div>
            <div style={{ fontSize: 22, fontWeight: 700 }} data-testid="hub-bay">
              {b.bayCode ? b.bayCode : <span style={{ fontSize: 15 }}>{t('hub.m.noBayBooked')}</span>}
            </div>
            {b.plate ? <div style={muted}>{b.plate}</div> : null}
          </div>
        </div>
      </Card>
      {b.bayCode ? (
        <Card style={card} title={t('hub.m.camera')}>
          {b.camera ? (
            <>
              <div style={{ ...muted, marginBottom: 8 }}>
                {t('hub.m.cameraHint', { name: b.camera.name, bay: b.bayCode })}
              </div>
              {b.status === 'booked' || b.status === 'checked_in' ? (
                <CameraPicture
                  camera={b.camera}
                  alt={t('hub.m.cameraAlt', { name: b.camera.name })}
                  failedText={t('hub.m.cameraFailed')}
                  streamText={t('hub.m.stream')}
                />
              ) : null}
            </>
          ) : (
            <div style={muted}>{t('hub.m.noCamera')}</div>
          )}
        </Card>
      ) : null}
      <Card style={card} title={t('hub.m.pay')}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <strong style={{ fontSize: 20, color: '#cf1322', flex: 1 }}>
            {t('hub.yuan', { amount: yuan(b.amountFen) })}
          </strong>
          {b.payment ? (
            <Tag
              color={
                b.payment.status === 'paid'
                  ? 'success'
                  : b.payment.status === 'pending'
                    ? 'warning'
                    : 'default'
              }
            >
              {t(`hub.payStatus.${b.payment.status}`)}
            </Tag>
          ) : null}
        </div>
        {b.payment?.status === 'pending' ? (
          <div style={{ marginTop: 8, fontSize: 15 }}>{b.payment.instructions || t('hub.m.payHint')}</div>
        ) : null}
      </Card>
      {b.actions.cancel ? (
        <div style={{ padding: '16px 12px' }}>
          <Button
            block
            size="large"
            color="danger"
            fill="outline"
            loading={cancel.isPending}
            onClick={onCancel}
          >
            {t('hub.m.cancel')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** 预订详情 /m/bookings/:id. */
export function HubBookingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useHubBooking(id);
  return (
    <div style={{ minHeight: '100%', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/m/bookings')} style={{ background: '#fff' }}>
        {t('hub.m.detail')}
      </NavBar>
      {q.data ? (
        <HubBookingView b={q.data} />
      ) : q.error ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

/** 我的住宿预订 /m/bookings. */
export function MyHubBookingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useMyHubBookings();
  const cancel = useCancelHubBooking();
  return (
    <div style={{ minHeight: '100%', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/m')} style={{ background: '#fff' }}>
        {t('hub.m.myBookings')}
      </NavBar>
      {q.error ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : q.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('hub.m.empty')} style={{ padding: '48px 16px' }}>
          <Button color="primary" onClick={() => navigate('/m/map')}>
            {t('hub.m.goBook')}
          </Button>
        </ErrorBlock>
      ) : (
        q.data.items.map((b) => (
          <Card key={b.id} style={card} data-testid="hub-booking-item">
            <Link
              to={`/m/bookings/${b.id}`}
              style={{ color: 'inherit', display: 'block', textDecoration: 'none' }}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <strong style={{ flex: 1, fontSize: 16 }}>{b.stationName}</strong>
                <Tag color={statusColor(b.status)}>{t(`hub.status.${b.status}`)}</Tag>
              </div>
              <div style={{ ...muted, marginTop: 4 }}>
                {t('hub.m.stay', { from: b.from, nights: b.nights, to: b.to })}
              </div>
              <div style={{ fontSize: 15, marginTop: 4 }}>
                {t('hub.m.roomBed', { room: b.roomCode, bed: b.bedCode })}
                {b.bayCode ? ` · ${t('hub.m.bayCode', { code: b.bayCode })}` : ''} ·{' '}
                {t('hub.yuan', { amount: yuan(b.amountFen) })}
                {b.payment ? ` · ${t(`hub.payStatus.${b.payment.status}`)}` : ''}
              </div>
            </Link>
            {b.actions.cancel ? (
              <Button
                size="small"
                color="danger"
                fill="outline"
                style={{ marginTop: 8 }}
                onClick={async () => {
                  if (!(await Dialog.confirm({ content: t('hub.m.cancelConfirm') }))) return;
                  cancel.mutate(b.id, {
                    onSuccess: () => Toast.show({ icon: 'success', content: t('hub.m.cancelled') }),
                    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
                  });
                }}
              >
                {t('hub.m.cancel')}
              </Button>
            ) : null}
          </Card>
        ))
      )}
    </div>
  );
}
