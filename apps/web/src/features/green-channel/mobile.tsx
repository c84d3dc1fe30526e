import {
  Button,
  Card,
  ErrorBlock,
  Form,
  Input,
  List,
  NavBar,
  Selector,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useOnline } from '../../lib/offline-queue.browser';
import { MobilePhotoGrid } from '../files/mobile-photos';
import { PhotoPicker, usePhotoPicker } from '../files/photo-picker';
import {
  type GrnAlert,
  type GrnClaimSummary,
  type GrnState,
  useClaim,
  useClaimAction,
  useClaims,
  useFileClaim,
  usePlatforms,
  yuan,
} from './api';

const DISTRICTS = [
  { value: '511102', label: '市中区' },
  { value: '511111', label: '沙湾区' },
];

const STATE_COLOR: Record<GrnState, string> = {
  submitted: 'primary',
  reviewed: 'primary',
  rejected: 'default',
  notice_sent: 'warning',
  answered: 'success',
  closed: 'success',
};

export function GrnStateTagM({ state }: { state: GrnState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} fill="outline" round>
      {t(`greenChannel.state.${state}`)}
    </Tag>
  );
}

export function AlertLineM({ alerts }: { alerts: GrnAlert[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return <span style={{ color: '#8c6d60' }}>{t('greenChannel.noAlert')}</span>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {alerts.map((a) => (
        <Tag key={a.id} color={a.level === 'red' ? 'danger' : 'warning'} fill="solid">
          {t('greenChannel.alertBadge', {
            region: a.regionName,
            kind: t(`greenChannel.kind.${a.kind}`),
            level: t(`greenChannel.level.${a.level}`),
          })}
        </Tag>
      ))}
    </span>
  );
}

interface FormValues {
  platformOrgId?: string[];
  district?: string[];
  orderNos?: string;
  orderAt?: string;
  delayMinutes?: string;
  fineYuan?: string;
  cause?: string[];
  reason?: string;
  evidenceNote?: string;
}

/** 申诉绿色通道: the claim form. */
export function GreenClaimFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const platforms = usePlatforms();
  const file = useFileClaim();
  const [form] = Form.useForm<FormValues>();
  const online = useOnline();
  const [formKey] = useState(newIdempotencyKey);
  const photos = usePhotoPicker({ online, keyPrefix: formKey });
  const submit = (v: FormValues) => {
    const orderNos = (v.orderNos ?? '').split(/[\s,，]+/).filter(Boolean);
    // The green channel files online only: every photo must be on the server first.
    if (photos.uploading || photos.waiting) {
      Toast.show({ content: online ? t('files.picker.busy') : errorText({ code: 'client.network' }) });
      return;
    }
    if (photos.rejected) {
      Toast.show({ icon: 'fail', content: t('files.picker.rejectedBlock') });
      return;
    }
    file.mutate(
      {
        platformOrgId: v.platformOrgId?.[0],
        regionCode: v.district?.[0],
        orderNos,
        orderAt: v.orderAt ? dayjs(v.orderAt).toISOString() : undefined,
        delayMinutes: Number(v.delayMinutes),
        fineFen: Math.round(Number(v.fineYuan) * 100),
        cause: v.cause?.[0] ?? 'extreme_weather',
        reason: v.reason,
        ...(v.evidenceNote ? { evidenceNote: v.evidenceNote } : {}),
        ...(photos.ids.length ? { evidencePhotoIds: photos.ids } : {}),
      },
      {
        onSuccess: (d) => {
          Toast.show({ icon: 'success', content: t('greenChannel.m.submitted') });
          navigate(`/m/green-channel/${d.id}`, { replace: true });
        },
        onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
      },
    );
  };
  const req = [{ required: true, message: t('greenChannel.m.pick') }];
  return (
    <>
      <NavBar onBack={() => navigate(-1)} style={{ background: '#fff' }}>
        {t('greenChannel.m.newClaim')}
      </NavBar>
      <div style={{ padding: '8px 16px', color: '#8c6d60', fontSize: 13 }}>{t('greenChannel.subtitle')}</div>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ cause: ['extreme_weather'], district: ['511102'] }}
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={file.isPending || photos.uploading}
          >
            {t('greenChannel.m.submit')}
          </Button>
        }
      >
        <Form.Item name="platformOrgId" label={t('greenChannel.field.platform')} rules={req}>
          <Selector options={(platforms.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="district" label={t('greenChannel.field.region')} rules={req}>
          <Selector options={DISTRICTS} />
        </Form.Item>
        <Form.Item
          name="orderNos"
          label={t('greenChannel.field.orderNos')}
          help={t('greenChannel.field.orderNosHint')}
          rules={req}
        >
          <Input aria-label={t('greenChannel.field.orderNos')} placeholder="MT2607150001" />
        </Form.Item>
        <Form.Item name="orderAt" label={t('greenChannel.field.orderAt')} rules={req}>
          <input
            type="datetime-local"
            aria-label={t('greenChannel.field.orderAt')}
            max={dayjs().format('YYYY-MM-DDTHH:mm')}
            style={{ width: '100%', border: 'none', fontSize: 16, background: 'transparent' }}
          />
        </Form.Item>
        <Form.Item name="delayMinutes" label={t('greenChannel.field.delay')} rules={req}>
          <Input type="number" inputMode="numeric" aria-label={t('greenChannel.field.delay')} />
        </Form.Item>
        <Form.Item name="fineYuan" label={t('greenChannel.field.fine')} rules={req}>
          <Input type="number" inputMode="decimal" aria-label={t('greenChannel.field.fine')} />
        </Form.Item>
        <Form.Item name="cause" label={t('greenChannel.field.cause')}>
          <Selector
            options={[
              { value: 'extreme_weather', label: t('greenChannel.cause.extreme_weather') },
              { value: 'other_objective', label: t('greenChannel.cause.other_objective') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('greenChannel.field.reason')} rules={[{ required: true, min: 5 }]}>
          <TextArea rows={3} maxLength={1000} showCount aria-label={t('greenChannel.field.reason')} />
        </Form.Item>
        <Form.Item
          name="evidenceNote"
          label={t('greenChannel.field.evidence')}
          help={t('greenChannel.field.evidenceHint')}
        >
          <TextArea rows={2} maxLength={500} aria-label={t('greenChannel.field.evidence')} />
        </Form.Item>
        <Form.Item>
          <PhotoPicker
            state={photos}
            id="grn-photos"
            title={t('files.picker.evidenceTitle', { max: photos.max })}
          />
        </Form.Item>
      </Form>
    </>
  );
}

function ClaimCard({ c }: { c: GrnClaimSummary }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/m/green-channel/${c.id}`}
      style={{ textDecoration: 'none', color: 'inherit' }}
      aria-label={c.caseNo}
    >
      <Card style={{ borderRadius: 14, margin: '10px 12px 0' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span style={{ fontWeight: 600 }}>
            {c.platformName} · ¥{yuan(c.fineFen)}
          </span>
          <GrnStateTagM state={c.state} />
        </div>
        <div style={{ margin: '6px 0', fontSize: 13 }}>
          {c.outcome ? <b>{t(`greenChannel.outcome.${c.outcome}`)}</b> : null}
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#8c6d60' }}>
          <span>{c.caseNo}</span>
          <span>{dayjs(c.orderAt).format('YYYY-MM-DD HH:mm')}</span>
        </div>
      </Card>
    </Link>
  );
}

/** My claims, newest first. */
export function MyGreenClaimsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useClaims({ mine: true, pageSize: 50 });
  return (
    <>
      <NavBar onBack={() => navigate('/m/services')} style={{ background: '#fff' }}>
        {t('greenChannel.m.mine')}
      </NavBar>
      <div style={{ padding: '12px 12px 0' }}>
        <Button block color="primary" onClick={() => navigate('/m/green-channel/new')}>
          {t('greenChannel.m.newClaim')}
        </Button>
      </div>
      {list.error ? <ErrorBlock status="default" description={errorText(list.error)} /> : null}
      {list.data?.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('greenChannel.m.empty')} description="" />
      ) : null}
      {list.data?.items.map((c) => (
        <ClaimCard key={c.id} c={c} />
      ))}
      <div style={{ height: 24 }} />
    </>
  );
}

const STEP_STATES: GrnState[] = ['submitted', 'reviewed', 'notice_sent', 'answered', 'closed'];

/** One claim as the rider sees it, with the platform's answer. */
export function MobileGreenClaimPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const q = useClaim(id);
  const act = useClaimAction(id ?? '');
  const [busy, setBusy] = useState(false);
  const c = q.data;
  return (
    <>
      <NavBar onBack={() => navigate('/m/green-channel')} style={{ background: '#fff' }}>
        {t('greenChannel.title')}
      </NavBar>
      {q.error ? <ErrorBlock status="default" description={errorText(q.error)} /> : null}
      {c ? (
        <div style={{ paddingBottom: 24 }}>
          <Card style={{ borderRadius: 14, margin: 12 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <span style={{ fontWeight: 600 }}>{c.caseNo}</span>
              <GrnStateTagM state={c.state} />
            </div>
            {c.state !== 'rejected' ? (
              <Steps
                current={Math.max(0, STEP_STATES.indexOf(c.state))}
                style={{ '--title-font-size': '12px', marginTop: 8 } as React.CSSProperties}
              >
                {STEP_STATES.map((s) => (
                  <Steps.Step key={s} title={t(`greenChannel.state.${s}`)} />
                ))}
              </Steps>
            ) : null}
          </Card>
          {c.answer ? (
            <Card title={t('greenChannel.m.outcomeTitle')} style={{ borderRadius: 14, margin: 12 }}>
              <div style={{ fontSize: 18, fontWeight: 600, color: '#d4380d' }}>
                {t(`greenChannel.outcome.${c.answer.outcome}`)}
                {c.answer.waivedFen > 0 ? ` ¥${yuan(c.answer.waivedFen)}` : ''}
              </div>
              {c.answer.reason ? <div style={{ marginTop: 6 }}>{c.answer.reason}</div> : null}
              <div style={{ marginTop: 6, fontSize: 12, color: '#8c6d60' }}>
                {t('greenChannel.admin.decidedByPlatform', {
                  platform: c.answer.platformName,
                  name: c.answer.decidedByName,
                })}{' '}
                · {dayjs(c.answer.answeredAt).format('YYYY-MM-DD HH:mm')}
              </div>
              <div style={{ marginTop: 6, fontSize: 12, color: '#8c6d60' }}>
                {t('greenChannel.m.decidedNote')}
              </div>
            </Card>
          ) : null}
          {c.state === 'notice_sent' && c.notice ? (
            <div style={{ margin: '0 16px', color: '#8c6d60', fontSize: 13 }}>
              {t('greenChannel.m.pending', { date: c.notice.requestedAnswerBy })}
            </div>
          ) : null}
          {c.rejectReason ? (
            <Card title={t('greenChannel.field.rejectReason')} style={{ borderRadius: 14, margin: 12 }}>
              {c.rejectReason}
            </Card>
          ) : null}
          <List mode="card">
            <List.Item extra={c.platformName}>{t('greenChannel.field.platform')}</List.Item>
            <List.Item extra={c.orderNos.join(', ')}>{t('greenChannel.field.orderNos')}</List.Item>
            <List.Item extra={dayjs(c.orderAt).format('YYYY-MM-DD HH:mm')}>
              {t('greenChannel.field.orderAt')}
            </List.Item>
            <List.Item extra={c.delayMinutes}>{t('greenChannel.field.delay')}</List.Item>
            <List.Item extra={`¥${yuan(c.fineFen)}`}>{t('greenChannel.field.fine')}</List.Item>
            <List.Item description={<AlertLineM alerts={c.alertsInForce} />}>
              {t('greenChannel.field.alerts')}
            </List.Item>
            <List.Item description={c.reason}>{t('greenChannel.field.reason')}</List.Item>
            <List.Item description={c.evidenceNote ?? '—'}>{t('greenChannel.field.evidence')}</List.Item>
            {c.evidencePhotos.length ? (
              <List.Item
                description={
                  <div style={{ marginTop: 8 }}>
                    <MobilePhotoGrid photos={c.evidencePhotos} />
                  </div>
                }
              >
                {t('greenChannel.admin.evidencePhotos')}
              </List.Item>
            ) : null}
          </List>
          {c.actions.close ? (
            <div style={{ padding: '0 12px' }}>
              <Button
                block
                color="primary"
                fill="outline"
                loading={busy}
                onClick={() => {
                  setBusy(true);
                  act.mutate(
                    { action: 'close', body: {} },
                    {
                      onSettled: () => setBusy(false),
                      onSuccess: () => Toast.show({ icon: 'success', content: t('greenChannel.m.closed') }),
                      onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
                    },
                  );
                }}
              >
                {t('greenChannel.m.close')}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
