import type { MealMenuDto, MealOrderDto, MealOrderMode, PaymentDto } from '@nuanxin/shared';
import {
  Button,
  CapsuleTabs,
  Card,
  Dialog,
  ErrorBlock,
  NavBar,
  Selector,
  Skeleton,
  Stepper,
  Tabs,
  Tag,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import {
  useCancelMealOrder,
  useMealOrder,
  useMyMealOrders,
  usePlaceMealOrder,
  useStationMeals,
  yuan,
} from './api';

/**
 * Worker app: a station's menus today and tomorrow, ordering with an eat-in slot or a take-away
 * pickup time, and my orders (HUB-02, CAN-01, CAN-02). Big touch targets for one free hand.
 */

const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const row: CSSProperties = { display: 'flex', alignItems: 'center', gap: 8, padding: '10px 0' };
const muted: CSSProperties = { color: '#8c8c8c', fontSize: 13 };

function localNow(): { date: string; minute: number } {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return { date: d.toISOString().slice(0, 10), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Pickup times every 15 minutes within the period, not before now (today). */
function pickupTimes(menu: MealMenuDto): string[] {
  const now = localNow();
  const out: string[] = [];
  const from =
    menu.date === now.date
      ? Math.max(minutesOf(menu.opens), Math.ceil(now.minute / 15) * 15)
      : minutesOf(menu.opens);
  for (let m = from; m <= minutesOf(menu.closes); m += 15) out.push(hhmm(m));
  return out;
}

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
  return (
    <ErrorBlock status="default" title={t('meals.m.loadFailed')} description={errorText(error)}>
      <Button color="primary" onClick={retry}>
        {t('meals.m.retry')}
      </Button>
    </ErrorBlock>
  );
}

/** One period's menu: dishes with steppers, then how to eat and the order button. */
function MenuOrder({ menu, stationId }: { menu: MealMenuDto; stationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const place = usePlaceMealOrder();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [mode, setMode] = useState<MealOrderMode>('eat_in');
  const [slot, setSlot] = useState<string | null>(null);
  const [party, setParty] = useState(1);
  const times = useMemo(() => pickupTimes(menu), [menu]);
  const [pickup, setPickup] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const total = menu.items.reduce((s, i) => s + (qty[i.id] ?? 0) * i.priceWorkerFen, 0);
  const chosen = menu.items.filter((i) => (qty[i.id] ?? 0) > 0);
  const pickupAt = pickup ?? times[0] ?? null;

  const submit = () => {
    if (chosen.length === 0) return void Toast.show(t('meals.m.chooseItems'));
    if (mode === 'eat_in' && !slot) return void Toast.show(t('meals.m.chooseSlot'));
    if (mode === 'take_away' && !pickupAt) return void Toast.show(t('meals.m.noPickup'));
    place.mutate(
      {
        menuId: menu.id,
        key,
        body: {
          mode,
          ...(mode === 'eat_in'
            ? { slotStart: slot!, partySize: party }
            : { pickupAt: pickupAt!, partySize: 1 }),
          lines: chosen.map((i) => ({ itemId: i.id, quantity: qty[i.id]! })),
        },
      },
      {
        onSuccess: (o) => {
          Toast.show({ icon: 'success', content: t('meals.m.placed') });
          navigate(`/m/orders/${o.id}`, { state: { from: `/m/stations/${stationId}/menu` } });
        },
        onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  };

  return (
    <>
      <Card
        style={card}
        title={<span>{t('meals.m.hours', { opens: menu.opens, closes: menu.closes })}</span>}
      >
        {menu.items.map((i) => {
          const soldOut = i.portionsLeft === 0;
          return (
            <div key={i.id} style={row} data-testid="meal-item">
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 16, fontWeight: 600 }}>
                  {i.name} {i.kind === 'set' ? <Tag color="primary">{t(`meals.kind.${i.kind}`)}</Tag> : null}
                </div>
                {i.description ? <div style={muted}>{i.description}</div> : null}
                <div style={{ fontSize: 15 }}>
                  <strong style={{ color: '#cf1322' }}>
                    {t('meals.yuan', { amount: yuan(i.priceWorkerFen) })}
                  </strong>
                  {i.portionsLeft !== null ? (
                    <span style={{ ...muted, marginLeft: 8 }}>
                      {soldOut ? t('meals.m.soldOut') : t('meals.m.left', { n: i.portionsLeft })}
                    </span>
                  ) : null}
                </div>
              </div>
              <Stepper
                aria-label={i.name}
                min={0}
                max={Math.min(20, i.portionsLeft ?? 20)}
                disabled={!menu.orderable || soldOut}
                value={qty[i.id] ?? 0}
                onChange={(v) => setQty((q) => ({ ...q, [i.id]: v }))}
                style={{ '--height': '36px', '--input-width': '40px' } as CSSProperties}
              />
            </div>
          );
        })}
      </Card>
      {menu.orderable ? (
        <Card style={card}>
          <div style={{ fontWeight: 600, marginBottom: 8 }}>{t('meals.m.mode')}</div>
          <Selector
            columns={2}
            value={[mode]}
            onChange={(v) => v[0] && setMode(v[0])}
            options={(['eat_in', 'take_away'] as const).map((m) => ({
              label: t(`meals.mode.${m}`),
              value: m,
            }))}
          />
          {mode === 'eat_in' ? (
            <>
              <div style={{ fontWeight: 600, margin: '12px 0 8px' }}>{t('meals.m.slot')}</div>
              <Selector
                columns={2}
                value={slot ? [slot] : []}
                onChange={(v) => setSlot(v[0] ?? null)}
                options={menu.slots.map((s) => ({
                  value: s.start,
                  disabled: s.past || (s.free !== null && s.free < party),
                  label:
                    s.free === null
                      ? t('meals.m.slotNoLimit', { start: s.start })
                      : s.free < party
                        ? t('meals.m.slotFull', { start: s.start })
                        : t('meals.m.slotFree', { start: s.start, free: s.free }),
                }))}
              />
              <div style={{ ...row, justifyContent: 'space-between' }}>
                <span style={{ fontWeight: 600 }}>{t('meals.m.party')}</span>
                <Stepper aria-label={t('meals.m.party')} min={1} max={20} value={party} onChange={setParty} />
              </div>
            </>
          ) : (
            <>
              <div style={{ fontWeight: 600, margin: '12px 0 8px' }}>{t('meals.m.pickup')}</div>
              {times.length ? (
                <Selector
                  columns={4}
                  value={pickupAt ? [pickupAt] : []}
                  onChange={(v) => setPickup(v[0] ?? null)}
                  options={times.map((x) => ({ label: x, value: x }))}
                />
              ) : (
                <div style={muted}>{t('meals.m.noPickup')}</div>
              )}
            </>
          )}
        </Card>
      ) : (
        <div style={{ ...muted, textAlign: 'center', padding: 12 }}>{t('meals.m.closed')}</div>
      )}
      {menu.orderable ? (
        <div style={{ padding: 12, position: 'sticky', bottom: 0, background: '#f5f5f5' }}>
          <Button
            block
            color="primary"
            size="large"
            loading={place.isPending}
            disabled={chosen.length === 0}
            onClick={submit}
            data-testid="meal-submit"
          >
            {t('meals.m.submit')} · {t('meals.m.total', { amount: yuan(total) })}
          </Button>
        </div>
      ) : null}
    </>
  );
}

export function StationMenuPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useStationMeals(id);
  const [day, setDay] = useState<'today' | 'tomorrow'>('today');
  const [period, setPeriod] = useState<string | null>(null);
  const data = q.data;
  const dates = data ? { today: data.today, tomorrow: nextDay(data.today) } : null;
  const menus = data && dates ? data.menus.filter((m) => m.date === dates[day]) : [];
  const current = menus.find((m) => m.period === period) ?? menus.find((m) => m.orderable) ?? menus[0];

  return (
    <div style={{ minHeight: '100%', background: '#f5f5f5', paddingBottom: 16 }}>
      <NavBar onBack={() => navigate(`/m/stations/${id}`)} back={t('meals.m.back')}>
        {data?.station.name ?? t('meals.m.title')}
      </NavBar>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : (
        <>
          <Tabs
            activeKey={day}
            onChange={(k) => {
              setDay(k as 'today' | 'tomorrow');
              setPeriod(null);
            }}
          >
            <Tabs.Tab key="today" title={`${t('meals.m.today')} ${dates!.today.slice(5)}`} />
            <Tabs.Tab key="tomorrow" title={`${t('meals.m.tomorrow')} ${dates!.tomorrow.slice(5)}`} />
          </Tabs>
          {menus.length === 0 || !current ? (
            <ErrorBlock status="empty" title={t('meals.m.noMenus')} description="" />
          ) : (
            <>
              <CapsuleTabs activeKey={current.period} onChange={setPeriod}>
                {menus.map((m) => (
                  <CapsuleTabs.Tab key={m.period} title={t(`meals.period.${m.period}`)} />
                ))}
              </CapsuleTabs>
              <div style={{ ...muted, padding: '0 16px' }}>{t('meals.m.myPrice')}</div>
              <MenuOrder key={current.id} menu={current} stationId={id} />
            </>
          )}
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/m/orders">{t('meals.m.myOrders')}</Link>
          </div>
        </>
      )}
    </div>
  );
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const STATUS_COLOR = {
  placed: 'primary',
  served: 'success',
  collected: 'success',
  cancelled: 'default',
} as const;

function PaymentLine({ payment }: { payment: PaymentDto | null }) {
  const { t } = useTranslation();
  if (!payment) return null;
  const label =
    payment.status === 'paid'
      ? t('meals.m.payPaid')
      : payment.status === 'void'
        ? t('meals.m.payVoid')
        : t('meals.m.payPending');
  return (
    <div style={{ marginTop: 8 }}>
      <Tag color={payment.status === 'paid' ? 'success' : payment.status === 'void' ? 'default' : 'warning'}>
        {label}
      </Tag>
      {payment.status === 'pending' ? (
        <div style={{ fontSize: 15, marginTop: 6 }} data-testid="payment-instructions">
          {payment.instructions}
        </div>
      ) : null}
    </div>
  );
}

function OrderSummary({ o }: { o: MealOrderDto }) {
  const { t } = useTranslation();
  return (
    <>
      <div style={muted}>
        {o.stationName} · {o.date.slice(5)} {t(`meals.period.${o.period}`)}
      </div>
      <div style={{ fontSize: 15, margin: '4px 0' }}>
        {o.mode === 'eat_in'
          ? t('meals.m.eatInAt', { slot: o.slotStart, n: o.partySize })
          : t('meals.m.pickupAt', { time: o.pickupAt })}
      </div>
      <div style={{ fontSize: 14 }}>
        {o.lines.map((l) => `${l.name}×${l.quantity}`).join('、')} ·{' '}
        <strong>{t('meals.m.total', { amount: yuan(o.totalFen) })}</strong>
      </div>
    </>
  );
}

function useCancel() {
  const { t } = useTranslation();
  const cancel = useCancelMealOrder();
  return (id: string) =>
    void Dialog.confirm({
      content: t('meals.m.cancelConfirm'),
      onConfirm: () =>
        cancel.mutateAsync(id).then(
          () => void Toast.show({ icon: 'success', content: t('meals.m.cancelled') }),
          (e: unknown) => void Toast.show({ icon: 'fail', content: errorText(e) }),
        ),
    });
}

export function MealOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useMealOrder(id);
  const cancel = useCancel();
  const o = q.data;
  return (
    <div style={{ minHeight: '100%', background: '#f5f5f5', paddingBottom: 16 }}>
      <NavBar onBack={() => navigate('/m/orders')} back={t('meals.m.back')}>
        {t('meals.m.orderTitle')}
      </NavBar>
      {q.isPending ? (
        <Loading />
      ) : q.isError || !o ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : (
        <Card style={card} data-testid="meal-order">
          <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
            <div>
              <div style={muted}>{t('meals.m.number')}</div>
              <div style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.1 }}>{o.number}</div>
            </div>
            <Tag color={STATUS_COLOR[o.status]} style={{ fontSize: 15, padding: '4px 8px' }}>
              {t(`meals.status.${o.status}`)}
            </Tag>
          </div>
          <OrderSummary o={o} />
          <div style={{ fontWeight: 600, marginTop: 12 }}>{t('meals.m.pay')}</div>
          <PaymentLine payment={o.payment} />
          {o.actions.cancel ? (
            <Button
              block
              color="danger"
              fill="outline"
              style={{ marginTop: 16 }}
              onClick={() => cancel(o.id)}
            >
              {t('meals.m.cancel')}
            </Button>
          ) : null}
        </Card>
      )}
    </div>
  );
}

export function MyMealOrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useMyMealOrders();
  const cancel = useCancel();
  return (
    <div style={{ minHeight: '100%', background: '#f5f5f5', paddingBottom: 16 }}>
      <NavBar onBack={() => navigate('/m')} back={t('meals.m.back')}>
        {t('meals.m.myOrders')}
      </NavBar>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('meals.m.noOrders')} description="">
          <Button color="primary" onClick={() => navigate('/m/map')}>
            {t('meals.m.toMenu')}
          </Button>
        </ErrorBlock>
      ) : (
        q.data.items.map((o) => (
          <Card key={o.id} style={card} data-testid="my-meal-order">
            <Link
              to={`/m/orders/${o.id}`}
              style={{ color: 'inherit', display: 'block', textDecoration: 'none' }}
            >
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <strong style={{ fontSize: 17 }}>
                  {t('meals.m.number')} {o.number}
                </strong>
                <Tag color={STATUS_COLOR[o.status]}>{t(`meals.status.${o.status}`)}</Tag>
              </div>
              <OrderSummary o={o} />
            </Link>
            {o.actions.cancel ? (
              <Button
                size="small"
                color="danger"
                fill="outline"
                style={{ marginTop: 8 }}
                onClick={() => cancel(o.id)}
              >
                {t('meals.m.cancel')}
              </Button>
            ) : null}
          </Card>
        ))
      )}
    </div>
  );
}
