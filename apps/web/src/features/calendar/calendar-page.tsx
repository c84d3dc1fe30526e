import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import {
  type CalendarDay,
  type CalendarYear,
  type DayKind,
  useCalendarDays,
  useCalendarYears,
  useImportCalendar,
  useSetCalendarDay,
} from './api';

/** Colours of the four kinds (background, text), shared by the grid and the legend. */
export const KIND_COLOURS: Record<DayKind, { bg: string; fg: string }> = {
  holiday: { bg: '#ffccc7', fg: '#a8071a' },
  adjusted_workday: { bg: '#d6e4ff', fg: '#1d39c4' },
  weekend: { bg: '#f0f0f0', fg: '#8c8c8c' },
  workday: { bg: '#ffffff', fg: '#262626' },
};
const KINDS: DayKind[] = ['workday', 'holiday', 'adjusted_workday', 'weekend'];
/** Orange, as for every provisional (stand-in) value in the console. */
const PROVISIONAL_COLOUR = 'orange';

function problemsOf(err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.details || typeof err.details !== 'object') return [];
  const problems = (err.details as { problems?: { line: number; message: string }[] }).problems;
  return Array.isArray(problems) ? problems.map((p) => (p.line ? `${p.line}: ${p.message}` : p.message)) : [];
}

function YearBadge({ year }: { year: CalendarYear }) {
  const { t } = useTranslation();
  return year.provisional ? (
    <Tag color={PROVISIONAL_COLOUR} data-testid="calendar-provisional">
      {t('calendar.provisional')}
    </Tag>
  ) : (
    <Tag color="green">{t('calendar.official')}</Tag>
  );
}

function MonthGrid({
  year,
  month,
  days,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  onPick: (d: CalendarDay) => void;
}) {
  const { t } = useTranslation();
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Days of the previous month fill the first week, blank.
  const cells: { date: string; inMonth: boolean }[] = [];
  for (let d = 1 - lead; d <= count; d++)
    cells.push({ date: new Date(Date.UTC(year, month - 1, d)).toISOString().slice(0, 10), inMonth: d >= 1 });
  return (
    <Card size="small" title={t('calendar.month', { m: month })} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {t('calendar.weekdays')
          .split(',')
          .map((w) => (
            <div key={w} style={{ textAlign: 'center', color: '#8c8c8c' }}>
              {w}
            </div>
          ))}
        {cells.map(({ date, inMonth }) => {
          if (!inMonth) return <div key={date} />;
          const day = days.get(date);
          const c = day ? KIND_COLOURS[day.kind] : { bg: '#fafafa', fg: '#d9d9d9' };
          const label = day
            ? `${date} ${t(`calendar.kind_${day.kind}`)}${day.name ? ` · ${day.name}` : ''}`
            : date;
          return (
            <Tooltip key={date} title={label}>
              <button
                type="button"
                aria-label={label}
                disabled={!day}
                onClick={() => day && onPick(day)}
                style={{
                  background: c.bg,
                  color: c.fg,
                  border: day?.provisional ? `1px dashed ${PROVISIONAL_COLOUR}` : '1px solid #f0f0f0',
                  borderRadius: 4,
                  padding: '2px 0',
                  cursor: day ? 'pointer' : 'default',
                  fontWeight: day?.kind === 'holiday' || day?.kind === 'adjusted_workday' ? 600 : 400,
                }}
              >
                {Number(date.slice(8))}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}

function EditDayModal({ day, onClose }: { day: CalendarDay | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setDay = useSetCalendarDay();
  const [form] = Form.useForm<{ kind: DayKind; name: string }>();
  useEffect(() => {
    if (day) form.setFieldsValue({ kind: day.kind, name: day.name ?? '' });
  }, [day, form]);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open={day !== null}
      title={day ? t('calendar.editTitle', { date: day.date }) : ''}
      okText={t('calendar.save')}
      confirmLoading={setDay.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) => {
          if (!day) return;
          setDay.mutate(
            { date: day.date, kind: v.kind, name: v.name?.trim() || null, version: day.version },
            {
              onSuccess: () => {
                message.success(t('calendar.saved'));
                onClose();
              },
              onError: (err) => message.error(errorText(err)),
            },
          );
        })
      }
    >
      {day ? (
        <Form form={form} layout="vertical">
          <Typography.Paragraph type="secondary">
            {t('calendar.dayInfo', { source: day.source, version: day.version })}
          </Typography.Paragraph>
          <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`calendar.kind_${k}`) }))} />
          </Form.Item>
          {kind === 'holiday' || kind === 'adjusted_workday' ? (
            <Form.Item name="name" label={t('calendar.name')} rules={[{ max: 40 }]}>
              <Input placeholder={t('calendar.namePlaceholder')} />
            </Form.Item>
          ) : null}
        </Form>
      ) : null}
    </Modal>
  );
}

function ImportCard({ onImported }: { onImported: (year: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importYear = useImportCalendar();
  const [content, setContent] = useState('');
  const [filename, setFilename] = useState('');
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const problems = problemsOf(importYear.error);
  return (
    <Card title={t('calendar.importTitle')}>
      <Typography.Paragraph type="secondary">{t('calendar.importHint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented
            value={format}
            onChange={(v) => setFormat(v as 'csv' | 'json')}
            options={[
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
            ]}
            aria-label={t('calendar.format')}
          />
          <Input
            aria-label={t('calendar.filename')}
            placeholder={t('calendar.filename')}
            value={filename}
            onChange={(e) => setFilename(e.target.value)}
            style={{ width: 280 }}
          />
        </Space>
        <Input.TextArea
          aria-label={t('calendar.importTitle')}
          rows={8}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          placeholder={'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-20,adjusted_workday,春节'}
          style={{ fontFamily: 'monospace' }}
        />
        {importYear.error ? (
          <Alert
            type="error"
            showIcon
            message={errorText(importYear.error)}
            description={
              problems.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.slice(0, 20).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
        <Button
          type="primary"
          disabled={!content.trim()}
          loading={importYear.isPending}
          onClick={() =>
            importYear.mutate(
              { content, format, filename: filename.trim() || 'console' },
              {
                onSuccess: (r) => {
                  message.success(
                    t('calendar.imported', { year: r.year, changed: r.changed, unchanged: r.unchanged }),
                  );
                  setContent('');
                  onImported(r.year);
                },
              },
            )
          }
        >
          {t('calendar.importButton')}
        </Button>
      </Space>
    </Card>
  );
}

/** 系统设置 → 工作日历: loaded years, a year's month grid, importing a year, correcting one day. */
export function CalendarPage() {
  const { t } = useTranslation();
  const years = useCalendarYears();
  const thisYear = new Date().getFullYear();
  const [picked, setPicked] = useState<number | null>(null);
  const list = years.data?.items ?? [];
  const year = picked ?? (list.some((y) => y.year === thisYear) ? thisYear : (list.at(-1)?.year ?? thisYear));
  const summary = list.find((y) => y.year === year);
  const days = useCalendarDays(summary ? year : null);
  const byDate = useMemo(() => new Map((days.data?.items ?? []).map((d) => [d.date, d])), [days.data]);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const options = useMemo(() => {
    const ys = new Set(list.map((y) => y.year));
    ys.add(thisYear + 1);
    return [...ys]
      .sort((a, b) => a - b)
      .map((y) => {
        const s = list.find((x) => x.year === y);
        return {
          value: y,
          label: (
            <span>
              {y}{' '}
              {s?.provisional ? (
                <Tag color={PROVISIONAL_COLOUR} style={{ marginInlineStart: 4 }}>
                  {t('calendar.provisional')}
                </Tag>
              ) : null}
            </span>
          ),
        };
      });
  }, [list, thisYear, t]);

  if (years.isLoading) return <Spin />;
  if (years.error) return <Alert type="error" showIcon message={errorText(years.error)} />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('calendar.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('calendar.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Space wrap size="middle" align="center">
          <span>{t('calendar.year')}</span>
          <Select
            aria-label={t('calendar.year')}
            value={year}
            onChange={(v: number) => setPicked(v)}
            options={options}
            style={{ width: 240 }}
          />
          {summary ? <YearBadge year={summary} /> : null}
          {summary ? (
            <Typography.Text>
              {t('calendar.source')}: {summary.sources.join(', ')}
            </Typography.Text>
          ) : null}
        </Space>
        <div style={{ marginTop: 12 }}>
          {summary ? (
            <Typography.Text type="secondary">
              {t('calendar.counts', {
                work: summary.counts.workday + summary.counts.adjusted_workday,
                adjusted: summary.counts.adjusted_workday,
                holiday: summary.counts.holiday,
                weekend: summary.counts.weekend,
              })}
            </Typography.Text>
          ) : (
            <Alert type="warning" showIcon message={t('calendar.notLoaded', { year })} />
          )}
        </div>
        {summary?.provisional ? (
          <Alert
            style={{ marginTop: 12, borderColor: PROVISIONAL_COLOUR }}
            type="warning"
            showIcon
            message={t('calendar.provisional')}
            description={t('calendar.provisionalHint')}
          />
        ) : null}
        <Space wrap style={{ marginTop: 12 }}>
          {KINDS.map((k) => (
            <span key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span
                style={{
                  width: 14,
                  height: 14,
                  borderRadius: 3,
                  background: KIND_COLOURS[k].bg,
                  border: '1px solid #d9d9d9',
                  display: 'inline-block',
                }}
              />
              {t(`calendar.kind_${k}`)}
            </span>
          ))}
          <Typography.Text type="secondary">· {t('calendar.clickToEdit')}</Typography.Text>
        </Space>
      </Card>
      {summary ? (
        <Spin spinning={days.isFetching}>
          <Row gutter={[12, 12]}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid year={year} month={m} days={byDate} onPick={setEditing} />
              </Col>
            ))}
          </Row>
        </Spin>
      ) : list.length === 0 ? (
        <Empty description={t('calendar.noYears')} />
      ) : null}
      <ImportCard onImported={(y) => setPicked(y)} />
      <EditDayModal day={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}
