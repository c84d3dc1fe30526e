import {
  type ChildcareRegistrationDto,
  type ChildcareSessionDto,
  normalisePhone,
  PROXY_MATTERS,
  type ProxyMatter,
  type ProxyRequestDto,
} from '@nuanxin/shared';
import {
  Button,
  Card,
  Dialog,
  ErrorBlock,
  Input,
  NavBar,
  Popup,
  Selector,
  Skeleton,
  Stepper,
  Steps,
  Tabs,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useStation } from '../station-map/api';
import { useCancelRegistration, useFileProxy, useMyServices, useOpenSessions, useRegisterChild } from './api';

/**
 * Worker app: 政务代办 (file a request at a station), 节假日托幼 (register a child for a session)
 * and "my services" (requests with their history, registrations with cancel). Light phone
 * layout, big targets for one free hand (CAN-03, CAN-04).
 */

const page: CSSProperties = { minHeight: '100%', background: '#f5f5f5', paddingBottom: 24 };
const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const label: CSSProperties = { display: 'block', fontSize: 15, fontWeight: 600, marginBottom: 8 };
const muted: CSSProperties = { color: '#8c8c8c', fontSize: 13 };
const error: CSSProperties = { color: '#cf1322', fontSize: 13, marginTop: 6 };

function Loading() {
  return (
    <div style={{ padding: 16 }} aria-busy="true">
      <Skeleton.Title animated />
      <Skeleton.Paragraph lineCount={6} animated />
    </div>
  );
}

function Failed({ error: e, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="default" title={t('canteenServices.m.loadFailed')} description={errorText(e)}>
      <Button color="primary" onClick={retry}>
        {t('canteenServices.m.retry')}
      </Button>
    </ErrorBlock>
  );
}

const STATUS_COLOR = {
  received: 'primary',
  in_progress: 'warning',
  done: 'success',
  returned: 'default',
  rejected: 'danger',
} as const;

// ---- 政务代办 -------------------------------------------------------------------------------------

export function ProxyRequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const station = useStation(id);
  const file = useFileProxy();
  const [matter, setMatter] = useState<ProxyMatter>('social_security_card');
  const [description, setDescription] = useState('');
  const [documents, setDocuments] = useState('');
  const [touched, setTouched] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const descOk = description.trim().length >= 2;

  const submit = () => {
    setTouched(true);
    if (!descOk) return;
    file.mutate(
      {
        stationId: id,
        key,
        body: {
          matter,
          description: description.trim(),
          documents: documents
            .split('\n')
            .map((d) => d.trim())
            .filter(Boolean),
        },
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('canteenServices.m.filed') });
          navigate('/m/my-services?tab=proxy');
        },
        onError: (e) => void Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  };

  return (
    <div style={page}>
      <NavBar onBack={() => navigate(`/m/stations/${id}`)} back={t('canteenServices.m.back')}>
        {t('canteenServices.m.proxyTitle')}
      </NavBar>
      {station.data ? <div style={{ ...muted, padding: '8px 16px 0' }}>{station.data.name}</div> : null}
      <div style={{ ...muted, padding: '4px 16px 0', lineHeight: 1.6 }}>
        {t('canteenServices.m.proxyIntro')}
      </div>
      <Card style={card}>
        <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          <legend style={{ ...label, padding: 0 }}>{t('canteenServices.m.matter')}</legend>
          <Selector
            columns={2}
            value={[matter]}
            onChange={(v) => v[0] && setMatter(v[0])}
            options={PROXY_MATTERS.map((m) => ({ label: t(`canteenServices.matter.${m}`), value: m }))}
            style={{ '--padding': '12px 8px' } as CSSProperties}
          />
        </fieldset>
      </Card>
      <Card style={card}>
        <label htmlFor="proxy-description" style={label}>
          {t('canteenServices.m.description')}
        </label>
        <TextArea
          id="proxy-description"
          aria-label={t('canteenServices.m.description')}
          placeholder={t('canteenServices.m.descriptionPlaceholder')}
          value={description}
          onChange={setDescription}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={500}
          showCount
        />
        {touched && !descOk ? (
          <div role="alert" style={error}>
            {t('canteenServices.m.descriptionRequired')}
          </div>
        ) : null}
      </Card>
      <Card style={card}>
        <label htmlFor="proxy-documents" style={label}>
          {t('canteenServices.m.documents')}
        </label>
        <TextArea
          id="proxy-documents"
          aria-label={t('canteenServices.m.documents')}
          placeholder={t('canteenServices.m.documentsPlaceholder')}
          value={documents}
          onChange={setDocuments}
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </Card>
      <div style={{ padding: 12 }}>
        <Button
          block
          color="primary"
          size="large"
          loading={file.isPending}
          onClick={submit}
          data-testid="proxy-submit"
        >
          {t('canteenServices.m.submit')}
        </Button>
      </div>
      <div style={{ textAlign: 'center' }}>
        <Link to="/m/my-services">{t('canteenServices.m.mineLink')}</Link>
      </div>
    </div>
  );
}

// ---- 节假日托幼 ------------------------------------------------------------------------------------

/** A labelled one-line field of the registration sheet, with its error under it. */
function LabelledInput(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  maxLength: number;
  error: string | null;
  tel?: boolean;
}) {
  return (
    <>
      <label htmlFor={props.id} style={label}>
        {props.label}
      </label>
      <Input
        id={props.id}
        {...(props.tel ? { type: 'tel', inputMode: 'tel' as const } : {})}
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onChange={props.onChange}
        maxLength={props.maxLength}
        clearable
        style={{ '--font-size': '17px', borderBottom: '1px solid #eee', paddingBottom: 6 } as CSSProperties}
      />
      {props.error ? (
        <div role="alert" style={error}>
          {props.error}
        </div>
      ) : null}
    </>
  );
}

function RegisterSheet({ session, onClose }: { session: ChildcareSessionDto; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterChild();
  const [childName, setChildName] = useState('');
  const [childAge, setChildAge] = useState(Math.max(session.ageMin, Math.min(6, session.ageMax)));
  const [phone, setPhone] = useState('');
  const [allergies, setAllergies] = useState('');
  const [touched, setTouched] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const normalised = normalisePhone(phone);
  const nameOk = childName.trim().length > 0;

  const submit = () => {
    setTouched(true);
    if (!nameOk || !normalised) return;
    register.mutate(
      {
        sessionId: session.id,
        key,
        body: {
          childName: childName.trim(),
          childAge,
          contactPhone: normalised,
          allergies: allergies.trim() || null,
        },
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('canteenServices.m.registered') });
          onClose();
          navigate('/m/my-services?tab=childcare');
        },
        onError: (e) => void Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  };

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', maxHeight: '85dvh' }}
      data-testid="register-sheet"
    >
      <div style={{ padding: '16px 16px 8px', overflowY: 'auto', flex: 1, minHeight: 0 }}>
        <div style={{ fontSize: 17, fontWeight: 600 }}>
          {t('canteenServices.m.sessionTime', {
            date: session.date.slice(5),
            starts: session.starts,
            ends: session.ends,
          })}
        </div>
        <div style={{ ...muted, marginBottom: 12 }}>
          {t('canteenServices.m.ages', { min: session.ageMin, max: session.ageMax })}
        </div>
        <LabelledInput
          id="child-name"
          label={t('canteenServices.m.childName')}
          placeholder={t('canteenServices.m.childNamePlaceholder')}
          value={childName}
          onChange={setChildName}
          maxLength={10}
          error={touched && !nameOk ? t('canteenServices.m.nameRequired') : null}
        />
        <div
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', margin: '14px 0' }}
        >
          <span style={{ ...label, marginBottom: 0 }} id="child-age-label">
            {t('canteenServices.m.childAge')}
          </span>
          <Stepper
            aria-labelledby="child-age-label"
            min={session.ageMin}
            max={session.ageMax}
            value={childAge}
            onChange={setChildAge}
            style={
              { '--height': '40px', '--input-width': '48px', '--input-font-size': '17px' } as CSSProperties
            }
          />
        </div>
        <LabelledInput
          id="child-phone"
          tel
          label={t('canteenServices.m.contactPhone')}
          placeholder={t('canteenServices.m.contactPhonePlaceholder')}
          value={phone}
          onChange={setPhone}
          maxLength={20}
          error={touched && !normalised ? t('canteenServices.m.invalidPhone') : null}
        />
        <label htmlFor="child-allergies" style={{ ...label, marginTop: 14 }}>
          {t('canteenServices.m.allergies')}
        </label>
        <TextArea
          id="child-allergies"
          aria-label={t('canteenServices.m.allergies')}
          placeholder={t('canteenServices.m.allergiesPlaceholder')}
          value={allergies}
          onChange={setAllergies}
          autoSize={{ minRows: 1, maxRows: 3 }}
          maxLength={200}
        />
      </div>
      <div style={{ padding: '8px 16px 16px', borderTop: '1px solid #f0f0f0' }}>
        <Button
          block
          color="primary"
          size="large"
          loading={register.isPending}
          onClick={submit}
          data-testid="register-submit"
        >
          {t('canteenServices.m.registerSubmit')}
        </Button>
      </div>
    </div>
  );
}

export function ChildcarePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const station = useStation(id);
  const q = useOpenSessions(id);
  const [open, setOpen] = useState<ChildcareSessionDto | null>(null);

  return (
    <div style={page}>
      <NavBar onBack={() => navigate(`/m/stations/${id}`)} back={t('canteenServices.m.back')}>
        {t('canteenServices.m.childcareTitle')}
      </NavBar>
      {station.data ? <div style={{ ...muted, padding: '8px 16px 0' }}>{station.data.name}</div> : null}
      <div style={{ ...muted, padding: '4px 16px 0', lineHeight: 1.6 }}>
        {t('canteenServices.m.childcareIntro')}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <ErrorBlock
          status="empty"
          title={t('canteenServices.m.noSessions')}
          description={t('canteenServices.m.noSessionsHint')}
        />
      ) : (
        q.data.items.map((s) => (
          <Card key={s.id} style={card} data-testid="childcare-session">
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 17, fontWeight: 600 }}>
                  {t('canteenServices.m.sessionTime', {
                    date: s.date.slice(5),
                    starts: s.starts,
                    ends: s.ends,
                  })}
                </div>
                <div style={{ marginTop: 4, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                  {s.dayKind === 'holiday' || s.dayKind === 'weekend' ? (
                    <Tag color={s.dayKind === 'holiday' ? 'danger' : 'primary'} fill="outline">
                      {t(`canteenServices.dayKind.${s.dayKind}`)}
                    </Tag>
                  ) : null}
                  <Tag fill="outline">{t('canteenServices.m.ages', { min: s.ageMin, max: s.ageMax })}</Tag>
                  <Tag color={s.free > 0 ? 'success' : 'default'}>
                    {s.free > 0 ? t('canteenServices.m.free', { n: s.free }) : t('canteenServices.m.full')}
                  </Tag>
                </div>
                {s.note ? <div style={{ ...muted, marginTop: 6 }}>{s.note}</div> : null}
              </div>
              <Button
                color="primary"
                size="large"
                disabled={s.free === 0}
                onClick={() => setOpen(s)}
                aria-label={`${t('canteenServices.m.register')} ${s.date}`}
              >
                {t('canteenServices.m.register')}
              </Button>
            </div>
          </Card>
        ))
      )}
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/m/my-services?tab=childcare">{t('canteenServices.m.mineLink')}</Link>
      </div>
      <Popup
        visible={open !== null}
        onMaskClick={() => setOpen(null)}
        onClose={() => setOpen(null)}
        bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }}
        destroyOnClose
      >
        {open ? <RegisterSheet session={open} onClose={() => setOpen(null)} /> : null}
      </Popup>
    </div>
  );
}

// ---- mine ----------------------------------------------------------------------------------------

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

function ProxyCard({ r }: { r: ProxyRequestDto }) {
  const { t } = useTranslation();
  return (
    <Card style={card} data-testid="my-proxy-request">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <strong style={{ fontSize: 16 }}>{t(`canteenServices.matter.${r.matter}`)}</strong>
        <Tag color={STATUS_COLOR[r.status]} style={{ fontSize: 14, padding: '3px 6px' }}>
          {t(`canteenServices.status.${r.status}`)}
        </Tag>
      </div>
      <div style={muted}>{r.stationName}</div>
      <div style={{ fontSize: 15, margin: '6px 0' }}>{r.description}</div>
      {r.documents.length ? (
        <div style={muted}>{t('canteenServices.m.documentsList', { list: r.documents.join('、') })}</div>
      ) : null}
      {r.rejectReason ? (
        <div style={{ color: '#cf1322', fontSize: 14, marginTop: 4 }}>
          {t('canteenServices.m.rejectReason', { reason: r.rejectReason })}
        </div>
      ) : null}
      <div style={{ ...label, fontSize: 14, margin: '10px 0 0' }}>{t('canteenServices.m.history')}</div>
      <Steps
        direction="vertical"
        current={r.history.length - 1}
        style={{ '--title-font-size': '14px' } as CSSProperties}
      >
        {r.history.map((h) => (
          <Steps.Step
            key={`${h.at}-${h.toStatus}`}
            title={t(`canteenServices.status.${h.toStatus}`)}
            description={`${when(h.at)}${h.actorName ? ` · ${h.actorName}` : ''}${h.note ? ` · ${h.note}` : ''}`}
          />
        ))}
      </Steps>
    </Card>
  );
}

function RegistrationCard({ r }: { r: ChildcareRegistrationDto }) {
  const { t } = useTranslation();
  const cancel = useCancelRegistration();
  return (
    <Card style={card} data-testid="my-registration">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <strong style={{ fontSize: 16 }}>
          {r.childName} · {t('canteenServices.m.age', { n: r.childAge })}
        </strong>
        <Tag
          color={r.status === 'registered' ? 'primary' : r.status === 'attended' ? 'success' : 'default'}
          style={{ fontSize: 14, padding: '3px 6px' }}
        >
          {t(`canteenServices.regStatus.${r.status}`)}
        </Tag>
      </div>
      <div style={muted}>{r.stationName}</div>
      <div style={{ fontSize: 15, margin: '6px 0' }}>
        {t('canteenServices.m.sessionTime', { date: r.date, starts: r.starts, ends: r.ends })}
      </div>
      <div style={muted}>
        {r.contactPhoneMasked}
        {r.allergies ? ` · ${r.allergies}` : ''}
      </div>
      {r.actions.cancel ? (
        <Button
          block
          color="danger"
          fill="outline"
          style={{ marginTop: 12 }}
          loading={cancel.isPending}
          onClick={() =>
            void Dialog.confirm({
              content: t('canteenServices.m.cancelConfirm'),
              onConfirm: () =>
                cancel.mutateAsync(r.id).then(
                  () => void Toast.show({ icon: 'success', content: t('canteenServices.m.cancelled') }),
                  (e: unknown) => void Toast.show({ icon: 'fail', content: errorText(e) }),
                ),
            })
          }
        >
          {t('canteenServices.m.cancel')}
        </Button>
      ) : null}
    </Card>
  );
}

export function MyServicesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'childcare' ? 'childcare' : 'proxy';
  const q = useMyServices();
  return (
    <div style={page}>
      <NavBar onBack={() => navigate(-1)} back={t('canteenServices.m.back')}>
        {t('canteenServices.m.mine')}
      </NavBar>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })}>
        <Tabs.Tab key="proxy" title={t('canteenServices.m.tabProxy')} />
        <Tabs.Tab key="childcare" title={t('canteenServices.m.tabChildcare')} />
      </Tabs>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : tab === 'proxy' ? (
        q.data.proxyRequests.length === 0 ? (
          <ErrorBlock status="empty" title={t('canteenServices.m.noProxy')} description="" />
        ) : (
          q.data.proxyRequests.map((r) => <ProxyCard key={r.id} r={r} />)
        )
      ) : q.data.registrations.length === 0 ? (
        <ErrorBlock status="empty" title={t('canteenServices.m.noRegistrations')} description="" />
      ) : (
        q.data.registrations.map((r) => <RegistrationCard key={r.id} r={r} />)
      )}
    </div>
  );
}
