import type { DeliveryStatus, MyDeliveryDto, OfferDto } from '@nuanxin/shared';
import {
  Button,
  Card,
  Dialog,
  ErrorBlock,
  Input,
  NavBar,
  NoticeBar,
  Skeleton,
  Switch,
  Tabs,
  Tag,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { amapLink, locate, useHere } from '../parking/location';
import { useDeliver, useMyDeliveries, useOffers, useRiderAction, useSetVolunteer, useVolunteer } from './api';

/**
 * /m/deliveries: the 铜河小哥 meal-delivery volunteer's screen on a phone held in one hand — the
 * opt-in toggle, offers near me (street only until claimed), my deliveries with pickup, release
 * and delivered-with-code. Big buttons at the bottom of each card.
 */

const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const big: CSSProperties = { height: 48, fontSize: 17, borderRadius: 10 };
const STATUS_COLOR: Record<DeliveryStatus, string> = {
  requested: 'default',
  claimed: 'primary',
  delivered: 'success',
  confirmed: 'success',
  cancelled: 'danger',
};

function useFormat() {
  const { t } = useTranslation();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Asia/Shanghai',
  });
  const day = (d: string) =>
    d === today ? t('deliveries.today') : d === tomorrow ? t('deliveries.tomorrow') : d.slice(5);
  const win = (x: { date: string; windowStart: string; windowEnd: string }) =>
    t('deliveries.window', { date: day(x.date), start: x.windowStart, end: x.windowEnd });
  const dist = (m: number) =>
    m < 1000
      ? t('deliveries.metres', { n: Math.round(m) })
      : t('deliveries.km', { n: (m / 1000).toFixed(1) });
  return { win, dist };
}

function VolunteerToggle() {
  const { t } = useTranslation();
  const v = useVolunteer();
  const set = useSetVolunteer();
  const on = v.data?.optedIn ?? false;
  return (
    <Card style={card}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <div style={{ flex: 1 }}>
          <div id="volunteer-label" style={{ fontSize: 17, fontWeight: 600 }}>
            {t('deliveries.toggle')}
          </div>
          <div style={{ color: '#8c6d60', fontSize: 13, marginTop: 4 }}>
            {on ? t('deliveries.toggleOn') : t('deliveries.toggleOff')}
          </div>
        </div>
        <Switch
          aria-labelledby="volunteer-label"
          checked={on}
          loading={v.isLoading || set.isPending}
          onChange={(next) =>
            set.mutate(next, {
              onSuccess: () => Toast.show(next ? t('deliveries.toggledOn') : t('deliveries.toggledOff')),
              onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
            })
          }
        />
      </div>
    </Card>
  );
}

function HereBar() {
  const { t } = useTranslation();
  const here = useHere();
  const text =
    here.status === 'locating'
      ? t('deliveries.locating')
      : here.fallback
        ? t('deliveries.fallback', { district: t(`deliveries.district.${here.district}`) })
        : t('deliveries.located');
  return (
    <NoticeBar
      content={text}
      color={here.fallback && here.status !== 'locating' ? 'alert' : 'info'}
      extra={
        here.fallback && here.status !== 'locating' ? (
          <Button size="mini" fill="none" onClick={() => locate(true)}>
            {t('deliveries.relocate')}
          </Button>
        ) : null
      }
      style={{ margin: '12px 12px 0', borderRadius: 10 }}
    />
  );
}

function OfferCard({ o, onClaimed }: { o: OfferDto; onClaimed: () => void }) {
  const { t } = useTranslation();
  const { win, dist } = useFormat();
  const act = useRiderAction();
  return (
    <Card style={card} title={<span style={{ fontSize: 18 }}>{win(o)}</span>} aria-label={win(o)}>
      <div style={{ fontSize: 15, lineHeight: 1.7 }}>
        <div>{t('deliveries.pickupAt', { name: o.stationName })}</div>
        <div>
          {t('deliveries.deliverTo', { place: [o.street, o.communityName].filter(Boolean).join(' · ') })}
        </div>
        <div style={{ color: '#8c6d60', fontSize: 13 }}>
          {[
            o.toCanteenM === null ? null : t('deliveries.toCanteen', { d: dist(o.toCanteenM) }),
            t('deliveries.canteenToDoor', { d: dist(o.canteenToDoorM) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
        <div>
          {t('deliveries.dishes')}：{o.dishes}
        </div>
        {o.dietNotes ? (
          <div>
            {t('deliveries.diet')}：<Tag color="warning">{o.dietNotes}</Tag>
          </div>
        ) : null}
        <div style={{ color: '#8c6d60', fontSize: 13 }}>{t('deliveries.addressAfterClaim')}</div>
      </div>
      <Button
        block
        color="primary"
        style={{ ...big, marginTop: 12 }}
        loading={act.isPending}
        onClick={() =>
          act.mutate(
            { id: o.id, action: 'claim' },
            {
              onSuccess: () => {
                Toast.show({ icon: 'success', content: t('deliveries.claimed') });
                onClaimed();
              },
              onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
            },
          )
        }
      >
        {t('deliveries.claim')}
      </Button>
    </Card>
  );
}

function Offers({ onClaimed }: { onClaimed: () => void }) {
  const { t } = useTranslation();
  const here = useHere();
  const q = useOffers(here.status === 'locating' ? null : here.point);
  return (
    <>
      <HereBar />
      {q.isLoading || here.status === 'locating' ? (
        <Card style={card}>
          <Skeleton.Paragraph lineCount={4} animated />
        </Card>
      ) : q.isError ? (
        <ErrorBlock status="default" title={t('deliveries.loadFailed')} description={errorText(q.error)}>
          <Button onClick={() => void q.refetch()}>{t('deliveries.retry')}</Button>
        </ErrorBlock>
      ) : !q.data?.optedIn ? (
        <ErrorBlock status="empty" title={t('deliveries.notOptedIn')} description="" />
      ) : q.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('deliveries.noOffers')} description="" />
      ) : (
        q.data.items.map((o) => <OfferCard key={o.id} o={o} onClaimed={onClaimed} />)
      )}
    </>
  );
}

function CodeDialogContent({ d, onDone }: { d: MyDeliveryDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [left, setLeft] = useState(d.codeTriesLeft);
  const deliver = useDeliver();
  const submit = () => {
    if (!/^\d{4}$/.test(code)) {
      setErr(t('deliveries.codeInvalid'));
      return;
    }
    deliver.mutate(
      { id: d.id, code },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('deliveries.delivered') });
          onDone();
        },
        onError: (e) => {
          setErr(errorText(e));
          const details = e instanceof ApiError ? (e.details as { attemptsLeft?: number } | null) : null;
          if (typeof details?.attemptsLeft === 'number') setLeft(details.attemptsLeft);
          setCode('');
        },
      },
    );
  };
  return (
    <div>
      <div style={{ color: '#8c6d60', fontSize: 14, marginBottom: 12 }}>{t('deliveries.codeHint')}</div>
      <Input
        aria-label={t('deliveries.codeLabel')}
        placeholder="0000"
        value={code}
        onChange={(v) => {
          setCode(v.replace(/\D/g, '').slice(0, 4));
          setErr(null);
        }}
        inputMode="numeric"
        maxLength={4}
        autoFocus
        style={
          {
            '--font-size': '32px',
            letterSpacing: 12,
            textAlign: 'center',
            border: '1px solid #d9d9d9',
            boxSizing: 'border-box',
            width: '100%',
            borderRadius: 10,
            padding: 8,
          } as CSSProperties
        }
        onEnterPress={submit}
      />
      <div role="alert" style={{ color: '#cf1322', minHeight: 20, marginTop: 8, fontSize: 14 }}>
        {err}
      </div>
      <div style={{ color: '#8c6d60', fontSize: 13 }}>{t('deliveries.triesLeft', { n: left })}</div>
      <Button
        block
        color="primary"
        style={{ ...big, marginTop: 12 }}
        loading={deliver.isPending}
        onClick={submit}
      >
        {t('deliveries.codeSubmit')}
      </Button>
    </div>
  );
}

function MyCard({ d }: { d: MyDeliveryDto }) {
  const { t } = useTranslation();
  const { win } = useFormat();
  const act = useRiderAction();
  const run = (action: 'pickup' | 'release', done: string) =>
    act.mutate(
      { id: d.id, action },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: done }),
        onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  const [codeOpen, setCodeOpen] = useState(false);
  const openCode = () => setCodeOpen(true);
  return (
    <Card
      style={card}
      title={<span style={{ fontSize: 18 }}>{win(d)}</span>}
      extra={<Tag color={STATUS_COLOR[d.status]}>{t(`deliveries.status.${d.status}`)}</Tag>}
    >
      <div style={{ fontSize: 15, lineHeight: 1.7 }}>
        <div>{t('deliveries.pickupAt', { name: d.stationName })}</div>
        <div style={{ fontWeight: 600 }}>{t('deliveries.deliverTo', { place: d.address })}</div>
        <div>
          {t('deliveries.resident', { name: d.beneficiaryName })} · {d.communityName}
        </div>
        <div>
          {t('deliveries.dishes')}：{d.dishes}
        </div>
        {d.dietNotes ? (
          <div>
            {t('deliveries.diet')}：<Tag color="warning">{d.dietNotes}</Tag>
          </div>
        ) : null}
        <a href={amapLink({ lat: d.lat, lng: d.lng }, d.address)} target="_blank" rel="noreferrer">
          {t('deliveries.navigate')}
        </a>
      </div>
      <Dialog
        visible={codeOpen}
        title={t('deliveries.codeTitle')}
        closeOnMaskClick
        onClose={() => setCodeOpen(false)}
        content={codeOpen ? <CodeDialogContent d={d} onDone={() => setCodeOpen(false)} /> : null}
      />
      {d.actions.deliver ? (
        <Button block color="primary" style={{ ...big, marginTop: 12 }} onClick={openCode}>
          {t('deliveries.deliver')}
        </Button>
      ) : null}
      {d.actions.pickup || d.actions.release ? (
        <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
          {d.actions.pickup ? (
            <Button
              style={{ ...big, flex: 1 }}
              loading={act.isPending}
              onClick={() => run('pickup', t('deliveries.pickedUp'))}
            >
              {t('deliveries.pickup')}
            </Button>
          ) : null}
          {d.actions.release ? (
            <Button
              style={{ ...big, flex: 1 }}
              color="danger"
              fill="outline"
              onClick={async () => {
                if (await Dialog.confirm({ content: t('deliveries.releaseConfirm') }))
                  run('release', t('deliveries.released'));
              }}
            >
              {t('deliveries.release')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function Mine() {
  const { t } = useTranslation();
  const q = useMyDeliveries();
  if (q.isLoading)
    return (
      <Card style={card}>
        <Skeleton.Paragraph lineCount={4} animated />
      </Card>
    );
  if (q.isError)
    return (
      <ErrorBlock status="default" title={t('deliveries.loadFailed')} description={errorText(q.error)}>
        <Button onClick={() => void q.refetch()}>{t('deliveries.retry')}</Button>
      </ErrorBlock>
    );
  if (!q.data?.items.length)
    return <ErrorBlock status="empty" title={t('deliveries.noMine')} description="" />;
  return (
    <>
      {q.data.items.map((d) => (
        <MyCard key={d.id} d={d} />
      ))}
    </>
  );
}

export function DeliveriesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'offers';
  const setTab = (k: string) => setParams(k === 'mine' ? { tab: 'mine' } : {}, { replace: true });
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/m/services')} style={{ background: '#fff' }}>
        {t('deliveries.title')}
      </NavBar>
      <VolunteerToggle />
      <Tabs activeKey={tab} onChange={setTab} style={{ background: '#fff', marginTop: 12 }}>
        <Tabs.Tab title={t('deliveries.tabOffers')} key="offers" />
        <Tabs.Tab title={t('deliveries.tabMine')} key="mine" />
      </Tabs>
      {tab === 'offers' ? <Offers onClaimed={() => setTab('mine')} /> : <Mine />}
    </div>
  );
}
