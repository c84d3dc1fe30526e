import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type HubBoardDto,
  type HubBookingDto,
  type HubPlaceState,
  type HubRoomStatus,
  type HubSetupDto,
  yuan,
} from '@nuanxin/shared';
import type { FormInstance } from 'antd';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import {
  type BookingAction,
  useBookingAction,
  useConfirmPayment,
  useHubBoard,
  useHubSetup,
  useHubStations,
  useSetupChange,
} from './api';

/**
 * Console pages of the 暖心之家 hub (HUB-01, HUB-03): the list of hubs, the bookings board
 * (tonight's beds and bays at a glance, arrivals and departures, check in / out, no-show,
 * payment at the counter) and the setup (rooms, beds, bays, cameras, tariff).
 */

export const STATE_COLOURS: Record<HubPlaceState, { bg: string; border: string; text: string }> = {
  free: { bg: '#f6ffed', border: '#95de64', text: '#237804' },
  booked: { bg: '#e6f4ff', border: '#69b1ff', text: '#0958d9' },
  occupied: { bg: '#fff2e8', border: '#ff9c6e', text: '#ad2102' },
  out_of_service: { bg: '#f5f5f5', border: '#d9d9d9', text: '#8c8c8c' },
};

/** /admin/hub: the hubs the actor reads or keeps; one hub opens directly. */
export function HubStationsPage() {
  const { t } = useTranslation();
  const q = useHubStations();
  const items = q.data?.items ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('hubConsole.stationsTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('hubConsole.stationsIntro')}</Typography.Text>
      </div>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        isEmpty={items.length === 0}
        emptyText={t('hubConsole.noHubs')}
        onRetry={() => void q.refetch()}
      >
        <List
          bordered
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Link key="open" to={`/admin/stations/${s.id}/hub`}>
                  <Button type="primary">{t('hubConsole.open')}</Button>
                </Link>,
              ]}
            >
              <List.Item.Meta title={s.name} description={`${s.code} · ${s.regionName}`} />
            </List.Item>
          )}
        />
      </QueryState>
    </Space>
  );
}

/** /admin/stations/:id/hub: the board and the setup in two tabs. */
export function HubStationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'setup' ? 'setup' : 'board';
  const navigate = useNavigate();
  const board = useHubBoard(id, null);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate(`/admin/stations/${id}`)}
          aria-label="back"
        />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {board.data ? t('hubConsole.pageTitle', { name: board.data.stationName }) : t('hubConsole.menu')}
        </Typography.Title>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'setup' ? { tab: 'setup' } : {}, { replace: true })}
        items={[
          { key: 'board', label: t('hubConsole.tabs.board'), children: <BookingsBoard stationId={id} /> },
          { key: 'setup', label: t('hubConsole.tabs.setup'), children: <HubSetup stationId={id} /> },
        ]}
      />
    </Space>
  );
}

// ---- board ------------------------------------------------------------------------------------

function PlaceTile({
  code,
  state,
  sub,
  onClick,
  testId,
}: {
  code: string;
  state: HubPlaceState;
  sub: string | null;
  onClick?: (() => void) | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const c = STATE_COLOURS[state];
  const body = (
    <div
      data-testid={testId}
      data-state={state}
      style={{
        background: c.bg,
        border: `2px solid ${c.border}`,
        color: c.text,
        borderRadius: 8,
        padding: '6px 8px',
        minWidth: 76,
        minHeight: 56,
        cursor: onClick ? 'pointer' : 'default',
        textAlign: 'left',
        font: 'inherit',
      }}
    >
      <div style={{ fontWeight: 700, fontSize: 16 }}>{code}</div>
      <div style={{ fontSize: 12 }}>{sub ?? t(`hubConsole.state.${state}`)}</div>
    </div>
  );
  return onClick ? (
    <button
      type="button"
      onClick={onClick}
      style={{ all: 'unset' }}
      aria-label={`${code} ${t(`hubConsole.state.${state}`)}`}
    >
      {body}
    </button>
  ) : (
    body
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {(Object.keys(STATE_COLOURS) as HubPlaceState[]).map((s) => (
        <Tag
          key={s}
          style={{
            background: STATE_COLOURS[s].bg,
            borderColor: STATE_COLOURS[s].border,
            color: STATE_COLOURS[s].text,
          }}
        >
          {t(`hubConsole.state.${s}`)}
        </Tag>
      ))}
    </Space>
  );
}

function BookingActions({ b }: { b: HubBookingDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useBookingAction();
  const confirm = useConfirmPayment();
  const run = (action: BookingAction) =>
    act.mutate(
      { id: b.id, action },
      {
        onSuccess: () => message.success(t('hubConsole.act.done')),
        onError: (e) => message.error(errorText(e)),
      },
    );
  const pay = (method: 'counter_cash' | 'counter_qr') =>
    b.payment &&
    confirm.mutate(
      { id: b.payment.id, method },
      {
        onSuccess: () => message.success(t('hubConsole.act.paid')),
        onError: (e) => message.error(errorText(e)),
      },
    );
  const payTitle = t('hubConsole.act.confirmTitle', { amount: yuan(b.amountFen) });
  return (
    <Space wrap size={4}>
      {b.payment?.status === 'pending' ? (
        <>
          <Popconfirm title={payTitle} onConfirm={() => pay('counter_cash')}>
            <Button size="small" type="primary" ghost loading={confirm.isPending} data-testid="pay-cash">
              {t('hubConsole.act.confirmCash')}
            </Button>
          </Popconfirm>
          <Popconfirm title={payTitle} onConfirm={() => pay('counter_qr')}>
            <Button size="small" type="primary" ghost loading={confirm.isPending}>
              {t('hubConsole.act.confirmQr')}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {b.actions.checkIn ? (
        <Button
          size="small"
          type="primary"
          loading={act.isPending}
          onClick={() => run('check-in')}
          data-testid="check-in"
        >
          {t('hubConsole.act.checkIn')}
        </Button>
      ) : null}
      {b.actions.checkOut ? (
        <Button size="small" loading={act.isPending} onClick={() => run('check-out')} data-testid="check-out">
          {t('hubConsole.act.checkOut')}
        </Button>
      ) : null}
      {b.actions.noShow ? (
        <Popconfirm title={t('hubConsole.act.noShowConfirm')} onConfirm={() => run('no-show')}>
          <Button size="small" danger>
            {t('hubConsole.act.noShow')}
          </Button>
        </Popconfirm>
      ) : null}
      {b.actions.cancel ? (
        <Popconfirm title={t('hubConsole.act.cancelConfirm')} onConfirm={() => run('cancel')}>
          <Button size="small" type="text" danger>
            {t('hubConsole.act.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

function PaymentTag({ b }: { b: HubBookingDto }) {
  const { t } = useTranslation();
  if (!b.payment) return <span>{t('hubConsole.pay.none')}</span>;
  const colour =
    b.payment.status === 'paid' ? 'green' : b.payment.status === 'pending' ? 'orange' : 'default';
  return <Tag color={colour}>{t(`hubConsole.pay.${b.payment.status}`)}</Tag>;
}

function BookingsTable({ title, rows, testId }: { title: string; rows: HubBookingDto[]; testId: string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<HubBookingDto> = [
    { title: t('hubConsole.col.place'), key: 'place', render: (_, b) => `${b.roomCode}-${b.bedCode}` },
    { title: t('hubConsole.col.bay'), dataIndex: 'bayCode', render: (v: string | null) => v ?? '—' },
    { title: t('hubConsole.col.guest'), dataIndex: 'guestName' },
    { title: t('hubConsole.col.phone'), dataIndex: 'guestPhone', render: (v: string | null) => v ?? '—' },
    { title: t('hubConsole.col.plate'), dataIndex: 'plate', render: (v: string | null) => v ?? '—' },
    {
      title: t('hubConsole.col.stay'),
      key: 'stay',
      render: (_, b) => `${b.from.slice(5)} → ${b.to.slice(5)}`,
    },
    {
      title: t('hubConsole.col.amount'),
      dataIndex: 'amountFen',
      render: (v: number) => t('hubConsole.yuan', { amount: yuan(v) }),
    },
    { title: t('hubConsole.col.payment'), key: 'payment', render: (_, b) => <PaymentTag b={b} /> },
    {
      title: t('hubConsole.col.status'),
      dataIndex: 'status',
      render: (s: HubBookingDto['status']) => t(`hubConsole.status.${s}`),
    },
    { title: t('hubConsole.col.actions'), key: 'actions', render: (_, b) => <BookingActions b={b} /> },
  ];
  return (
    <Card title={`${title}（${rows.length}）`} size="small" data-testid={testId}>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hubConsole.none')} />,
        }}
      />
    </Card>
  );
}

function BookingsBoard({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(null);
  const q = useHubBoard(stationId, date);
  const [open, setOpen] = useState<string | null>(null);
  const board: HubBoardDto | undefined = q.data;
  const all = board ? [...board.arrivals, ...board.departures, ...board.inHouse] : [];
  const opened = all.find((b) => b.id === open) ?? null;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {board ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap align="center">
            <span>{t('hubConsole.date')}</span>
            <DatePicker
              allowClear={false}
              value={dayjs(board.date)}
              onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)}
              aria-label={t('hubConsole.date')}
            />
            <Button onClick={() => setDate(null)}>{t('hubConsole.today')}</Button>
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
              {t('hubConsole.refresh')}
            </Button>
            <Legend />
          </Space>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('hubConsole.counts.beds')}
                  value={board.counts.bedsFree}
                  suffix={`/ ${board.counts.beds}`}
                  valueStyle={{ color: board.counts.bedsFree === 0 ? '#cf1322' : '#237804' }}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('hubConsole.counts.bays')}
                  value={board.counts.baysFree}
                  suffix={`/ ${board.counts.bays}`}
                  valueStyle={{ color: board.counts.baysFree === 0 ? '#cf1322' : '#237804' }}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('hubConsole.rooms')} size="small">
            {board.rooms.length === 0 ? (
              <Empty description={t('hubConsole.none')} />
            ) : (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }} data-testid="hub-rooms">
                {board.rooms.map((r) => (
                  <div key={r.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}>
                    <div style={{ fontWeight: 600, marginBottom: 6 }}>
                      {t('hubConsole.roomTitle', { code: r.code })}
                    </div>
                    <Space size={6}>
                      {r.beds.map((b) => (
                        <PlaceTile
                          key={b.id}
                          testId={`bed-${r.code}-${b.code}`}
                          code={b.code}
                          state={b.state}
                          sub={b.guestName}
                          onClick={b.bookingId ? () => setOpen(b.bookingId) : undefined}
                        />
                      ))}
                    </Space>
                  </div>
                ))}
              </div>
            )}
          </Card>
          <Card title={t('hubConsole.bays')} size="small">
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="hub-bays">
              {board.bays.map((b) => (
                <Tooltip key={b.id} title={b.cameraName ?? undefined}>
                  <span>
                    <PlaceTile
                      testId={`bay-${b.code}`}
                      code={b.code}
                      state={b.state}
                      sub={b.plate}
                      onClick={b.bookingId ? () => setOpen(b.bookingId) : undefined}
                    />
                  </span>
                </Tooltip>
              ))}
            </div>
          </Card>
          <BookingsTable title={t('hubConsole.arrivals')} rows={board.arrivals} testId="hub-arrivals" />
          <BookingsTable title={t('hubConsole.departures')} rows={board.departures} testId="hub-departures" />
          <BookingsTable title={t('hubConsole.inHouse')} rows={board.inHouse} testId="hub-inhouse" />
          <Modal
            open={!!opened}
            onCancel={() => setOpen(null)}
            footer={null}
            title={opened ? `${opened.roomCode}-${opened.bedCode} · ${opened.guestName}` : ''}
          >
            {opened ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <div>
                  {t('hubConsole.col.stay')}: {opened.from} → {opened.to}
                </div>
                <div>
                  {t('hubConsole.col.bay')}: {opened.bayCode ?? '—'} · {t('hubConsole.col.plate')}:{' '}
                  {opened.plate ?? '—'}
                </div>
                <div>
                  {t('hubConsole.col.phone')}: {opened.guestPhone ?? '—'}
                </div>
                <div>
                  {t('hubConsole.col.amount')}: {t('hubConsole.yuan', { amount: yuan(opened.amountFen) })}{' '}
                  <PaymentTag b={opened} />
                </div>
                <div>
                  {t('hubConsole.col.status')}: {t(`hubConsole.status.${opened.status}`)}
                </div>
                <BookingActions b={opened} />
              </Space>
            ) : null}
          </Modal>
        </Space>
      ) : null}
    </QueryState>
  );
}

// ---- setup ------------------------------------------------------------------------------------

const yuanToFen = (v: number | null | undefined) => Math.round((v ?? 0) * 100);

/** The form rule "〈field〉 is required" of the setup forms. */
const requiredRule = (t: TFunction, fieldKey: string) => [
  { required: true, message: t('hubConsole.setup.required', { field: t(fieldKey) }) },
];

/** Mutation callbacks that also clear an add form once the server took it. */
const clearOnSuccess = (
  form: FormInstance,
  done: { onSuccess: () => void; onError: (e: unknown) => void },
) => ({
  ...done,
  onSuccess: () => {
    form.resetFields();
    done.onSuccess();
  },
});

/** 在用 / 停用 for a room or a bay in the setup tables. */
function ServiceStatusSelect(props: {
  value: HubRoomStatus;
  disabled: boolean;
  onChange: (status: HubRoomStatus) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      size="small"
      disabled={props.disabled}
      value={props.value}
      style={{ width: 110 }}
      onChange={props.onChange}
      aria-label={t('hubConsole.setup.status')}
      options={[
        { value: 'in_service', label: t('hubConsole.setup.inService') },
        { value: 'out_of_service', label: t('hubConsole.setup.outOfService') },
      ]}
    />
  );
}
const httpRule = (msg: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || /^https?:\/\/\S+$/i.test(v) ? Promise.resolve() : Promise.reject(new Error(msg)),
});

function HubSetup({ stationId }: { stationId: string }) {
  const q = useHubSetup(stationId);
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {q.data ? <SetupBody s={q.data} /> : null}
    </QueryState>
  );
}

function SetupBody({ s }: { s: HubSetupDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useSetupChange();
  const manage = s.actions.manage;
  const [roomForm] = Form.useForm<{ code: string; floor: number; beds: number }>();
  const [camForm] = Form.useForm<{
    id?: string;
    version?: number;
    code: string;
    name: string;
    area?: string;
    snapshotUrl?: string;
    streamUrl?: string;
  }>();
  const [bayForm] = Form.useForm<{ code: string; lengthM?: number; cameraId?: string }>();
  const [camOpen, setCamOpen] = useState(false);
  const done = {
    onSuccess: () => message.success(t('hubConsole.setup.saved')),
    onError: (e: unknown) => message.error(errorText(e)),
  };
  const tvLink = (roomId: string, key: string) =>
    `${window.location.origin}/tv/rooms/${roomId}?k=${encodeURIComponent(key)}`;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!manage ? <Typography.Text type="secondary">{t('hubConsole.setup.readOnly')}</Typography.Text> : null}
      <Card title={t('hubConsole.setup.tariff')} size="small">
        <Form
          layout="inline"
          key={s.tariff.version}
          disabled={!manage}
          initialValues={{
            own: s.tariff.ownBeddingFen / 100,
            without: s.tariff.withoutBeddingFen / 100,
            bay: s.tariff.bayFen / 100,
          }}
          onFinish={(v: { own: number; without: number; bay: number }) =>
            change.mutate(
              {
                kind: 'tariff',
                stationId: s.stationId,
                body: {
                  version: s.tariff.version,
                  ownBeddingFen: yuanToFen(v.own),
                  withoutBeddingFen: yuanToFen(v.without),
                  bayFen: yuanToFen(v.bay),
                },
              },
              done,
            )
          }
        >
          <Form.Item label={t('hubConsole.setup.ownBedding')} name="own">
            <InputNumber min={0} step={1} addonAfter="元" />
          </Form.Item>
          <Form.Item label={t('hubConsole.setup.withoutBedding')} name="without">
            <InputNumber min={0} step={1} addonAfter="元" />
          </Form.Item>
          <Form.Item label={t('hubConsole.setup.bay')} name="bay">
            <InputNumber min={0} step={1} addonAfter="元" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              {t('hubConsole.setup.save')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('hubConsole.setup.tariffHint')}
        </Typography.Text>
      </Card>

      <Card title={`${t('hubConsole.setup.rooms')}（${s.rooms.length}）`} size="small">
        {manage ? (
          <Form
            form={roomForm}
            layout="inline"
            initialValues={{ floor: 1, beds: 2 }}
            style={{ marginBottom: 12 }}
            onFinish={(v) =>
              change.mutate(
                {
                  kind: 'room',
                  stationId: s.stationId,
                  body: {
                    code: v.code,
                    floor: v.floor,
                    beds: Array.from({ length: v.beds }, (_, i) => String.fromCharCode(65 + i)),
                  },
                },
                clearOnSuccess(roomForm, done),
              )
            }
          >
            <Form.Item
              name="code"
              label={t('hubConsole.setup.roomCode')}
              rules={requiredRule(t, 'hubConsole.setup.roomCode')}
            >
              <Input style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="floor" label={t('hubConsole.setup.floor')}>
              <InputNumber min={-3} max={50} style={{ width: 70 }} />
            </Form.Item>
            <Form.Item name="beds" label={t('hubConsole.setup.bedCount')}>
              <InputNumber min={1} max={12} style={{ width: 70 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={change.isPending}>
                {t('hubConsole.setup.addRoom')}
              </Button>
            </Form.Item>
          </Form>
        ) : null}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.rooms}
          columns={[
            { title: t('hubConsole.setup.roomCode'), dataIndex: 'code' },
            { title: t('hubConsole.setup.floor'), dataIndex: 'floor' },
            {
              title: t('hubConsole.setup.beds'),
              key: 'beds',
              render: (_, r) =>
                r.beds.map((b) => (
                  <Tag key={b.id} color={b.status === 'in_service' ? 'green' : 'default'}>
                    {b.code}
                  </Tag>
                )),
            },
            {
              title: t('hubConsole.setup.status'),
              key: 'status',
              render: (_, r) => (
                <ServiceStatusSelect
                  disabled={!manage}
                  value={r.status}
                  onChange={(status) =>
                    change.mutate(
                      { kind: 'roomPatch', roomId: r.id, body: { version: r.version, status } },
                      done,
                    )
                  }
                />
              ),
            },
            ...(manage
              ? [
                  {
                    title: t('hubConsole.setup.tvLink'),
                    key: 'tv',
                    render: (_: unknown, r: HubSetupDto['rooms'][number]) =>
                      r.tvKey ? (
                        <Space size={4}>
                          <Typography.Link
                            href={tvLink(r.id, r.tvKey)}
                            target="_blank"
                            rel="noopener noreferrer"
                          >
                            /tv/rooms/…
                          </Typography.Link>
                          <Typography.Text
                            copyable={{
                              text: tvLink(r.id, r.tvKey),
                              tooltips: [t('hubConsole.setup.copyTv'), t('common.copied')],
                            }}
                          />
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card
        title={`${t('hubConsole.setup.cameras')}（${s.cameras.length}）`}
        size="small"
        extra={
          manage ? (
            <Button
              onClick={() => {
                camForm.resetFields();
                setCamOpen(true);
              }}
            >
              {t('hubConsole.setup.addCamera')}
            </Button>
          ) : null
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.cameras}
          columns={[
            { title: t('hubConsole.setup.code'), dataIndex: 'code' },
            { title: t('hubConsole.setup.name'), dataIndex: 'name' },
            { title: t('hubConsole.setup.area'), dataIndex: 'area', render: (v: string | null) => v ?? '—' },
            {
              title: t('hubConsole.setup.snapshotUrl'),
              dataIndex: 'snapshotUrl',
              render: (v: string | null) =>
                v ? (
                  <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('hubConsole.setup.streamUrl'),
              dataIndex: 'streamUrl',
              render: (v: string | null) =>
                v ? (
                  <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, c: HubSetupDto['cameras'][number]) => (
                      <Button
                        size="small"
                        onClick={() => {
                          camForm.setFieldsValue({
                            id: c.id,
                            version: c.version,
                            code: c.code,
                            name: c.name,
                            area: c.area ?? '',
                            snapshotUrl: c.snapshotUrl ?? '',
                            streamUrl: c.streamUrl ?? '',
                          });
                          setCamOpen(true);
                        }}
                      >
                        {t('hubConsole.setup.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={`${t('hubConsole.setup.bays')}（${s.bays.length}）`} size="small">
        {manage ? (
          <Form
            form={bayForm}
            layout="inline"
            style={{ marginBottom: 12 }}
            onFinish={(v) =>
              change.mutate(
                {
                  kind: 'bay',
                  stationId: s.stationId,
                  body: { code: v.code, lengthM: v.lengthM ?? null, cameraId: v.cameraId ?? null },
                },
                clearOnSuccess(bayForm, done),
              )
            }
          >
            <Form.Item
              name="code"
              label={t('hubConsole.setup.code')}
              rules={requiredRule(t, 'hubConsole.setup.code')}
            >
              <Input style={{ width: 90 }} placeholder="P21" />
            </Form.Item>
            <Form.Item name="lengthM" label={t('hubConsole.setup.length')}>
              <InputNumber min={1} max={40} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="cameraId" label={t('hubConsole.setup.camera')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={s.cameras.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
              />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={change.isPending}>
                {t('hubConsole.setup.addBay')}
              </Button>
            </Form.Item>
          </Form>
        ) : null}
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={s.bays}
          columns={[
            { title: t('hubConsole.setup.code'), dataIndex: 'code' },
            {
              title: t('hubConsole.setup.length'),
              dataIndex: 'lengthM',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('hubConsole.setup.camera'),
              key: 'camera',
              render: (_, b) => (
                <Select
                  size="small"
                  disabled={!manage}
                  allowClear
                  value={b.cameraId ?? undefined}
                  placeholder={t('hubConsole.setup.noCamera')}
                  style={{ width: 170 }}
                  onChange={(cameraId: string | undefined) =>
                    change.mutate(
                      {
                        kind: 'bayPatch',
                        bayId: b.id,
                        body: { version: b.version, cameraId: cameraId ?? null },
                      },
                      done,
                    )
                  }
                  options={s.cameras.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
                />
              ),
            },
            {
              title: t('hubConsole.setup.status'),
              key: 'status',
              render: (_, b) => (
                <ServiceStatusSelect
                  disabled={!manage}
                  value={b.status}
                  onChange={(status) =>
                    change.mutate(
                      { kind: 'bayPatch', bayId: b.id, body: { version: b.version, status } },
                      done,
                    )
                  }
                />
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={camOpen}
        title={t('hubConsole.setup.cameras')}
        onCancel={() => setCamOpen(false)}
        onOk={() => camForm.submit()}
        confirmLoading={change.isPending}
        destroyOnHidden
      >
        <Form
          form={camForm}
          layout="vertical"
          onFinish={(v) => {
            const body = {
              code: v.code,
              name: v.name,
              area: v.area || null,
              snapshotUrl: v.snapshotUrl || null,
              streamUrl: v.streamUrl || null,
            };
            const after = {
              ...done,
              onSuccess: () => {
                setCamOpen(false);
                done.onSuccess();
              },
            };
            if (v.id && v.version !== undefined)
              change.mutate(
                { kind: 'cameraPatch', cameraId: v.id, body: { ...body, version: v.version } },
                after,
              );
            else change.mutate({ kind: 'camera', stationId: s.stationId, body }, after);
          }}
        >
          <Form.Item name="id" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="version" hidden>
            <InputNumber />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('hubConsole.setup.code')}
            rules={requiredRule(t, 'hubConsole.setup.code')}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('hubConsole.setup.name')}
            rules={requiredRule(t, 'hubConsole.setup.name')}
          >
            <Input />
          </Form.Item>
          <Form.Item name="area" label={t('hubConsole.setup.area')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="snapshotUrl"
            label={t('hubConsole.setup.snapshotUrl')}
            extra={t('hubConsole.setup.urlHint')}
            rules={[httpRule(t('hubConsole.setup.urlInvalid'))]}
          >
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="streamUrl"
            label={t('hubConsole.setup.streamUrl')}
            rules={[httpRule(t('hubConsole.setup.urlInvalid'))]}
          >
            <Input placeholder="https://" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
