import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  MEAL_ITEM_KINDS,
  MEAL_PERIODS,
  type MealItemKind,
  type MealMenuDto,
  type MealOrderDto,
  type MealPeriod,
  type MealSlotDto,
} from '@nuanxin/shared';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import { useStation, useStations } from '../station-console/api';
import {
  useCancelOrder,
  useConfirmMealPayment,
  useCopyDay,
  useMealBoard,
  useMealDay,
  useMealSales,
  usePutMenu,
  useServeOrder,
  yuan,
} from './api';

/**
 * Console: the stations that serve meals, and per station the orders board (by slot, confirm
 * payment, serve), the menus editor (periods, items, publish, copy from another day) and the
 * sales tally by customer category (HUB-02, CAN-01, CAN-02).
 */

const todayStr = () => dayjs().format('YYYY-MM-DD');

export function MealStationsPage() {
  const { t } = useTranslation();
  const canteens = useStations({ kind: 'canteen', page: 1, pageSize: 50 });
  const homes = useStations({ kind: 'warm_home', page: 1, pageSize: 50 });
  const items = [...(canteens.data?.items ?? []), ...(homes.data?.items ?? [])];
  return (
    <Card title={t('mealsConsole.listTitle')}>
      <Typography.Paragraph type="secondary">{t('mealsConsole.listHint')}</Typography.Paragraph>
      <QueryState
        isLoading={canteens.isLoading || homes.isLoading}
        error={canteens.error ?? homes.error}
        onRetry={() => void canteens.refetch()}
        isEmpty={items.length === 0}
      >
        <Table
          rowKey="id"
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('mealsConsole.col.name'), dataIndex: 'name' },
            { title: '', dataIndex: 'address', responsive: ['md'] },
            {
              title: t('mealsConsole.col.actions'),
              key: 'open',
              render: (_: unknown, s: { id: string; name: string }) => (
                <Link to={`/admin/stations/${s.id}/meals`} aria-label={`${t('mealsConsole.open')} ${s.name}`}>
                  {t('mealsConsole.open')}
                </Link>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

export function StationMealsPage({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const station = useStation(stationId);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const d = date.format('YYYY-MM-DD');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Link to={`/admin/stations/${stationId}`} style={{ fontSize: 13 }}>
          <ArrowLeftOutlined /> {t('mealsConsole.back')}
        </Link>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('mealsConsole.title', { name: station.data?.name ?? '' })}
          </Typography.Title>
          <Space>
            <span>{t('mealsConsole.date')}</span>
            <DatePicker
              aria-label={t('mealsConsole.date')}
              value={date}
              allowClear={false}
              onChange={(v) => v && setDate(v)}
            />
          </Space>
        </Space>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'board',
              label: t('mealsConsole.tabBoard'),
              children: <Board stationId={stationId} date={d} />,
            },
            {
              key: 'menus',
              label: t('mealsConsole.tabMenus'),
              children: <Menus stationId={stationId} date={d} />,
            },
            { key: 'sales', label: t('mealsConsole.tabSales'), children: <Sales stationId={stationId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

// ---- orders board ---------------------------------------------------------------------------

function SlotBars({ slots }: { slots: MealSlotDto[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
      {slots.map((s) => (
        <div key={s.start} data-testid="slot-occupancy">
          <div style={{ fontSize: 12 }}>
            {t('mealsConsole.slotLabel', { start: s.start, end: s.end })} · {s.taken}
            {s.seats !== null ? `/${s.seats}` : ''}
          </div>
          <Progress
            percent={s.seats ? Math.round((s.taken / s.seats) * 100) : 0}
            size="small"
            status={s.seats !== null && s.free === 0 ? 'exception' : 'normal'}
            showInfo={false}
          />
        </div>
      ))}
    </div>
  );
}

function OrderActions({ o }: { o: MealOrderDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmMealPayment();
  const serve = useServeOrder();
  const cancel = useCancelOrder();
  const fail = (e: unknown) => message.error(errorText(e));
  const pending = o.status === 'placed' && o.payment?.status === 'pending';
  return (
    <Space wrap size={4}>
      {pending
        ? (['counter_cash', 'counter_qr'] as const).map((m) => (
            <Button
              key={m}
              size="small"
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate(
                  { paymentId: o.payment!.id, method: m },
                  { onSuccess: () => message.success(t('mealsConsole.confirmed')), onError: fail },
                )
              }
            >
              {m === 'counter_cash' ? t('mealsConsole.confirmCash') : t('mealsConsole.confirmQr')}
            </Button>
          ))
        : null}
      {o.actions.serve ? (
        <Button
          size="small"
          type="primary"
          loading={serve.isPending}
          onClick={() =>
            serve.mutate(o.id, { onSuccess: () => message.success(t('mealsConsole.served')), onError: fail })
          }
        >
          {o.mode === 'eat_in' ? t('mealsConsole.serve') : t('mealsConsole.collect')}
        </Button>
      ) : null}
      {o.actions.cancel ? (
        <Popconfirm
          title={t('mealsConsole.cancelConfirm')}
          onConfirm={() => cancel.mutate(o.id, { onError: fail })}
        >
          <Button size="small" danger type="text">
            {t('mealsConsole.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

const STATUS_COLOR = {
  placed: 'processing',
  served: 'success',
  collected: 'success',
  cancelled: 'default',
} as const;
const PAY_COLOR = { pending: 'warning', paid: 'success', void: 'default' } as const;

function Board({ stationId, date }: { stationId: string; date: string }) {
  const { t } = useTranslation();
  const q = useMealBoard(stationId, date);
  const [period, setPeriod] = useState<MealPeriod | null>(null);
  const menus = q.data?.menus ?? [];
  const current = menus.find((m) => m.period === period) ?? menus[0];
  const orders = (q.data?.orders ?? [])
    .filter((o) => o.menuId === current?.id)
    .sort(
      (a, b) =>
        (a.slotStart ?? a.pickupAt ?? '').localeCompare(b.slotStart ?? b.pickupAt ?? '') ||
        a.number - b.number,
    );
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {menus.length === 0 || !current ? (
        <Empty description={t('mealsConsole.noOrders')} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <Tabs
              activeKey={current.period}
              onChange={(k) => setPeriod(k as MealPeriod)}
              items={menus.map((m) => ({
                key: m.period,
                label: `${t(`meals.period.${m.period}`)} ${m.opens}–${m.closes}`,
              }))}
            />
            <Tag>
              {q.data?.seats != null
                ? t('mealsConsole.seats', { n: q.data.seats })
                : t('mealsConsole.seatsNone')}
            </Tag>
          </Space>
          <Typography.Text strong>{t('mealsConsole.occupancy')}</Typography.Text>
          <SlotBars slots={current.slots} />
          <Table<MealOrderDto>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={orders}
            locale={{ emptyText: t('mealsConsole.noOrders') }}
            data-testid="meal-board"
            columns={[
              { title: t('mealsConsole.col.number'), dataIndex: 'number', width: 56 },
              {
                title: t('mealsConsole.col.time'),
                key: 'time',
                render: (_, o) =>
                  o.mode === 'eat_in'
                    ? `${o.slotStart} · ${o.partySize}位`
                    : `${t('mealsConsole.takeAway')} ${o.pickupAt}`,
              },
              {
                title: t('mealsConsole.col.customer'),
                key: 'customer',
                render: (_, o) => (
                  <span>
                    {o.customerName ?? '—'} <Tag>{t(`meals.category.${o.customerCategory}`)}</Tag>
                  </span>
                ),
              },
              {
                title: t('mealsConsole.col.lines'),
                key: 'lines',
                render: (_, o) => o.lines.map((l) => `${l.name}×${l.quantity}`).join('、'),
              },
              {
                title: t('mealsConsole.col.total'),
                key: 'total',
                render: (_, o) => yuan(o.totalFen),
                align: 'right',
              },
              {
                title: t('mealsConsole.col.payment'),
                key: 'payment',
                render: (_, o) =>
                  o.payment ? (
                    <Tag color={PAY_COLOR[o.payment.status]}>{t(`mealsConsole.pay.${o.payment.status}`)}</Tag>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('mealsConsole.col.status'),
                key: 'status',
                render: (_, o) => <Tag color={STATUS_COLOR[o.status]}>{t(`meals.status.${o.status}`)}</Tag>,
              },
              {
                title: t('mealsConsole.col.actions'),
                key: 'actions',
                render: (_, o) => <OrderActions o={o} />,
              },
            ]}
          />
        </Space>
      )}
    </QueryState>
  );
}

// ---- menus editor ---------------------------------------------------------------------------

interface ItemForm {
  id?: string;
  name: string;
  kind: MealItemKind;
  description?: string | null;
  priceWorker: number;
  priceResident: number;
  portions?: number | null;
  left?: number | null;
}
interface MenuForm {
  opens: string;
  closes: string;
  published: boolean;
  items: ItemForm[];
}

const DEFAULT_TIMES: Record<MealPeriod, [string, string]> = {
  breakfast: ['07:00', '09:00'],
  lunch: ['11:00', '14:00'],
  dinner: ['17:00', '20:00'],
};
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function MenuEditor({
  stationId,
  date,
  period,
  menu,
  canEdit,
}: {
  stationId: string;
  date: string;
  period: MealPeriod;
  menu: MealMenuDto | undefined;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = usePutMenu(stationId);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<MenuForm>();
  const label = t(`meals.period.${period}`);
  if (!menu && !creating)
    return (
      <Card size="small" title={label}>
        <Space>
          <Typography.Text type="secondary">{t('mealsConsole.noMenu', { period: label })}</Typography.Text>
          {canEdit ? (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('mealsConsole.newMenu', { period: label })}
            </Button>
          ) : null}
        </Space>
      </Card>
    );
  const initial: MenuForm = menu
    ? {
        opens: menu.opens,
        closes: menu.closes,
        published: menu.published,
        items: menu.items.map((i) => ({
          id: i.id,
          name: i.name,
          kind: i.kind,
          description: i.description,
          priceWorker: i.priceWorkerFen / 100,
          priceResident: i.priceResidentFen / 100,
          portions: i.portions,
          left: i.portionsLeft,
        })),
      }
    : { opens: DEFAULT_TIMES[period][0], closes: DEFAULT_TIMES[period][1], published: false, items: [] };
  const save = (v: MenuForm) => {
    if (!TIME_RE.test(v.opens) || !TIME_RE.test(v.closes) || v.opens >= v.closes)
      return void message.error(t('mealsConsole.timeInvalid'));
    put.mutate(
      {
        date,
        period,
        body: {
          opens: v.opens,
          closes: v.closes,
          published: v.published,
          version: menu?.version ?? 0,
          items: (v.items ?? []).map((i) => ({
            ...(i.id ? { id: i.id } : {}),
            name: i.name,
            kind: i.kind,
            description: i.description || null,
            priceWorkerFen: Math.round((i.priceWorker ?? 0) * 100),
            priceResidentFen: Math.round((i.priceResident ?? 0) * 100),
            portions: i.portions ?? null,
          })),
        },
      },
      {
        onSuccess: () => {
          setCreating(false);
          message.success(t('mealsConsole.saved'));
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          {label}
          {menu ? (
            <Tag color={menu.published ? 'success' : 'default'}>
              {menu.published ? t('mealsConsole.published') : t('mealsConsole.unpublished')}
            </Tag>
          ) : null}
        </Space>
      }
    >
      <Form<MenuForm>
        form={form}
        key={`${menu?.id ?? 'new'}-${menu?.version ?? 0}`}
        initialValues={initial}
        onFinish={save}
        disabled={!canEdit}
        layout="inline"
      >
        <Form.Item
          name="opens"
          label={t('mealsConsole.opens')}
          rules={[{ required: true, pattern: TIME_RE }]}
        >
          <Input style={{ width: 80 }} aria-label={`${label} ${t('mealsConsole.opens')}`} />
        </Form.Item>
        <Form.Item
          name="closes"
          label={t('mealsConsole.closes')}
          rules={[{ required: true, pattern: TIME_RE }]}
        >
          <Input style={{ width: 80 }} aria-label={`${label} ${t('mealsConsole.closes')}`} />
        </Form.Item>
        <Form.Item name="published" label={t('mealsConsole.published')} valuePropName="checked">
          <Switch aria-label={`${label} ${t('mealsConsole.published')}`} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <div style={{ width: '100%', marginTop: 12 }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 60 }]}>
                    <Input
                      placeholder={t('mealsConsole.col.name')}
                      aria-label={t('mealsConsole.col.name')}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      aria-label={t('mealsConsole.col.kind')}
                      style={{ width: 90 }}
                      options={MEAL_ITEM_KINDS.map((k) => ({ value: k, label: t(`meals.kind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']}>
                    <Input
                      placeholder={t('mealsConsole.col.description')}
                      aria-label={t('mealsConsole.col.description')}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'priceWorker']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      step={0.5}
                      precision={2}
                      placeholder={t('mealsConsole.col.priceWorker')}
                      aria-label={t('mealsConsole.col.priceWorker')}
                      style={{ width: 130 }}
                      addonBefore="工"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'priceResident']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      step={0.5}
                      precision={2}
                      placeholder={t('mealsConsole.col.priceResident')}
                      aria-label={t('mealsConsole.col.priceResident')}
                      style={{ width: 130 }}
                      addonBefore="民"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'portions']}>
                    <InputNumber
                      min={0}
                      placeholder={t('mealsConsole.col.portions')}
                      aria-label={t('mealsConsole.col.portions')}
                      style={{ width: 110 }}
                    />
                  </Form.Item>
                  {canEdit ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('mealsConsole.removeItem')}
                      onClick={() => remove(f.name)}
                    />
                  ) : null}
                </Space>
              ))}
              {canEdit ? (
                <Space>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ kind: 'dish', priceWorker: 0, priceResident: 0 })}
                  >
                    {t('mealsConsole.addItem')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={put.isPending}>
                    {t('mealsConsole.save')}
                  </Button>
                </Space>
              ) : null}
            </div>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function Menus({ stationId, date }: { stationId: string; date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useMealDay(stationId, date);
  const copy = useCopyDay(stationId);
  const [from, setFrom] = useState<Dayjs | null>(null);
  const canEdit = q.data?.actions.edit ?? false;
  const past = date < todayStr();
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {!canEdit ? <Typography.Text type="secondary">{t('mealsConsole.readOnly')}</Typography.Text> : null}
        {canEdit && !past ? (
          <Space wrap>
            <span>{t('mealsConsole.copyFrom')}</span>
            <DatePicker value={from} onChange={setFrom} aria-label={t('mealsConsole.copyFrom')} />
            <Button
              disabled={!from}
              loading={copy.isPending}
              onClick={() =>
                from &&
                copy.mutate(
                  { from: from.format('YYYY-MM-DD'), to: date },
                  {
                    onSuccess: (r) =>
                      r.copied.length
                        ? message.success(
                            t('mealsConsole.copied', {
                              list: r.copied.map((p) => t(`meals.period.${p}`)).join('、'),
                            }),
                          )
                        : message.info(t('mealsConsole.copiedNone')),
                    onError: (e) => message.error(errorText(e)),
                  },
                )
              }
            >
              {t('mealsConsole.copy')}
            </Button>
          </Space>
        ) : null}
        {MEAL_PERIODS.map((p) => (
          <MenuEditor
            key={`${date}-${p}`}
            stationId={stationId}
            date={date}
            period={p}
            menu={q.data?.menus.find((m) => m.period === p)}
            canEdit={canEdit && !past}
          />
        ))}
      </Space>
    </QueryState>
  );
}

// ---- sales ------------------------------------------------------------------------------------

function Sales({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const q = useMealSales(stationId, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  const rows = q.data ? [...q.data.days, { ...q.data.total, date: t('mealsConsole.s.total') }] : [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('mealsConsole.range')}</span>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      </Space>
      <Typography.Text type="secondary">{t('mealsConsole.salesHint')}</Typography.Text>
      <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
        <Table
          rowKey="date"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="meal-sales"
          columns={[
            { title: t('mealsConsole.s.date'), dataIndex: 'date' },
            { title: t('mealsConsole.s.orders'), dataIndex: 'orders', align: 'right' },
            { title: t('mealsConsole.s.setMeals'), dataIndex: 'setMeals', align: 'right' },
            {
              title: t('mealsConsole.s.workerSets'),
              key: 'w',
              align: 'right',
              render: (_, r) => r.byCategory.worker.setMeals,
            },
            {
              title: t('mealsConsole.s.residentSets'),
              key: 'r',
              align: 'right',
              render: (_, r) => r.byCategory.resident.setMeals,
            },
            { title: t('mealsConsole.s.portions'), dataIndex: 'portions', align: 'right' },
            {
              title: t('mealsConsole.s.amount'),
              key: 'a',
              align: 'right',
              render: (_, r) => yuan(r.amountFen),
            },
          ]}
        />
      </QueryState>
    </Space>
  );
}
