import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../i18n';
import { useMe } from '../../auth/api/get-me';
import {
  type DutyShift,
  type Interval,
  useAcknowledge,
  useCandidates,
  useCoverage,
  useDeleteShift,
  useMyAssignments,
  useRotas,
  useSaveShift,
  useShifts,
} from '../api/duty';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR; // Asia/Shanghai, no daylight saving
const HOUR_PX = 20;

/** Monday 00:00 (Asia/Shanghai) of the week containing `t`, in epoch ms. */
function weekStartOf(t: number): number {
  const local = t + OFFSET;
  const dayStart = local - (local % DAY);
  const dow = (new Date(dayStart).getUTCDay() + 6) % 7;
  return dayStart - dow * DAY - OFFSET;
}

const hhmm = (ms: number) => {
  const d = new Date(ms + OFFSET);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};
const mmdd = (ms: number) => {
  const d = new Date(ms + OFFSET);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
};

/** Pieces of [a, b) that fall on the day starting at `day`, as top/height in pixels. */
function onDay(day: number, a: number, b: number): { top: number; height: number } | null {
  const s = Math.max(a, day);
  const e = Math.min(b, day + DAY);
  if (e <= s) return null;
  return { top: ((s - day) / HOUR) * HOUR_PX, height: Math.max(((e - s) / HOUR) * HOUR_PX, 2) };
}

function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** 我的值班: cases awaiting my acknowledgement, with a countdown to escalation. */
export function MyDutyPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mine = useMyAssignments();
  const ack = useAcknowledge();
  const now = useNow();
  return (
    <Card title={t('duty.mine')} size="small" style={{ marginBottom: 16 }}>
      <List
        loading={mine.isLoading}
        dataSource={mine.data ?? []}
        locale={{ emptyText: t('duty.mineEmpty') }}
        renderItem={(a) => {
          const left = new Date(a.ackDueAt).getTime() - now;
          const mm = Math.max(0, Math.floor(left / 60_000));
          const ss = Math.max(0, Math.floor((left % 60_000) / 1000));
          return (
            <List.Item
              actions={[
                <Button
                  key="ack"
                  type="primary"
                  loading={ack.isPending && ack.variables === a.id}
                  onClick={() =>
                    ack.mutate(a.id, {
                      onSuccess: () => message.success(t('duty.acknowledged')),
                      onError: (e) => message.error(errorText(e)),
                    })
                  }
                >
                  {t('duty.acknowledge')}
                </Button>,
                <Link key="open" to={`/admin/appeals/${a.appealId}`}>
                  {t('duty.openCase')}
                </Link>,
              ]}
            >
              <Space wrap>
                <Typography.Text strong>{a.caseNo}</Typography.Text>
                <Tag>{a.rotaName}</Tag>
                {a.level > 0 ? <Tag color="orange">{t('duty.level', { n: a.level + 1 })}</Tag> : null}
                <Typography.Text type="secondary">
                  {t('duty.arrivedAt')} {dayjs(a.arrivedAt).format('MM-DD HH:mm')}
                </Typography.Text>
                {left > 0 ? (
                  <Badge
                    status={left < 10 * 60_000 ? 'error' : 'processing'}
                    text={t('duty.remaining', { time: `${mm}:${String(ss).padStart(2, '0')}` })}
                  />
                ) : (
                  <Badge status="error" text={t('duty.overdue')} />
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

interface Editing {
  shift?: DutyShift;
  range: [Dayjs, Dayjs];
}

function ShiftModal({
  rotaId,
  editing,
  onClose,
}: {
  rotaId: string;
  editing: Editing | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const candidates = useCandidates(rotaId);
  const save = useSaveShift(rotaId);
  const del = useDeleteShift();
  useEffect(() => {
    if (editing)
      form.setFieldsValue({
        userId: editing.shift?.userId,
        range: editing.range,
        sortOrder: editing.shift?.sortOrder ?? 0,
      });
  }, [editing, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const [a, b] = v.range as [Dayjs, Dayjs];
    save.mutate(
      {
        ...(editing?.shift ? { id: editing.shift.id } : {}),
        input: {
          userId: v.userId,
          startsAt: a.toISOString(),
          endsAt: b.toISOString(),
          sortOrder: v.sortOrder ?? 0,
        },
      },
      {
        onSuccess: () => {
          message.success(t('duty.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open={editing !== null}
      title={editing?.shift ? t('duty.editShift') : t('duty.addShift')}
      onCancel={onClose}
      onOk={submit}
      okText={t('duty.save')}
      cancelText={t('duty.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      footer={(orig) => (
        <Space>
          {editing?.shift ? (
            <Popconfirm
              title={t('duty.deleteConfirm')}
              onConfirm={() =>
                del.mutate(editing.shift!.id, {
                  onSuccess: () => {
                    message.success(t('duty.deleted'));
                    onClose();
                  },
                  onError: (e) => message.error(errorText(e)),
                })
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('duty.deleteShift')}
              </Button>
            </Popconfirm>
          ) : null}
          {orig}
        </Space>
      )}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="userId" label={t('duty.person')} rules={[{ required: true }]}>
          <Select
            loading={candidates.isLoading}
            options={(candidates.data ?? []).map((c) => ({
              value: c.userId,
              label: `${c.name}（${c.roles.map((r) => t(`roles.${r}`)).join('、')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('duty.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('duty.order')} extra={t('duty.orderHint')}>
          <InputNumber min={0} max={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const PALETTE = ['#1677ff', '#13a8a8', '#722ed1', '#d48806', '#389e0d'];

function WeekGrid({
  weekStart,
  shifts,
  gaps,
  canManage,
  onEdit,
}: {
  weekStart: number;
  shifts: DutyShift[];
  gaps: Interval[];
  canManage: boolean;
  onEdit: (e: Editing) => void;
}) {
  const { t } = useTranslation();
  const lanes = Math.max(1, ...shifts.map((s) => s.sortOrder + 1));
  const colour = useMemo(() => {
    const ids = [...new Set(shifts.map((s) => s.userId))];
    return (id: string) => PALETTE[ids.indexOf(id) % PALETTE.length];
  }, [shifts]);
  const days = Array.from({ length: 7 }, (_, i) => weekStart + i * DAY);
  const dayName = (i: number) => t('duty.weekdays').split(',')[i] ?? '';
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: `40px repeat(7, 1fr)`, gap: 4 }}
      data-testid="duty-week"
    >
      <div />
      {days.map((d, i) => (
        <div key={d} style={{ textAlign: 'center', fontSize: 12, fontWeight: 600 }}>
          {dayName(i)} {mmdd(d)}
        </div>
      ))}
      <div style={{ position: 'relative', height: 24 * HOUR_PX }}>
        {Array.from({ length: 13 }, (_, h) => `${String(h * 2).padStart(2, '0')}:00`).map((label, h) => (
          <div
            key={label}
            style={{ position: 'absolute', top: h * 2 * HOUR_PX - 6, fontSize: 10, color: '#8c8c8c' }}
          >
            {label}
          </div>
        ))}
      </div>
      {days.map((d) => (
        <div
          key={d}
          style={{
            position: 'relative',
            height: 24 * HOUR_PX,
            background: 'repeating-linear-gradient(#fafafa 0 19px, #f0f0f0 19px 20px)',
            border: '1px solid #f0f0f0',
            borderRadius: 4,
          }}
        >
          {gaps.map((g) => {
            const p = onDay(d, new Date(g.startsAt).getTime(), new Date(g.endsAt).getTime());
            return p ? (
              <Tooltip
                key={`gap-${g.startsAt}`}
                title={`${t('duty.gap')} ${hhmm(new Date(g.startsAt).getTime())}–${hhmm(new Date(g.endsAt).getTime())}`}
              >
                <div
                  data-testid="duty-gap"
                  style={{
                    position: 'absolute',
                    left: 0,
                    right: 0,
                    ...p,
                    background: 'rgba(255, 77, 79, 0.25)',
                    borderTop: '2px solid #ff4d4f',
                    borderBottom: '2px solid #ff4d4f',
                  }}
                />
              </Tooltip>
            ) : null;
          })}
          {shifts.map((s) => {
            const a = new Date(s.startsAt).getTime();
            const b = new Date(s.endsAt).getTime();
            const p = onDay(d, a, b);
            if (!p) return null;
            const w = 100 / lanes;
            return (
              <Tooltip
                key={s.id}
                title={`${s.userName} ${hhmm(a)}–${hhmm(b)} · ${t('duty.order')} ${s.sortOrder}`}
              >
                <button
                  type="button"
                  disabled={!canManage}
                  onClick={() => onEdit({ shift: s, range: [dayjs(a), dayjs(b)] })}
                  style={{
                    border: 'none',
                    textAlign: 'left',
                    position: 'absolute',
                    ...p,
                    left: `calc(${s.sortOrder * w}% + 2px)`,
                    width: `calc(${w}% - 4px)`,
                    background: colour(s.userId),
                    color: '#fff',
                    borderRadius: 3,
                    fontSize: 11,
                    lineHeight: '14px',
                    padding: '1px 3px',
                    overflow: 'hidden',
                    cursor: canManage ? 'pointer' : 'default',
                    boxShadow: 'inset 0 -1px 0 rgba(0,0,0,.15)',
                  }}
                >
                  {p.height >= 28 ? (
                    <>
                      <div style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{s.userName}</div>
                      <div style={{ opacity: 0.85 }}>
                        {hhmm(Math.max(a, d))}–{hhmm(Math.min(b, d + DAY))}
                      </div>
                    </>
                  ) : null}
                </button>
              </Tooltip>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** 值班排班: rotas, a week grid of shifts per rota, coverage gaps in red; 我的值班 on top. */
export function DutyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const rotas = useRotas();
  const [rotaId, setRotaId] = useState<string>();
  const [weekStart, setWeekStart] = useState(() => weekStartOf(Date.now()));
  const [editing, setEditing] = useState<Editing | null>(null);
  const rota = (rotas.data ?? []).find((r) => r.id === rotaId) ?? rotas.data?.[0];
  const from = new Date(weekStart).toISOString();
  const to = new Date(weekStart + 7 * DAY).toISOString();
  const shifts = useShifts(rota?.id, from, to);
  const coverage = useCoverage(rota?.id, from, to);
  const canAck = me.data?.permissions.includes('duty.acknowledge') ?? false;

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('duty.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('duty.intro')}</Typography.Paragraph>
      {canAck ? <MyDutyPanel /> : null}
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t('duty.rotas')}</span>
            <Select
              style={{ minWidth: 260 }}
              value={rota?.id}
              onChange={setRotaId}
              loading={rotas.isLoading}
              options={(rotas.data ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.regionName}` }))}
            />
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<LeftOutlined />}
              onClick={() => setWeekStart(weekStart - 7 * DAY)}
              aria-label={t('duty.prevWeek')}
            />
            <Button onClick={() => setWeekStart(weekStartOf(Date.now()))}>{t('duty.week')}</Button>
            <Button
              icon={<RightOutlined />}
              onClick={() => setWeekStart(weekStart + 7 * DAY)}
              aria-label={t('duty.nextWeek')}
            />
            {rota?.canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ range: [dayjs(weekStart), dayjs(weekStart + 8 * HOUR)] })}
              >
                {t('duty.addShift')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {rotas.isLoading ? (
          <Spin />
        ) : !rota ? (
          <Empty description={t('duty.noRota')} />
        ) : (
          <>
            {coverage.data ? (
              coverage.data.covered ? (
                <Alert type="success" showIcon message={t('duty.covered')} style={{ marginBottom: 12 }} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('duty.gaps', { count: coverage.data.gaps.length })}
                  description={coverage.data.gaps
                    .slice(0, 6)
                    .map(
                      (g) =>
                        `${mmdd(new Date(g.startsAt).getTime())} ${hhmm(new Date(g.startsAt).getTime())}–${mmdd(new Date(g.endsAt).getTime())} ${hhmm(new Date(g.endsAt).getTime())}`,
                    )
                    .join('；')}
                />
              )
            ) : null}
            <Spin spinning={shifts.isFetching}>
              <WeekGrid
                weekStart={weekStart}
                shifts={shifts.data ?? []}
                gaps={coverage.data?.gaps ?? []}
                canManage={rota.canManage}
                onEdit={setEditing}
              />
            </Spin>
          </>
        )}
      </Card>
      {rota ? <ShiftModal rotaId={rota.id} editing={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
