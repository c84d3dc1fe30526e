import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CounterMethod,
  OPERATING_STREAMS,
  type OperatingEntryDto,
  type OperatingStream,
  PAYMENT_LABELS,
  type PaymentDto,
  type PaymentStatus,
  yuan,
} from '@nuanxin/shared';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import { useStation } from '../station-console/api';
import {
  useAccounts,
  useAddEntry,
  useConfirmPayment,
  useDeleteEntry,
  useStationPayments,
  useVoidPayment,
} from './api';

/** Chinese or English label of a payments enumeration value. */
function useLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return <K extends keyof typeof PAYMENT_LABELS>(
    kind: K,
    value: keyof (typeof PAYMENT_LABELS)[K],
  ): string => {
    const l = PAYMENT_LABELS[kind][value] as { zh: string; en: string };
    return en ? l.en : l.zh;
  };
}

const STATUS_COLOR: Record<PaymentStatus, string> = { pending: 'orange', paid: 'green', void: 'default' };

/** A keeper's confirm buttons for one pending charge (also used by the hub and meals boards). */
export function ConfirmPaymentButtons({ payment, size }: { payment: PaymentDto; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmPayment();
  if (payment.status !== 'pending') return null;
  const go = (method: CounterMethod) =>
    confirm.mutate(
      { id: payment.id, method },
      {
        onSuccess: () => message.success(t('paymentsConsole.confirmed')),
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <Space size={4}>
      <Button
        size={size ?? 'small'}
        type="primary"
        loading={confirm.isPending}
        onClick={() => go('counter_cash')}
      >
        {t('paymentsConsole.confirmCash')}
      </Button>
      <Button size={size ?? 'small'} loading={confirm.isPending} onClick={() => go('counter_qr')}>
        {t('paymentsConsole.confirmQr')}
      </Button>
    </Space>
  );
}

function VoidButton({ payment }: { payment: PaymentDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const voidIt = useVoidPayment();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {t('paymentsConsole.void')}
      </Button>
      <Modal
        open={open}
        title={`${t('paymentsConsole.void')} · ${payment.description}`}
        okText={t('paymentsConsole.void')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: voidIt.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          voidIt.mutate(
            { id: payment.id, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(t('paymentsConsole.voided'));
                setOpen(false);
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Input.TextArea
          aria-label={t('paymentsConsole.voidReason')}
          placeholder={t('paymentsConsole.voidReasonPlaceholder')}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

function PaymentsTab({ stationId, canVoid }: { stationId: string; canVoid: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [status, setStatus] = useState<PaymentStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const q = useStationPayments(stationId, {
    status: status === 'all' ? undefined : status,
    page,
    pageSize: 20,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          aria-label={t('paymentsConsole.col.status')}
          value={status}
          onChange={(v) => {
            setStatus(v as PaymentStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'pending', label: label('status', 'pending') },
            { value: 'paid', label: label('status', 'paid') },
            { value: 'void', label: label('status', 'void') },
            { value: 'all', label: t('paymentsConsole.filterAll') },
          ]}
        />
        {q.data ? (
          <Typography.Text strong>
            {t('paymentsConsole.pendingSum', { amount: yuan(q.data.pendingFen) })}
          </Typography.Text>
        ) : null}
      </Space>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={q.data?.items.length === 0}
        emptyText={
          status === 'pending' ? t('paymentsConsole.emptyPending') : t('paymentsConsole.emptyPayments')
        }
      >
        <Table<PaymentDto>
          rowKey="id"
          size="middle"
          dataSource={q.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('paymentsConsole.col.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => dayjs(v).format('MM-DD HH:mm'),
            },
            { title: t('paymentsConsole.col.description'), dataIndex: 'description' },
            {
              title: t('paymentsConsole.col.purpose'),
              dataIndex: 'purpose',
              width: 100,
              render: (_: unknown, p) => label('purpose', p.purpose),
            },
            {
              title: t('paymentsConsole.col.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              width: 110,
              render: (v: number) => yuan(v),
            },
            {
              title: t('paymentsConsole.col.status'),
              dataIndex: 'status',
              width: 150,
              render: (_: unknown, p) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[p.status]}>{label('status', p.status)}</Tag>
                  {p.method ? (
                    <Typography.Text type="secondary">{label('method', p.method)}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('paymentsConsole.col.actions'),
              key: 'actions',
              width: 260,
              render: (_: unknown, p) =>
                p.status === 'pending' ? (
                  <Space size={4} wrap>
                    <ConfirmPaymentButtons payment={p} />
                    {canVoid ? <VoidButton payment={p} /> : null}
                  </Space>
                ) : null,
            },
          ]}
        />
      </QueryState>
    </Space>
  );
}

function AddEntryForm({
  stationId,
  month,
  onDone,
}: {
  stationId: string;
  month: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const add = useAddEntry(stationId);
  const [form] = Form.useForm<{ stream: OperatingStream; amount: number; note?: string }>();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ stream: 'subsidy' }}
      onFinish={(v) =>
        add.mutate(
          {
            month,
            stream: v.stream,
            amountFen: Math.round(v.amount * 100),
            ...(v.note ? { note: v.note } : {}),
          },
          {
            onSuccess: () => {
              message.success(t('paymentsConsole.saved'));
              form.resetFields(['amount', 'note']);
              onDone();
            },
            onError: (e) => message.error(errorText(e)),
          },
        )
      }
    >
      <Form.Item name="stream" label={t('paymentsConsole.stream')} rules={[{ required: true }]}>
        <Select
          style={{ width: 150 }}
          options={OPERATING_STREAMS.map((s) => ({ value: s, label: label('stream', s) }))}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('paymentsConsole.amountYuan')}
        rules={[
          {
            validator: (_, v: number | null) =>
              typeof v === 'number' && v > 0 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6
                ? Promise.resolve()
                : Promise.reject(new Error(t('paymentsConsole.amountInvalid'))),
          },
        ]}
      >
        <InputNumber min={0.01} max={10_000_000} step={100} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="note" label={t('paymentsConsole.note')}>
        <Input maxLength={200} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
          {t('paymentsConsole.save')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function AccountsTab({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const [adding, setAdding] = useState(false);
  const q = useAccounts(stationId, month);
  const del = useDeleteEntry(stationId);
  const a = q.data;
  const current = month === dayjs().format('YYYY-MM');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Text>{t('paymentsConsole.month')}</Typography.Text>
        <DatePicker
          picker="month"
          aria-label={t('paymentsConsole.month')}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
      </Space>
      <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
        {a ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('paymentsConsole.paidServices')}
                    value={yuan(a.totals.paidServicesFen)}
                    suffix="元"
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('paymentsConsole.otherIncome')}
                    value={yuan(a.totals.otherIncomeFen)}
                    suffix="元"
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('paymentsConsole.cost')} value={yuan(a.totals.costFen)} suffix="元" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('paymentsConsole.balance')}
                    value={yuan(a.totals.balanceFen)}
                    suffix="元"
                    valueStyle={{ color: a.totals.balanceFen < 0 ? '#cf1322' : '#389e0d' }}
                  />
                </Card>
              </Col>
            </Row>
            <Typography.Text type="secondary">
              {a.totals.selfFundedShare === null
                ? t('paymentsConsole.selfFundedNone')
                : t('paymentsConsole.selfFunded', { pct: Math.round(a.totals.selfFundedShare * 100) })}
              {a.pendingFen > 0 ? ` · ${t('paymentsConsole.pending')} ${yuan(a.pendingFen)} 元` : ''}
            </Typography.Text>
            <Card size="small" title={t('paymentsConsole.income')} extra={t('paymentsConsole.incomeHint')}>
              <Table
                rowKey="purpose"
                size="small"
                pagination={false}
                dataSource={a.income}
                locale={{ emptyText: t('paymentsConsole.emptyPayments') }}
                columns={[
                  {
                    title: t('paymentsConsole.col.purpose'),
                    dataIndex: 'purpose',
                    render: (_: unknown, r) => label('purpose', r.purpose),
                  },
                  { title: t('paymentsConsole.count'), dataIndex: 'count', align: 'right' },
                  {
                    title: t('paymentsConsole.quantity'),
                    dataIndex: 'quantity',
                    align: 'right',
                    render: (_: unknown, r) =>
                      `${r.quantity} ${label('unit', r.purpose === 'lodging' ? 'night' : r.purpose === 'meal_order' ? 'meal' : 'item')}`,
                  },
                  {
                    title: t('paymentsConsole.col.amount'),
                    dataIndex: 'amountFen',
                    align: 'right',
                    render: (v: number) => yuan(v),
                  },
                ]}
              />
            </Card>
            <Card
              size="small"
              title={t('paymentsConsole.entries')}
              extra={
                a.actions.addEntry ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding((v) => !v)}>
                    {t('paymentsConsole.addEntry')}
                  </Button>
                ) : null
              }
            >
              <Typography.Paragraph type="secondary">{t('paymentsConsole.entriesHint')}</Typography.Paragraph>
              {adding && a.actions.addEntry ? (
                <div style={{ marginBottom: 12 }}>
                  <AddEntryForm stationId={stationId} month={month} onDone={() => undefined} />
                </div>
              ) : null}
              <Table<OperatingEntryDto>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={a.entries}
                locale={{ emptyText: t('paymentsConsole.emptyEntries') }}
                columns={[
                  {
                    title: t('paymentsConsole.stream'),
                    dataIndex: 'stream',
                    render: (_: unknown, e) => label('stream', e.stream),
                  },
                  {
                    title: t('paymentsConsole.col.amount'),
                    dataIndex: 'amountFen',
                    align: 'right',
                    render: (v: number, e) =>
                      ['cost', 'welfare_cost'].includes(e.stream) ? `-${yuan(v)}` : yuan(v),
                  },
                  {
                    title: t('paymentsConsole.note'),
                    dataIndex: 'note',
                    render: (v: string | null) => v ?? '—',
                  },
                  { title: t('paymentsConsole.col.createdAt'), dataIndex: 'createdByName' },
                  {
                    title: t('paymentsConsole.col.actions'),
                    key: 'actions',
                    render: (_: unknown, e) =>
                      a.actions.addEntry && current ? (
                        <Popconfirm
                          title={t('paymentsConsole.deleteConfirm')}
                          onConfirm={() =>
                            del.mutate(e.id, { onError: (err) => message.error(errorText(err)) })
                          }
                        >
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('paymentsConsole.deleteEntry')}
                          />
                        </Popconfirm>
                      ) : null,
                  },
                ]}
              />
            </Card>
          </>
        ) : null}
      </QueryState>
    </Space>
  );
}

/** 收款与账目 of one station: the counter's charges and the month's operating account (HUB-07). */
export function AccountsPage({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const station = useStation(stationId);
  const s = station.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <QueryState isLoading={station.isLoading} error={station.error} onRetry={() => void station.refetch()}>
        {s ? (
          <>
            <Space direction="vertical" size={0}>
              <Link to={`/admin/stations/${s.id}`} style={{ fontSize: 13 }}>
                ← {t('paymentsConsole.back')}
              </Link>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('paymentsConsole.title', { name: s.name })}
              </Typography.Title>
            </Space>
            <Card styles={{ body: { paddingTop: 4 } }}>
              <Tabs
                items={[
                  {
                    key: 'payments',
                    label: t('paymentsConsole.tabPayments'),
                    children: <PaymentsTab stationId={s.id} canVoid={Boolean(s.actions?.update)} />,
                  },
                  {
                    key: 'accounts',
                    label: t('paymentsConsole.tabAccounts'),
                    children: <AccountsTab stationId={s.id} />,
                  },
                ]}
              />
            </Card>
          </>
        ) : null}
      </QueryState>
    </Space>
  );
}
