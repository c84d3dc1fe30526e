import type { ResidentDeliveryDto, ResidentDto, ResidentMeReply } from '@nuanxin/shared';
import {
  Button,
  Card,
  ConfigProvider,
  Dialog,
  ErrorBlock,
  Input,
  Skeleton,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoMark } from '../../components/brand';
import { errorText, type Lang, setLang } from '../../i18n';
import '../../lib/antd-mobile-render';
import { usePhoneCodeForm } from '../../lib/phone-code-form';
import {
  useResidentAction,
  useResidentCode,
  useResidentDeliveries,
  useResidentFile,
  useResidentMe,
  useResidentSignIn,
  useResidentSignOut,
} from './resident-api';
import { RESIDENT_NS } from './resident-i18n';

/**
 * `/home-meals`: residents' self-service for home meal delivery (CAN-05, docs/deliveries.md
 * "Residents"). Public: a resident on the community's register signs in with an SMS code, orders
 * a meal for a day and a mealtime, sees the receipt code to give the rider, cancels before a
 * rider takes it and confirms receipt. Large type and large buttons: many residents are elderly.
 */

const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const big: CSSProperties = { height: 52, fontSize: 18, borderRadius: 12 };
const label: CSSProperties = { fontSize: 16, fontWeight: 600, margin: '14px 0 8px' };

/** Mealtimes a resident picks from (Asia/Shanghai). */
const SLOTS = [
  { key: 'breakfast', start: '07:30', end: '08:30' },
  { key: 'lunch', start: '11:30', end: '12:30' },
  { key: 'dinner', start: '17:30', end: '18:30' },
] as const;
/** Sets the canteen cooks every day; tapping one fills 想吃什么. */
const PRESETS = ['两荤一素套餐', '软米饭、清蒸鱼、蔬菜汤', '面条（煮软一点）'];
const DAYS = 7;

const shanghaiDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const shanghaiNow = () =>
  new Date().toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

function useT() {
  return useTranslation(RESIDENT_NS).t;
}

/** A row of large toggle buttons, one chosen (aria-pressed), for one free thumb. */
function Chips<K extends string>(props: {
  label: string;
  value: K | null;
  options: { key: K; text: ReactNode; disabled?: boolean }[];
  onChange: (k: K) => void;
}) {
  return (
    <fieldset
      aria-label={props.label}
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, border: 0, margin: 0, padding: 0, minWidth: 0 }}
    >
      {props.options.map((o) => {
        const on = o.key === props.value;
        return (
          <button
            key={o.key}
            type="button"
            aria-pressed={on}
            disabled={o.disabled}
            onClick={() => props.onChange(o.key)}
            style={{
              minHeight: 44,
              padding: '8px 14px',
              fontSize: 16,
              borderRadius: 10,
              border: `1.5px solid ${on ? '#d4380d' : '#e8d5cc'}`,
              background: on ? '#fff2e8' : o.disabled ? '#f5f5f5' : '#fff',
              color: o.disabled ? '#bfbfbf' : on ? '#d4380d' : '#3b2a22',
              fontWeight: on ? 600 : 400,
            }}
          >
            {o.text}
          </button>
        );
      })}
    </fieldset>
  );
}

/** The form's error (read out when it appears) above its one big button. */
function Submit(props: { error: string | null; loading: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <>
      {props.error ? (
        <div role="alert" style={{ color: '#cf1322', fontSize: 15, marginTop: 10 }}>
          {props.error}
        </div>
      ) : null}
      <Button
        block
        color="primary"
        size="large"
        loading={props.loading}
        onClick={props.onClick}
        style={{ ...big, marginTop: 16 }}
      >
        {props.children}
      </Button>
    </>
  );
}

function distanceText(t: ReturnType<typeof useT>, m: number) {
  return m < 1000 ? t('metres', { n: m }) : t('km', { n: (m / 1000).toFixed(1) });
}

function SignIn() {
  const t = useT();
  const code = useResidentCode();
  const signIn = useResidentSignIn();
  const form = usePhoneCodeForm({
    request: (phone, handlers) => code.mutate(phone, handlers),
    texts: { invalidPhone: t('invalidPhone'), invalidCode: t('invalidCode') },
    onSent: () => Toast.show({ content: t('sent') }),
  });
  const submit = () => {
    const v = form.valid();
    if (v) signIn.mutate(v, { onError: (err) => form.setError(errorText(err)) });
  };
  return (
    <Card style={card}>
      <p style={{ fontSize: 16, lineHeight: 1.6, margin: '4px 0 12px' }}>{t('intro')}</p>
      <label style={{ ...label, display: 'block' }} htmlFor="resident-phone">
        {t('phone')}
      </label>
      <Input
        id="resident-phone"
        aria-label={t('phone')}
        placeholder={t('phonePlaceholder')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={20}
        value={form.phone}
        onChange={form.setPhone}
        clearable
        style={{ '--font-size': '20px', borderBottom: '1px solid #eee', padding: '6px 0' } as CSSProperties}
      />
      <label style={{ ...label, display: 'block' }} htmlFor="resident-code">
        {t('code')}
      </label>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Input
          id="resident-code"
          aria-label={t('code')}
          placeholder={t('codePlaceholder')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={form.code}
          onChange={form.setCode}
          style={
            {
              '--font-size': '20px',
              flex: 1,
              borderBottom: '1px solid #eee',
              padding: '6px 0',
            } as CSSProperties
          }
        />
        <Button
          color="primary"
          fill="outline"
          disabled={form.countdown > 0 || code.isPending}
          onClick={form.send}
          style={{ minWidth: 120, height: 44 }}
        >
          {form.countdown > 0 ? t('resend', { s: form.countdown }) : t('send')}
        </Button>
      </div>
      <Submit error={form.error} loading={signIn.isPending} onClick={submit}>
        {t('enter')}
      </Submit>
      <p style={{ color: '#8c6d60', fontSize: 14, lineHeight: 1.6, marginTop: 14 }}>{t('noCode')}</p>
    </Card>
  );
}

function OrderForm({ resident }: { resident: ResidentDto }) {
  const t = useT();
  const file = useResidentFile();
  const [canteenId, setCanteenId] = useState<string | null>(resident.canteens[0]?.id ?? null);
  const [day, setDay] = useState<string>('0');
  const [picked, setSlot] = useState<(typeof SLOTS)[number]['key'] | null>(null);
  const [dishes, setDishes] = useState('');
  const [diet, setDiet] = useState(resident.dietNotes ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setCanteenId(resident.canteens[0]?.id ?? null);
    setDiet(resident.dietNotes ?? '');
  }, [resident]);
  const date = shanghaiDay(Number(day));
  const now = shanghaiNow();
  const past = (end: string) => day === '0' && end <= now;
  // A mealtime that has passed today is not a choice (switching the day back to today drops it).
  const slot = picked && !past(SLOTS.find((s) => s.key === picked)!.end) ? picked : null;

  if (resident.canteens.length === 0)
    return (
      <Card style={card} title={t('order')}>
        <div style={{ fontSize: 16 }}>{t('noCanteen')}</div>
      </Card>
    );

  const submit = () => {
    setError(null);
    const s = SLOTS.find((x) => x.key === slot);
    if (!canteenId || !s) return setError(t('slot'));
    if (!dishes.trim()) return setError(t('dishesRequired'));
    file.mutate(
      {
        beneficiaryId: resident.id,
        stationId: canteenId,
        date,
        windowStart: s.start,
        windowEnd: s.end,
        dishes: dishes.trim(),
        dietNotes: diet.trim() || null,
      },
      {
        onSuccess: (d) => {
          setDishes('');
          setSlot(null);
          void Dialog.alert({
            title: t('filedTitle'),
            content: (
              <div style={{ textAlign: 'center', fontSize: 16, lineHeight: 1.6 }}>
                <div>
                  {t('filedBody', {
                    when: t('window', {
                      date: dayLabel(t, d.date),
                      start: d.windowStart,
                      end: d.windowEnd,
                    }),
                    canteen: d.stationName,
                  })}
                </div>
                <div
                  data-testid="filed-code"
                  style={{ fontSize: 44, fontWeight: 700, letterSpacing: 8, color: '#d4380d', marginTop: 8 }}
                >
                  {d.receiptCode}
                </div>
              </div>
            ),
          });
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  return (
    <Card style={card} title={<span style={{ fontSize: 18 }}>{t('order')}</span>}>
      <div style={label}>{t('canteen')}</div>
      <Chips
        label={t('canteen')}
        value={canteenId}
        onChange={setCanteenId}
        options={resident.canteens.map((c) => ({
          key: c.id,
          text: (
            <span>
              {c.name}
              <span style={{ fontSize: 13, color: '#8c6d60', marginLeft: 6 }}>
                {t('distance', { d: distanceText(t, c.distanceM) })}
              </span>
            </span>
          ),
        }))}
      />
      <div style={label}>{t('day')}</div>
      <Chips
        label={t('day')}
        value={day}
        onChange={setDay}
        options={Array.from({ length: DAYS }, (_, i) => ({
          key: String(i),
          text: dayLabel(t, shanghaiDay(i)),
        }))}
      />
      <div style={label}>{t('slot')}</div>
      <Chips
        label={t('slot')}
        value={slot}
        onChange={setSlot}
        options={SLOTS.map((s) => ({
          key: s.key,
          disabled: past(s.end),
          text: `${t(s.key, { start: s.start, end: s.end })}${past(s.end) ? `（${t('slotPast')}）` : ''}`,
        }))}
      />
      <label style={{ ...label, display: 'block' }} htmlFor="resident-dishes">
        {t('dishes')}
      </label>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 8 }}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => setDishes(p)}
            aria-label={`${t('presets')}：${p}`}
            style={{
              fontSize: 14,
              padding: '6px 12px',
              minHeight: 36,
              borderRadius: 18,
              border: '1px solid #ffbb96',
              background: '#fff7e6',
              color: '#ad4e00',
            }}
          >
            {p}
          </button>
        ))}
      </div>
      <div style={{ border: '1px solid #eee', borderRadius: 8, padding: 8 }}>
        <TextArea
          id="resident-dishes"
          aria-label={t('dishes')}
          placeholder={t('dishesPlaceholder')}
          value={dishes}
          onChange={setDishes}
          maxLength={300}
          rows={2}
          style={{ '--font-size': '17px' } as CSSProperties}
        />
      </div>
      <label style={{ ...label, display: 'block' }} htmlFor="resident-diet">
        {t('diet')}
      </label>
      <Input
        id="resident-diet"
        aria-label={t('diet')}
        placeholder={t('dietPlaceholder')}
        value={diet}
        onChange={setDiet}
        maxLength={200}
        clearable
        style={{ '--font-size': '17px', borderBottom: '1px solid #eee', padding: '6px 0' } as CSSProperties}
      />
      {resident.freeMeals ? (
        <div style={{ color: '#389e0d', fontSize: 15, marginTop: 10 }}>{t('free')}</div>
      ) : null}
      <Submit error={error} loading={file.isPending} onClick={submit}>
        {t('submit')}
      </Submit>
    </Card>
  );
}

function dayLabel(t: ReturnType<typeof useT>, d: string) {
  return d === shanghaiDay(0) ? t('today') : d === shanghaiDay(1) ? t('tomorrow') : d.slice(5);
}

const STATUS_COLOR: Record<ResidentDeliveryDto['status'], string> = {
  requested: 'default',
  claimed: 'primary',
  delivered: 'success',
  confirmed: 'success',
  cancelled: 'danger',
};

function MealCard({ d, showName }: { d: ResidentDeliveryDto; showName: boolean }) {
  const t = useT();
  const act = useResidentAction();
  const open = d.status === 'requested' || d.status === 'claimed';
  const run = async (action: 'cancel' | 'confirm') => {
    if (action === 'cancel' && !(await Dialog.confirm({ content: t('cancelConfirm') }))) return;
    act.mutate(
      { id: d.id, action },
      {
        onSuccess: () =>
          Toast.show({ icon: 'success', content: action === 'cancel' ? t('cancelled') : t('confirmDone') }),
        onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
      },
    );
  };
  return (
    <Card
      style={card}
      aria-label={t('window', { date: dayLabel(t, d.date), start: d.windowStart, end: d.windowEnd })}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <div style={{ fontSize: 18, fontWeight: 600, flex: 1 }}>
          {t('window', { date: dayLabel(t, d.date), start: d.windowStart, end: d.windowEnd })}
        </div>
        <Tag color={STATUS_COLOR[d.status]} style={{ fontSize: 14, padding: '3px 8px' }}>
          {t(`status.${d.status}`)}
        </Tag>
      </div>
      <div style={{ fontSize: 15, color: '#5c4033', marginTop: 6, lineHeight: 1.6 }}>
        {showName ? <div>{d.beneficiaryName}</div> : null}
        <div>{d.stationName}</div>
        <div>{d.dishes}</div>
        {d.dietNotes ? <div style={{ color: '#8c6d60' }}>{d.dietNotes}</div> : null}
        {d.riderName ? <div>{t('rider', { name: d.riderName })}</div> : null}
        {!d.filedByResident ? <div style={{ color: '#8c6d60' }}>{t('byStaff')}</div> : null}
      </div>
      {d.late ? (
        <div role="status" style={{ color: '#cf1322', fontSize: 15, marginTop: 6 }}>
          {t('late')}
        </div>
      ) : null}
      {open ? (
        <div style={{ background: '#fff7f0', borderRadius: 10, padding: '10px 12px', marginTop: 10 }}>
          <div style={{ fontSize: 14, color: '#8c6d60' }}>{t('receiptCode')}</div>
          <div
            data-testid="receipt-code"
            style={{ fontSize: 36, fontWeight: 700, letterSpacing: 6, color: '#d4380d' }}
          >
            {d.receiptCode}
          </div>
          <div style={{ fontSize: 13, color: '#8c6d60' }}>{t('codeTip')}</div>
        </div>
      ) : null}
      {d.actions.confirm ? (
        <Button
          block
          color="success"
          loading={act.isPending}
          onClick={() => void run('confirm')}
          style={{ ...big, marginTop: 12 }}
        >
          {t('confirm')}
        </Button>
      ) : null}
      {d.actions.cancel ? (
        <Button
          block
          fill="outline"
          color="danger"
          loading={act.isPending}
          onClick={() => void run('cancel')}
          style={{ height: 44, fontSize: 16, borderRadius: 12, marginTop: 10 }}
        >
          {t('cancel')}
        </Button>
      ) : null}
    </Card>
  );
}

function MyMeals({ many }: { many: boolean }) {
  const t = useT();
  const list = useResidentDeliveries(true);
  return (
    <section aria-label={t('mine')}>
      <h2 style={{ fontSize: 18, margin: '20px 16px 0' }}>{t('mine')}</h2>
      {list.isLoading ? (
        <Card style={card}>
          <Skeleton.Paragraph lineCount={4} animated />
        </Card>
      ) : list.isError ? (
        <ErrorBlock status="default" title={t('loadFailed')} description={errorText(list.error)}>
          <Button onClick={() => void list.refetch()}>{t('retry')}</Button>
        </ErrorBlock>
      ) : list.data!.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('none')} description="" />
      ) : (
        list.data!.items.map((d) => <MealCard key={d.id} d={d} showName={many} />)
      )}
    </section>
  );
}

function SignedIn({ me }: { me: ResidentMeReply }) {
  const t = useT();
  const signOut = useResidentSignOut();
  const [who, setWho] = useState(me.residents[0]!.id);
  const resident = useMemo(() => me.residents.find((r) => r.id === who) ?? me.residents[0]!, [me, who]);
  const many = me.residents.length > 1;
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', padding: '12px 16px 0', gap: 8 }}>
        <div style={{ flex: 1, fontSize: 15, color: '#5c4033' }}>
          {t('signedInAs', { phone: me.phoneMasked })}
        </div>
        <Button
          size="small"
          fill="none"
          color="primary"
          onClick={async () => {
            if (await Dialog.confirm({ content: t('signOutConfirm') })) signOut.mutate();
          }}
        >
          {t('signOut')}
        </Button>
      </div>
      {many ? (
        <Card style={card}>
          <div style={{ ...label, marginTop: 0 }}>{t('who')}</div>
          <Chips
            label={t('who')}
            value={who}
            onChange={setWho}
            options={me.residents.map((r) => ({ key: r.id, text: r.name }))}
          />
        </Card>
      ) : null}
      <Card style={card}>
        <div style={{ fontSize: 18, fontWeight: 600 }}>{resident.name}</div>
        <div style={{ fontSize: 15, color: '#5c4033', marginTop: 4 }}>
          {resident.communityName} · {resident.address}
        </div>
      </Card>
      <OrderForm resident={resident} />
      <MyMeals many={many} />
    </>
  );
}

export function ResidentMealsRoute() {
  const t = useT();
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const other: Lang = en ? 'zh-CN' : 'en';
  const me = useResidentMe();
  useEffect(() => {
    document.documentElement.style.setProperty('--adm-color-primary', '#d4380d');
  }, []);
  useEffect(() => {
    document.title = t('title');
    document.documentElement.lang = en ? 'en' : 'zh-CN';
  }, [t, en]);
  return (
    <ConfigProvider locale={en ? enUS : zhCN}>
      <main className="nx-m-page" style={{ paddingBottom: 32, maxWidth: 640, margin: '0 auto' }}>
        <header className="nx-m-hero" style={{ paddingBottom: 20 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
            <LogoMark size={40} style={{ borderRadius: 10, boxShadow: '0 0 0 2px rgba(255,255,255,0.6)' }} />
            <div style={{ flex: 1 }}>
              <h1 style={{ fontSize: 22, fontWeight: 700, margin: 0 }}>{t('title')}</h1>
              <div style={{ fontSize: 14, opacity: 0.92 }}>{t('subtitle')}</div>
            </div>
            <button
              type="button"
              onClick={() => setLang(other)}
              style={{
                background: 'rgba(255,255,255,0.2)',
                color: '#fff',
                border: '1px solid rgba(255,255,255,0.6)',
                borderRadius: 8,
                padding: '6px 10px',
                fontSize: 14,
              }}
            >
              {t('lang')}
            </button>
          </div>
        </header>
        {me.isLoading ? (
          <Card style={card}>
            <Skeleton.Paragraph lineCount={5} animated />
          </Card>
        ) : me.isError ? (
          <ErrorBlock status="default" title={t('loadFailed')} description={errorText(me.error)}>
            <Button onClick={() => void me.refetch()}>{t('retry')}</Button>
          </ErrorBlock>
        ) : me.data ? (
          <SignedIn me={me.data} />
        ) : (
          <SignIn />
        )}
      </main>
    </ConfigProvider>
  );
}
