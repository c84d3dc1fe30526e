import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../../i18n';
import { CasePhotos } from '../files/admin-photos';
import {
  ALERT_KINDS,
  ALERT_LEVELS,
  type GrnAlert,
  type GrnClaimDetail,
  type GrnClaimSummary,
  type GrnNotice,
  type GrnOutcome,
  type GrnState,
  STATES,
  useAlerts,
  useClaim,
  useClaimAction,
  useClaims,
  useGrnMetrics,
  useNotices,
  usePlatforms,
  useRecordAlert,
  useSendNotice,
  yuan,
} from './api';

const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');
const STATE_COLOR: Record<GrnState, string> = {
  submitted: 'blue',
  reviewed: 'geekblue',
  rejected: 'default',
  notice_sent: 'orange',
  answered: 'green',
  closed: 'green',
};
const LEVEL_COLOR = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' } as const;
const DISTRICTS = [
  { value: '511102', label: '市中区' },
  { value: '511111', label: '沙湾区' },
  { value: '511100', label: '乐山市（全市）' },
];

export function GrnStateTag({ state }: { state: GrnState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`greenChannel.state.${state}`)}</Tag>;
}

export function AlertBadges({ alerts }: { alerts: GrnAlert[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0)
    return <Typography.Text type="secondary">{t('greenChannel.noAlert')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {alerts.map((a) => (
        <Tag key={a.id} color={LEVEL_COLOR[a.level]}>
          {t('greenChannel.alertBadge', {
            region: a.regionName,
            kind: t(`greenChannel.kind.${a.kind}`),
            level: t(`greenChannel.level.${a.level}`),
          })}
        </Tag>
      ))}
    </Space>
  );
}

function ClaimTable({ state, onlyNoticed }: { state: GrnState | undefined; onlyNoticed?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const q = useClaims({ ...(state ? { state } : {}), page, pageSize: 20 });
  const items = (q.data?.items ?? []).filter((c) => !onlyNoticed || c.noticeId);
  return (
    <Table<GrnClaimSummary>
      rowKey="id"
      size="middle"
      loading={q.isLoading}
      dataSource={items}
      locale={{ emptyText: q.error ? errorText(q.error) : <Empty description={t('common.empty')} /> }}
      onRow={(r) => ({
        onClick: () => navigate(`/admin/green-channel/${r.id}`),
        style: { cursor: 'pointer' },
      })}
      pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('greenChannel.field.caseNo'), dataIndex: 'caseNo' },
        { title: t('greenChannel.field.state'), render: (_, r) => <GrnStateTag state={r.state} /> },
        { title: t('greenChannel.field.platform'), dataIndex: 'platformName' },
        { title: t('greenChannel.field.rider'), dataIndex: 'riderName' },
        { title: t('greenChannel.field.region'), dataIndex: 'regionName' },
        { title: t('greenChannel.field.orderAt'), render: (_, r) => fmt(r.orderAt) },
        { title: t('greenChannel.field.fine'), align: 'right', render: (_, r) => yuan(r.fineFen) },
        { title: t('greenChannel.field.alerts'), render: (_, r) => <AlertBadges alerts={r.alertsInForce} /> },
        {
          title: t('greenChannel.field.outcome'),
          render: (_, r) => (r.outcome ? t(`greenChannel.outcome.${r.outcome}`) : '—'),
        },
      ]}
    />
  );
}

/** 绿色通道 queue for the market-regulation officer (and readers in the area). */
export function GreenQueuePage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string>('submitted');
  const [district, setDistrict] = useState(false);
  return (
    <Card
      title={t('greenChannel.admin.queueTitle')}
      extra={<Button onClick={() => setDistrict(true)}>{t('greenChannel.admin.sendDistrict')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('greenChannel.admin.queueSub')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...STATES.map((s) => ({ key: s, label: t(`greenChannel.state.${s}`) })),
          { key: 'all', label: t('greenChannel.admin.all') },
        ]}
      />
      <ClaimTable state={tab === 'all' ? undefined : (tab as GrnState)} />
      <NoticeModal open={district} onClose={() => setDistrict(false)} claim={null} />
    </Card>
  );
}

/** Claims addressed to the liaison's platform. */
export function PlatformQueuePage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string>('notice_sent');
  return (
    <Card title={t('greenChannel.admin.platformTitle')}>
      <Typography.Paragraph type="secondary">{t('greenChannel.admin.platformSub')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'notice_sent', label: t('greenChannel.state.notice_sent') },
          { key: 'answered', label: t('greenChannel.state.answered') },
          { key: 'all', label: t('greenChannel.admin.all') },
        ]}
      />
      <ClaimTable state={tab === 'all' ? undefined : (tab as GrnState)} onlyNoticed />
    </Card>
  );
}

function defaultFacts(t: TFunction, c: GrnClaimDetail): string {
  const a = c.alertsInForce[0];
  return t('greenChannel.admin.defaultFacts', {
    rider: c.riderName,
    date: fmt(c.orderAt),
    orders: c.orderNos.join('、'),
    cause: t(`greenChannel.cause.${c.cause}`),
    delay: c.delayMinutes,
    fine: yuan(c.fineFen),
    alert: a
      ? t('greenChannel.admin.alertSentence', {
          region: a.regionName,
          kind: t(`greenChannel.kind.${a.kind}`),
          level: t(`greenChannel.level.${a.level}`),
        })
      : '',
  });
}

/** 发出暖心提示: about one claim, or district-wide (claim = null) to chosen platforms. */
function NoticeModal({
  open,
  onClose,
  claim,
}: {
  open: boolean;
  onClose: () => void;
  claim: GrnClaimDetail | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const platforms = usePlatforms();
  const send = useSendNotice();
  const [form] = Form.useForm<{ platformOrgIds: string[]; facts: string; due: Dayjs; regionCode?: string }>();
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={claim ? t('greenChannel.admin.sendNotice') : t('greenChannel.admin.sendDistrict')}
      okText={t('greenChannel.admin.sendNotice')}
      onCancel={onClose}
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          platformOrgIds: claim ? [claim.platformOrgId] : [],
          facts: claim ? defaultFacts(t, claim) : '',
          due: dayjs().add(3, 'day'),
          regionCode: '511102',
        }}
        onFinish={(v) =>
          send.mutate(
            {
              platformOrgIds: v.platformOrgIds,
              claimIds: claim ? [claim.id] : [],
              ...(claim ? {} : { regionCode: v.regionCode }),
              ...(claim?.alertsInForce[0] ? { alertId: claim.alertsInForce[0].id } : {}),
              facts: v.facts,
              requestedAnswerBy: v.due.format('YYYY-MM-DD'),
            },
            {
              onSuccess: () => {
                message.success(t('greenChannel.admin.done'));
                onClose();
              },
              onError: (err) => message.error(errorText(err)),
            },
          )
        }
      >
        <Form.Item
          name="platformOrgIds"
          label={t('greenChannel.field.platforms')}
          rules={[{ required: true }]}
        >
          <Select
            mode="multiple"
            disabled={Boolean(claim)}
            options={(platforms.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        {claim ? null : (
          <Form.Item name="regionCode" label={t('greenChannel.field.region')} rules={[{ required: true }]}>
            <Select options={DISTRICTS.slice(0, 2)} />
          </Form.Item>
        )}
        <Form.Item name="facts" label={t('greenChannel.field.facts')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="due" label={t('greenChannel.field.requestedAnswerBy')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ModalKind = 'review' | 'reject' | 'answer' | 'notice' | null;

/** One claim, with the officer's and the platform's actions. */
export function GreenClaimPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const q = useClaim(id);
  const act = useClaimAction(id ?? '');
  const [modal, setModal] = useState<ModalKind>(null);
  const [form] = Form.useForm<{
    note?: string;
    reason?: string;
    outcome?: GrnOutcome;
    reducedYuan?: number;
  }>();
  const outcome = Form.useWatch('outcome', form);
  const c = q.data;
  if (q.error) return <Card>{errorText(q.error)}</Card>;
  if (!c) return <Card loading />;
  const run = (action: 'review' | 'reject' | 'answer' | 'close', body: object) =>
    act.mutate(
      { action, body },
      {
        onSuccess: () => {
          message.success(t('greenChannel.admin.done'));
          setModal(null);
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  const buttons = (
    [
      ['review', c.actions.review],
      ['reject', c.actions.reject],
      ['notice', c.actions.sendNotice],
      ['answer', c.actions.answer],
    ] as const
  ).filter(([, ok]) => ok);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Button type="link" onClick={() => navigate(-1)} style={{ padding: 0 }}>
              {t('common.back')}
            </Button>
            <span>{c.caseNo}</span>
            <GrnStateTag state={c.state} />
          </Space>
        }
      >
        <div role="toolbar" aria-label={t('greenChannel.admin.queueTitle')} style={{ marginBottom: 16 }}>
          {buttons.length === 0 ? (
            <Typography.Text type="secondary">{t('greenChannel.admin.noActions')}</Typography.Text>
          ) : (
            <Space>
              {buttons.map(([k]) => (
                <Button
                  key={k}
                  type={k === 'reject' ? 'default' : 'primary'}
                  danger={k === 'reject'}
                  onClick={() => {
                    form.resetFields();
                    setModal(k);
                  }}
                >
                  {t(k === 'notice' ? 'greenChannel.admin.sendNotice' : `greenChannel.admin.${k}`)}
                </Button>
              ))}
              {c.actions.close ? (
                <Button onClick={() => run('close', {})}>{t('greenChannel.admin.close')}</Button>
              ) : null}
            </Space>
          )}
        </div>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('greenChannel.field.alerts')} span={2}>
            <AlertBadges alerts={c.alertsInForce} />
          </Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.platform')}>{c.platformName}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.rider')}>{c.riderName}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.orderNos')}>
            {c.orderNos.join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.orderAt')}>{fmt(c.orderAt)}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.region')}>{c.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.delay')}>{c.delayMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.fine')}>¥{yuan(c.fineFen)}</Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.cause')}>
            {t(`greenChannel.cause.${c.cause}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.reason')} span={2}>
            {c.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.field.evidence')} span={2}>
            {c.evidenceNote ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('greenChannel.admin.evidencePhotos')} span={2}>
            <CasePhotos photos={c.evidencePhotos} />
          </Descriptions.Item>
          {c.reviewedByName ? (
            <Descriptions.Item label={t('greenChannel.field.reviewedBy')} span={2}>
              {c.reviewedByName} · {fmt(c.reviewedAt)} {c.reviewNote ?? c.rejectReason ?? ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {c.notice ? (
        <Card title={`${t('greenChannel.field.notice')} ${c.notice.noticeNo}`} size="small">
          <Typography.Paragraph>{c.notice.facts}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('greenChannel.field.sentBy')}: {c.notice.sentByOrgName ?? ''} {c.notice.sentByName} ·{' '}
            {fmt(c.notice.sentAt)} · {t('greenChannel.field.requestedAnswerBy')}: {c.notice.requestedAnswerBy}
          </Typography.Text>
        </Card>
      ) : null}
      {c.answer ? (
        <Card title={t('greenChannel.m.outcomeTitle')} size="small">
          <Space direction="vertical">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t(`greenChannel.outcome.${c.answer.outcome}`)}
              {c.answer.waivedFen > 0 ? ` ¥${yuan(c.answer.waivedFen)}` : ''}
            </Typography.Title>
            {c.answer.reason ? <span>{c.answer.reason}</span> : null}
            <Typography.Text type="secondary">
              {t('greenChannel.admin.decidedByPlatform', {
                platform: c.answer.platformName,
                name: c.answer.decidedByName,
              })}{' '}
              · {fmt(c.answer.answeredAt)}
            </Typography.Text>
          </Space>
        </Card>
      ) : null}
      <Card title={t('greenChannel.field.timeline')} size="small">
        <Timeline
          items={c.timeline.map((e) => ({
            children: (
              <span>
                {fmt(e.at)} · {t(`greenChannel.side.${e.side}`)} {e.actorName ?? ''} ·{' '}
                {t(`greenChannel.action.${e.action}`)} → {t(`greenChannel.state.${e.toState}`)}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>

      <NoticeModal open={modal === 'notice'} onClose={() => setModal(null)} claim={c} />
      <Modal
        open={modal === 'review' || modal === 'reject' || modal === 'answer'}
        destroyOnHidden
        title={modal ? t(`greenChannel.admin.${modal === 'notice' ? 'sendNotice' : modal}`) : ''}
        okText={modal ? t(`greenChannel.admin.${modal === 'notice' ? 'sendNotice' : modal}`) : ''}
        confirmLoading={act.isPending}
        onCancel={() => setModal(null)}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            if (modal === 'review') run('review', v.note ? { note: v.note } : {});
            else if (modal === 'reject') run('reject', { reason: v.reason });
            else if (modal === 'answer')
              run('answer', {
                outcome: v.outcome,
                ...(v.outcome === 'reduced' ? { reducedFen: Math.round((v.reducedYuan ?? 0) * 100) } : {}),
                ...(v.reason ? { reason: v.reason } : {}),
              });
          }}
        >
          {modal === 'review' ? (
            <Form.Item name="note" label={t('greenChannel.field.reviewNote')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
          {modal === 'reject' ? (
            <Form.Item
              name="reason"
              label={t('greenChannel.field.rejectReason')}
              rules={[{ required: true, min: 2 }]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
          {modal === 'answer' ? (
            <>
              <Form.Item name="outcome" label={t('greenChannel.field.outcome')} rules={[{ required: true }]}>
                <Radio.Group
                  options={(['waived', 'reduced', 'refused'] as const).map((o) => ({
                    value: o,
                    label: t(`greenChannel.outcome.${o}`),
                  }))}
                />
              </Form.Item>
              {outcome === 'reduced' ? (
                <Form.Item
                  name="reducedYuan"
                  label={t('greenChannel.field.reducedBy')}
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    min={0.01}
                    max={c.fineFen / 100 - 0.01}
                    precision={2}
                    aria-label={t('greenChannel.field.reducedBy')}
                  />
                </Form.Item>
              ) : null}
              <Form.Item
                name="reason"
                label={t('greenChannel.field.answerReason')}
                rules={[{ required: outcome === 'refused', min: 2 }]}
              >
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );
}

/** 气象预警 register: record and list per region. */
export function AlertsPage({ canRecord }: { canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const list = useAlerts({});
  const record = useRecordAlert();
  const [form] = Form.useForm<{
    regionCode: string;
    level: string;
    kind: string;
    range: [Dayjs, Dayjs | null];
    source: string;
    note?: string;
  }>();
  return (
    <Card
      title={t('greenChannel.admin.alertsTitle')}
      extra={
        canRecord ? (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('greenChannel.admin.recordAlert')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('greenChannel.admin.alertsSub')}</Typography.Paragraph>
      <Table<GrnAlert>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('greenChannel.field.region'), dataIndex: 'regionName' },
          {
            title: t('greenChannel.field.level'),
            render: (_, a) => <Tag color={LEVEL_COLOR[a.level]}>{t(`greenChannel.level.${a.level}`)}</Tag>,
          },
          { title: t('greenChannel.field.kind'), render: (_, a) => t(`greenChannel.kind.${a.kind}`) },
          { title: t('greenChannel.field.startsAt'), render: (_, a) => fmt(a.startsAt) },
          {
            title: t('greenChannel.field.endsAt'),
            render: (_, a) => (a.endsAt ? fmt(a.endsAt) : t('greenChannel.admin.ongoing')),
          },
          { title: t('greenChannel.field.source'), dataIndex: 'source' },
          { title: t('greenChannel.field.recordedBy'), dataIndex: 'recordedByName' },
          { title: t('greenChannel.field.note'), render: (_, a) => a.note ?? '' },
        ]}
      />
      <Modal
        open={open}
        destroyOnHidden
        title={t('greenChannel.admin.recordAlert')}
        onCancel={() => setOpen(false)}
        confirmLoading={record.isPending}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ regionCode: '511102', level: 'orange', kind: 'rainstorm', source: '乐山市气象台' }}
          onFinish={(v) =>
            record.mutate(
              {
                regionCode: v.regionCode,
                level: v.level,
                kind: v.kind,
                startsAt: v.range[0].toISOString(),
                ...(v.range[1] ? { endsAt: v.range[1].toISOString() } : {}),
                source: v.source,
                ...(v.note ? { note: v.note } : {}),
              },
              {
                onSuccess: () => {
                  message.success(t('greenChannel.admin.done'));
                  setOpen(false);
                },
                onError: (err) => message.error(errorText(err)),
              },
            )
          }
        >
          <Form.Item name="regionCode" label={t('greenChannel.field.region')} rules={[{ required: true }]}>
            <Select options={DISTRICTS} />
          </Form.Item>
          <Space>
            <Form.Item name="level" label={t('greenChannel.field.level')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={ALERT_LEVELS.map((l) => ({ value: l, label: t(`greenChannel.level.${l}`) }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('greenChannel.field.kind')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={ALERT_KINDS.map((k) => ({ value: k, label: t(`greenChannel.kind.${k}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="range"
            label={`${t('greenChannel.field.startsAt')} – ${t('greenChannel.field.endsAt')}`}
            rules={[{ required: true }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[false, true]}
            />
          </Form.Item>
          <Form.Item
            name="source"
            label={t('greenChannel.field.source')}
            rules={[{ required: true, min: 2 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t('greenChannel.field.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** GRN-02: the register of 暖心提示 sent. */
export function NoticesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const q = useNotices(page);
  return (
    <Card title={t('greenChannel.admin.noticesTitle')}>
      <Typography.Paragraph type="secondary">{t('greenChannel.admin.noticesSub')}</Typography.Paragraph>
      <Table<GrnNotice>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        expandable={{
          expandedRowRender: (n) => (
            <Typography.Paragraph style={{ margin: 0 }}>{n.facts}</Typography.Paragraph>
          ),
        }}
        columns={[
          { title: 'No.', dataIndex: 'noticeNo' },
          { title: t('greenChannel.field.sentAt'), render: (_, n) => fmt(n.sentAt) },
          { title: t('greenChannel.field.platform'), dataIndex: 'platformName' },
          {
            title: t('greenChannel.field.kindOfNotice'),
            render: (_, n) =>
              n.kind === 'district' ? (
                <Tag color="purple">{t('greenChannel.admin.districtKind')}</Tag>
              ) : (
                <Tag>{t('greenChannel.admin.claimKind')}</Tag>
              ),
          },
          {
            title: t('greenChannel.field.alerts'),
            render: (_, n) => (n.alert ? <AlertBadges alerts={[n.alert]} /> : '—'),
          },
          {
            title: t('greenChannel.field.linkedClaims'),
            render: (_, n) =>
              n.claims.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={0}>
                  {n.claims.map((c) => (
                    <Typography.Link key={c.id} onClick={() => navigate(`/admin/green-channel/${c.id}`)}>
                      {c.caseNo}
                    </Typography.Link>
                  ))}
                </Space>
              ),
          },
          { title: t('greenChannel.field.requestedAnswerBy'), dataIndex: 'requestedAnswerBy' },
          {
            title: t('greenChannel.field.response'),
            render: (_, n) =>
              n.claims.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={0}>
                  {n.claims.map((c) => (
                    <span key={c.id}>
                      {c.outcome
                        ? `${t(`greenChannel.outcome.${c.outcome}`)}${c.waivedFen ? ` ¥${yuan(c.waivedFen)}` : ''}`
                        : '…'}
                    </span>
                  ))}
                  {n.overdue ? <Tag color="red">{t('greenChannel.admin.overdue')}</Tag> : null}
                </Space>
              ),
          },
          {
            title: t('greenChannel.field.sentBy'),
            render: (_, n) => `${n.sentByOrgName ?? ''} ${n.sentByName}`,
          },
        ]}
      />
    </Card>
  );
}

/** Per platform: notices, answers, median response time, outcomes. */
export function GreenMetricsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const q = useGrnMetrics(range?.[0]?.format('YYYY-MM-DD'), range?.[1]?.format('YYYY-MM-DD'));
  return (
    <Card
      title={t('greenChannel.admin.metricsTitle')}
      extra={<DatePicker.RangePicker allowEmpty={[true, true]} onChange={(v) => setRange(v)} />}
    >
      <Typography.Paragraph type="secondary">{t('greenChannel.admin.metricsSub')}</Typography.Paragraph>
      <Table
        rowKey="platformOrgId"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('greenChannel.field.platform'), dataIndex: 'platformName' },
          { title: t('greenChannel.admin.notices'), dataIndex: 'notices', align: 'right' },
          { title: t('greenChannel.admin.claimsNoticed'), dataIndex: 'claimsNoticed', align: 'right' },
          { title: t('greenChannel.admin.answered'), dataIndex: 'answered', align: 'right' },
          {
            title: t('greenChannel.admin.medianHours'),
            align: 'right',
            render: (_, r) => r.medianResponseHours ?? '—',
          },
          { title: t('greenChannel.outcome.waived'), dataIndex: 'waived', align: 'right' },
          { title: t('greenChannel.outcome.reduced'), dataIndex: 'reduced', align: 'right' },
          { title: t('greenChannel.outcome.refused'), dataIndex: 'refused', align: 'right' },
          {
            title: t('greenChannel.admin.finesWaived'),
            align: 'right',
            render: (_, r) => r.finesWaivedYuan.toFixed(2),
          },
        ]}
      />
    </Card>
  );
}
