import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ChildcareRegistrationDto,
  type ChildcareSessionDto,
  normalisePhone,
  PROXY_MATTERS,
  PROXY_STATUSES,
  type ProxyAction,
  type ProxyRequestDto,
  type ProxyStatus,
  type StationSummaryDto,
} from '@nuanxin/shared';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useStation, useStations } from '../station-console/api';
import {
  useAllSessions,
  useCancelSession,
  useFileForResident,
  useMarkAttendance,
  useMoveProxy,
  useProxyBoard,
  useRegistrations,
  useSaveSession,
} from './api';

/**
 * Console: the stations offering 政务代办 / 节假日托幼, and per station the proxy requests board
 * (by state, take it, move it along, history, file for a walk-in resident) and the childcare
 * sessions (create, edit, cancel; registrations and attendance). CAN-03, CAN-04.
 */

const STATUS_COLOR: Record<ProxyStatus, string> = {
  received: 'blue',
  in_progress: 'orange',
  done: 'green',
  returned: 'default',
  rejected: 'red',
};
const ACTION_ORDER: ProxyAction[] = ['take', 'complete', 'return', 'reject'];

const when = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

export function CanteenServiceStationsPage() {
  const { t } = useTranslation();
  const q = useStations({ page: 1, pageSize: 200 });
  const items = (q.data?.items ?? []).filter((s) =>
    s.services.some((c) => c === 'proxy_affairs' || c === 'holiday_childcare'),
  );
  return (
    <Card title={t('canteenServicesConsole.listTitle')}>
      <Typography.Paragraph type="secondary">{t('canteenServicesConsole.listHint')}</Typography.Paragraph>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={items.length === 0}
      >
        <Table<StationSummaryDto>
          rowKey="id"
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('canteenServicesConsole.colName'), dataIndex: 'name' },
            {
              title: t('canteenServicesConsole.colServices'),
              key: 'services',
              render: (_: unknown, s: StationSummaryDto) => (
                <Space size={4}>
                  {s.services.includes('proxy_affairs') ? (
                    <Tag>{t('canteenServicesConsole.tabProxy')}</Tag>
                  ) : null}
                  {s.services.includes('holiday_childcare') ? (
                    <Tag>{t('canteenServicesConsole.tabChildcare')}</Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: '', dataIndex: 'address', responsive: ['md'] },
            {
              title: t('canteenServicesConsole.col.actions'),
              key: 'open',
              render: (_: unknown, s: StationSummaryDto) => (
                <Link
                  to={`/admin/stations/${s.id}/canteen-services`}
                  aria-label={`${t('canteenServicesConsole.open')} ${s.name}`}
                >
                  {t('canteenServicesConsole.open')}
                </Link>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

export function StationCanteenServicesPage({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const station = useStation(stationId);
  const services = station.data?.services.map((s) => s.code) ?? [];
  const hasChildcare = services.includes('holiday_childcare');
  const [tab, setTab] = useState<string>('proxy');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Link to={`/admin/stations/${stationId}`} style={{ fontSize: 13 }}>
          <ArrowLeftOutlined /> {t('canteenServicesConsole.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
          {t('canteenServicesConsole.title', { name: station.data?.name ?? '' })}
        </Typography.Title>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'proxy',
              label: t('canteenServicesConsole.tabProxy'),
              children: <ProxyBoard stationId={stationId} />,
            },
            ...(hasChildcare || services.length === 0
              ? [
                  {
                    key: 'childcare',
                    label: t('canteenServicesConsole.tabChildcare'),
                    children: <ChildcareSessions stationId={stationId} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}

// ---- 政务代办 -------------------------------------------------------------------------------------

function ProxyBoard({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<ProxyStatus | 'all'>('all');
  const q = useProxyBoard(stationId, status === 'all' ? undefined : status);
  const move = useMoveProxy();
  const [rejecting, setRejecting] = useState<ProxyRequestDto | null>(null);
  const [filing, setFiling] = useState(false);
  const counts = q.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const act = (r: ProxyRequestDto, action: ProxyAction) => {
    if (action === 'reject') return setRejecting(r);
    move.mutate(
      { id: r.id, action },
      {
        onSuccess: () => void message.success(t('canteenServicesConsole.moved')),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Radio.Group
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          optionType="button"
          aria-label={t('canteenServicesConsole.col.status')}
          options={[
            { value: 'all', label: `${t('canteenServicesConsole.all')} ${total}` },
            ...PROXY_STATUSES.map((s) => ({
              value: s,
              label: `${t(`canteenServices.status.${s}`)} ${counts?.[s] ?? 0}`,
            })),
          ]}
        />
        <Button icon={<PlusOutlined />} onClick={() => setFiling(true)}>
          {t('canteenServicesConsole.fileForResident')}
        </Button>
      </Space>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={(q.data?.items.length ?? 0) === 0}
      >
        <Table<ProxyRequestDto>
          rowKey="id"
          size="middle"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={q.data?.items ?? []}
          expandable={{
            expandedRowRender: (r) => (
              <div data-testid="proxy-history">
                <Typography.Text strong>{t('canteenServicesConsole.history')}</Typography.Text>
                <Timeline
                  style={{ marginTop: 12 }}
                  items={r.history.map((h) => ({
                    color: STATUS_COLOR[h.toStatus] === 'default' ? 'gray' : STATUS_COLOR[h.toStatus],
                    children: `${when(h.at)} · ${t(`canteenServices.status.${h.toStatus}`)}${h.actorName ? ` · ${h.actorName}` : ''}${h.note ? ` · ${h.note}` : ''}`,
                  }))}
                />
              </div>
            ),
          }}
          columns={[
            {
              title: t('canteenServicesConsole.col.createdAt'),
              key: 'at',
              render: (_, r) => when(r.createdAt),
              width: 110,
            },
            {
              title: t('canteenServicesConsole.col.requester'),
              key: 'requester',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {r.requester.name ?? '—'} <Tag>{t(`canteenServicesConsole.${r.requester.kind}`)}</Tag>
                  </span>
                  {r.requester.phoneMasked ? (
                    <Typography.Text type="secondary">{r.requester.phoneMasked}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('canteenServicesConsole.col.matter'),
              key: 'matter',
              render: (_, r) => t(`canteenServices.matter.${r.matter}`),
            },
            { title: t('canteenServicesConsole.col.description'), dataIndex: 'description', ellipsis: true },
            {
              title: t('canteenServicesConsole.col.documents'),
              key: 'documents',
              responsive: ['lg'],
              render: (_, r) => r.documents.join('、') || '—',
            },
            {
              title: t('canteenServicesConsole.col.status'),
              key: 'status',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={STATUS_COLOR[r.status]}>{t(`canteenServices.status.${r.status}`)}</Tag>
                  {r.rejectReason ? <Typography.Text type="danger">{r.rejectReason}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: t('canteenServicesConsole.col.handler'),
              key: 'handler',
              render: (_, r) => r.handlerName ?? '—',
            },
            {
              title: t('canteenServicesConsole.col.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space wrap size={4}>
                  {ACTION_ORDER.filter((a) => r.actions.includes(a)).map((a) => (
                    <Button
                      key={a}
                      size="small"
                      type={a === 'reject' ? 'default' : 'primary'}
                      danger={a === 'reject'}
                      loading={move.isPending && move.variables?.id === r.id && move.variables.action === a}
                      onClick={() => act(r, a)}
                    >
                      {t(`canteenServicesConsole.action.${a}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <RejectModal
        request={rejecting}
        onClose={() => setRejecting(null)}
        onReject={(reason) =>
          rejecting &&
          move.mutate(
            { id: rejecting.id, action: 'reject', reason },
            {
              onSuccess: () => {
                message.success(t('canteenServicesConsole.moved'));
                setRejecting(null);
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
        loading={move.isPending}
      />
      {filing ? <ResidentModal stationId={stationId} onClose={() => setFiling(false)} /> : null}
    </Space>
  );
}

function RejectModal({
  request,
  onClose,
  onReject,
  loading,
}: {
  request: ProxyRequestDto | null;
  onClose: () => void;
  onReject: (reason: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={request !== null}
      title={t('canteenServicesConsole.rejectTitle')}
      onCancel={onClose}
      okButtonProps={{ danger: true, loading }}
      okText={t('canteenServicesConsole.action.reject')}
      onOk={() => void form.validateFields().then((v) => onReject(v.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('canteenServicesConsole.rejectReason')}
          rules={[
            {
              required: true,
              min: 2,
              whitespace: true,
              message: t('canteenServicesConsole.rejectReasonRequired'),
            },
          ]}
        >
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResidentModal({ stationId, onClose }: { stationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useFileForResident();
  const [key] = useState(newIdempotencyKey);
  const [form] = Form.useForm<{
    name: string;
    phone: string;
    matter: string;
    description: string;
    documents?: string;
  }>();
  const submit = async () => {
    const v = await form.validateFields();
    file.mutate(
      {
        stationId,
        key,
        body: {
          matter: v.matter as (typeof PROXY_MATTERS)[number],
          description: v.description.trim(),
          documents: (v.documents ?? '')
            .split('\n')
            .map((d) => d.trim())
            .filter(Boolean),
          resident: { name: v.name.trim(), phone: normalisePhone(v.phone) ?? v.phone },
        },
      },
      {
        onSuccess: () => {
          message.success(t('canteenServicesConsole.filed'));
          onClose();
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('canteenServicesConsole.fileForResident')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: file.isPending }}
    >
      <Typography.Paragraph type="secondary">{t('canteenServicesConsole.noIdNumbers')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ matter: 'social_security_card' }}>
        <Form.Item
          name="name"
          label={t('canteenServicesConsole.residentName')}
          rules={[{ required: true, whitespace: true, message: t('canteenServicesConsole.required') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('canteenServicesConsole.residentPhone')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                v && normalisePhone(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('canteenServicesConsole.invalidPhone'))),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="matter" label={t('canteenServicesConsole.matter')}>
          <Select
            options={PROXY_MATTERS.map((m) => ({ value: m, label: t(`canteenServices.matter.${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('canteenServicesConsole.description')}
          rules={[
            { required: true, min: 2, whitespace: true, message: t('canteenServicesConsole.required') },
          ]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="documents" label={t('canteenServicesConsole.documents')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- 节假日托幼 ------------------------------------------------------------------------------------

interface SessionForm {
  date: Dayjs;
  starts: Dayjs;
  ends: Dayjs;
  capacity: number;
  ageMin: number;
  ageMax: number;
  note?: string;
}

function ChildcareSessions({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useAllSessions(stationId);
  const cancel = useCancelSession();
  const [editing, setEditing] = useState<ChildcareSessionDto | 'new' | null>(null);
  const [listing, setListing] = useState<ChildcareSessionDto | null>(null);
  const manage = q.data?.actions.manage ?? false;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          {manage ? t('canteenServicesConsole.holidayHint') : t('canteenServicesConsole.onlyManagers')}
        </Typography.Text>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('canteenServicesConsole.newSession')}
          </Button>
        ) : null}
      </Space>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={(q.data?.items.length ?? 0) === 0}
        emptyText={t('canteenServicesConsole.noSessions')}
      >
        <Table<ChildcareSessionDto>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={q.data?.items ?? []}
          columns={[
            {
              title: t('canteenServicesConsole.session.date'),
              key: 'date',
              render: (_, s) => (
                <Space size={4}>
                  <span>{s.date}</span>
                  {s.dayKind === 'holiday' || s.dayKind === 'weekend' ? (
                    <Tag color={s.dayKind === 'holiday' ? 'red' : 'blue'}>
                      {t(`canteenServices.dayKind.${s.dayKind}`)}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('canteenServicesConsole.session.time'),
              key: 'time',
              render: (_, s) => `${s.starts}–${s.ends}`,
            },
            {
              title: t('canteenServicesConsole.session.registered'),
              key: 'reg',
              render: (_, s) => `${s.registered} / ${s.capacity}`,
            },
            {
              title: t('canteenServicesConsole.session.ages'),
              key: 'ages',
              render: (_, s) =>
                t('canteenServicesConsole.session.agesValue', { min: s.ageMin, max: s.ageMax }),
            },
            {
              title: t('canteenServicesConsole.session.note'),
              dataIndex: 'note',
              ellipsis: true,
              responsive: ['lg'],
            },
            {
              title: t('canteenServicesConsole.session.status'),
              key: 'status',
              render: (_, s) =>
                s.status === 'cancelled' ? (
                  <Tag>{t('canteenServicesConsole.session.cancelled')}</Tag>
                ) : s.started ? (
                  <Tag color="orange">{t('canteenServicesConsole.session.started')}</Tag>
                ) : (
                  <Tag color="green">{t('canteenServicesConsole.session.open')}</Tag>
                ),
            },
            {
              title: t('canteenServicesConsole.col.actions'),
              key: 'actions',
              render: (_, s) => (
                <Space wrap size={4}>
                  <Button size="small" type="primary" onClick={() => setListing(s)}>
                    {t('canteenServicesConsole.registrations')}
                  </Button>
                  {manage && s.status === 'open' ? (
                    <>
                      <Button size="small" onClick={() => setEditing(s)}>
                        {t('canteenServicesConsole.editSession')}
                      </Button>
                      <Popconfirm
                        title={t('canteenServicesConsole.cancelSessionConfirm')}
                        onConfirm={() =>
                          cancel.mutate(s.id, {
                            onSuccess: () =>
                              void message.success(t('canteenServicesConsole.sessionCancelled')),
                            onError: (e) => void message.error(errorText(e)),
                          })
                        }
                      >
                        <Button size="small" danger>
                          {t('canteenServicesConsole.cancelSession')}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      {editing ? (
        <SessionModal
          stationId={stationId}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <RegistrationsDrawer session={listing} onClose={() => setListing(null)} />
    </Space>
  );
}

function SessionModal({
  stationId,
  session,
  onClose,
}: {
  stationId: string;
  session: ChildcareSessionDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveSession(stationId);
  const [form] = Form.useForm<SessionForm>();
  const initial: Partial<SessionForm> = session
    ? {
        date: dayjs(session.date),
        starts: dayjs(`2000-01-01T${session.starts}`),
        ends: dayjs(`2000-01-01T${session.ends}`),
        capacity: session.capacity,
        ageMin: session.ageMin,
        ageMax: session.ageMax,
        note: session.note ?? '',
      }
    : {
        starts: dayjs('2000-01-01T08:30'),
        ends: dayjs('2000-01-01T17:30'),
        capacity: 20,
        ageMin: 3,
        ageMax: 12,
      };
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      {
        ...(session ? { id: session.id, version: session.version } : {}),
        body: {
          date: v.date.format('YYYY-MM-DD'),
          starts: v.starts.format('HH:mm'),
          ends: v.ends.format('HH:mm'),
          capacity: v.capacity,
          ageMin: v.ageMin,
          ageMax: v.ageMax,
          note: v.note?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          message.success(t('canteenServicesConsole.saved'));
          onClose();
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  const req = [{ required: true, message: t('canteenServicesConsole.required') }];
  return (
    <Modal
      open
      title={session ? t('canteenServicesConsole.editSession') : t('canteenServicesConsole.newSession')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: save.isPending }}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="date" label={t('canteenServicesConsole.session.date')} rules={req}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Form.Item name="starts" label={t('canteenServicesConsole.session.starts')} rules={req}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="ends" label={t('canteenServicesConsole.session.ends')} rules={req}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="capacity" label={t('canteenServicesConsole.session.capacity')} rules={req}>
            <InputNumber min={1} max={500} />
          </Form.Item>
          <Form.Item name="ageMin" label={t('canteenServicesConsole.session.ageMin')} rules={req}>
            <InputNumber min={0} max={17} />
          </Form.Item>
          <Form.Item name="ageMax" label={t('canteenServicesConsole.session.ageMax')} rules={req}>
            <InputNumber min={0} max={17} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('canteenServicesConsole.session.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegistrationsDrawer({
  session,
  onClose,
}: {
  session: ChildcareSessionDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useRegistrations(session?.id ?? null);
  const mark = useMarkAttendance();
  return (
    <Drawer
      open={session !== null}
      onClose={onClose}
      size={820}
      title={
        session
          ? `${t('canteenServicesConsole.registrations')} · ${session.date} ${session.starts}–${session.ends}`
          : ''
      }
    >
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={(q.data?.items.length ?? 0) === 0}
        emptyText={t('canteenServicesConsole.noRegistrations')}
      >
        <Table<ChildcareRegistrationDto>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="registrations"
          columns={[
            { title: t('canteenServicesConsole.reg.child'), dataIndex: 'childName' },
            { title: t('canteenServicesConsole.reg.age'), dataIndex: 'childAge', width: 60 },
            { title: t('canteenServicesConsole.reg.phone'), dataIndex: 'contactPhoneMasked' },
            {
              title: t('canteenServicesConsole.reg.allergies'),
              key: 'allergies',
              render: (_, r) => r.allergies ?? '—',
            },
            {
              title: t('canteenServicesConsole.reg.parent'),
              key: 'parent',
              render: (_, r) => r.parentName ?? '—',
            },
            {
              title: t('canteenServicesConsole.reg.status'),
              key: 'status',
              render: (_, r) => (
                <Tag
                  color={r.status === 'attended' ? 'green' : r.status === 'registered' ? 'blue' : 'default'}
                >
                  {t(`canteenServices.regStatus.${r.status}`)}
                </Tag>
              ),
            },
            {
              title: t('canteenServicesConsole.reg.attended'),
              key: 'attended',
              render: (_, r) => (
                <Switch
                  size="small"
                  aria-label={`${t('canteenServicesConsole.reg.attended')} ${r.childName}`}
                  checked={r.status === 'attended'}
                  disabled={!r.actions.attend}
                  loading={mark.isPending && mark.variables?.id === r.id}
                  onChange={(attended) =>
                    mark.mutate({ id: r.id, attended }, { onError: (e) => void message.error(errorText(e)) })
                  }
                />
              ),
            },
          ]}
        />
      </QueryState>
    </Drawer>
  );
}
