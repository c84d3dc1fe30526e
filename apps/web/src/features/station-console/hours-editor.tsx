import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { STATION_WEEKDAY_LABELS } from '@nuanxin/shared/stations.labels';
import { Button, Checkbox, Radio, Space, Switch, Tag, TimePicker, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formToHours,
  type HoursForm,
  type HoursIssue,
  type HoursRowForm,
  hoursIssues,
  hoursText,
  isOpenAt,
  isOvernight,
  WEEKDAYS,
  WEEKEND,
  WORKDAYS,
} from './hours';
import { useStationLabels } from './labels';

const FORMAT = 'HH:mm';

/** `HH:MM` as a dayjs of today (no format parsing plugin needed). */
function toDayjs(s: string | null): Dayjs | null {
  const m = s ? /^(\d{2}):(\d{2})$/.exec(s) : null;
  return m ? dayjs().hour(Number(m[1])).minute(Number(m[2])).second(0).millisecond(0) : null;
}
const fromDayjs = (d: Dayjs | null) => (d ? d.format(FORMAT) : null);

function TimeField({
  value,
  onChange,
  label,
  invalid,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  label: string;
  invalid: boolean;
}) {
  return (
    <TimePicker
      aria-label={label}
      placeholder={label}
      format={FORMAT}
      value={toDayjs(value)}
      onChange={(d) => onChange(fromDayjs(d))}
      needConfirm={false}
      status={invalid ? 'error' : undefined}
      style={{ width: 112 }}
    />
  );
}

/** The current minute, refreshed every 30 s (the "open now" preview). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(h);
  }, [intervalMs]);
  return now;
}

/**
 * Opening hours editor: weekly rows (day checkboxes, opening and closing time; a closing time at
 * or before the opening time runs into the next day), a 24-hour switch, the public-holiday rule
 * and a live "open now" preview. Validates as the server does and shows each problem on its row.
 * `compact` (a service's own hours) leaves out the holiday rule and the preview.
 */
export function HoursEditor({
  value,
  onChange,
  compact = false,
  idPrefix = 'hours',
}: {
  value?: HoursForm;
  onChange?: (v: HoursForm) => void;
  compact?: boolean;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const { locale } = useStationLabels();
  const now = useNow();
  if (!value) return null;
  const issues = hoursIssues(value);
  const issueAt = (path: string): HoursIssue | undefined => issues.find((i) => i.path === path);
  const set = (patch: Partial<HoursForm>) => onChange?.({ ...value, ...patch });
  const setRow = (i: number, patch: Partial<HoursRowForm>) =>
    set({ weekly: value.weekly.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const dayOptions = WEEKDAYS.map((d) => ({ value: d, label: STATION_WEEKDAY_LABELS[locale][d] }));
  const valid = issues.length === 0;
  const hours = formToHours(value);

  return (
    <div className="nx-hours-editor" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Space wrap>
        <Switch
          id={`${idPrefix}-always`}
          checked={value.alwaysOpen}
          onChange={(alwaysOpen) => set({ alwaysOpen })}
        />
        <label htmlFor={`${idPrefix}-always`}>{t('stationConsole.hours.alwaysOpen')}</label>
      </Space>

      {value.alwaysOpen ? null : (
        <>
          {value.weekly.map((row, i) => {
            const daysIssue = issueAt(`weekly.${i}.days`);
            const openBad = Boolean(issueAt(`weekly.${i}.open`));
            const closeBad = Boolean(issueAt(`weekly.${i}.close`));
            return (
              <fieldset
                // Rows have no identity of their own; their position is what the form names.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index
                key={i}
                aria-label={t('stationConsole.hours.days')}
                style={{
                  border: '1px solid #f0e6e0',
                  borderRadius: 8,
                  padding: '10px 12px',
                  margin: 0,
                  background: '#fffcfa',
                }}
              >
                <Space wrap align="center" size={[12, 8]}>
                  <Checkbox.Group
                    options={dayOptions}
                    value={row.days}
                    onChange={(days) => setRow(i, { days: (days as number[]).slice() })}
                  />
                  <Space size={6} align="center">
                    <TimeField
                      label={t('stationConsole.hours.open')}
                      value={row.open}
                      invalid={openBad}
                      onChange={(open) => setRow(i, { open })}
                    />
                    <span aria-hidden>–</span>
                    <TimeField
                      label={t('stationConsole.hours.close')}
                      value={row.close}
                      invalid={closeBad}
                      onChange={(close) => setRow(i, { close })}
                    />
                    {isOvernight(row.open, row.close) ? (
                      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                        {t('stationConsole.hours.overnight', { time: row.close })}
                      </Tag>
                    ) : null}
                  </Space>
                  <Tooltip title={t('stationConsole.hours.removeRow')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      aria-label={t('stationConsole.hours.removeRow')}
                      icon={<DeleteOutlined />}
                      onClick={() => set({ weekly: value.weekly.filter((_, j) => j !== i) })}
                    />
                  </Tooltip>
                </Space>
                {daysIssue || openBad || closeBad ? (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                    {daysIssue
                      ? t(`stationConsole.hours.issues.${daysIssue.key}`)
                      : t('stationConsole.hours.issues.badTime')}
                  </Typography.Text>
                ) : null}
              </fieldset>
            );
          })}
          {issueAt('weekly') ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('stationConsole.hours.issues.needSpan')}
            </Typography.Text>
          ) : null}
          <Space wrap size={[8, 8]}>
            <Button
              icon={<PlusOutlined />}
              size="small"
              onClick={() => set({ weekly: [...value.weekly, { days: [], open: '09:00', close: '18:00' }] })}
            >
              {t('stationConsole.hours.addRow')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stationConsole.hours.presets')}
            </Typography.Text>
            {(
              [
                ['presetDaily', [...WEEKDAYS]],
                ['presetWorkdays', [...WORKDAYS]],
                ['presetWeekend', [...WEEKEND]],
              ] as const
            ).map(([key, days]) => (
              <Button
                key={key}
                size="small"
                type="dashed"
                onClick={() =>
                  set({ weekly: [...value.weekly, { days: [...days], open: '08:00', close: '20:00' }] })
                }
              >
                {t(`stationConsole.hours.${key}`)}
              </Button>
            ))}
          </Space>
        </>
      )}

      {compact ? null : (
        <>
          <Space wrap align="center" size={[12, 8]}>
            <Typography.Text>{t('stationConsole.hours.holidays')}</Typography.Text>
            <Radio.Group
              aria-label={t('stationConsole.hours.holidays')}
              optionType="button"
              size="small"
              value={value.holidayMode}
              onChange={(e) => set({ holidayMode: e.target.value })}
              options={[
                { value: 'as_usual', label: t('stationConsole.hours.holidayAsUsual') },
                { value: 'closed', label: t('stationConsole.hours.holidayClosed') },
                { value: 'hours', label: t('stationConsole.hours.holidayHours') },
              ]}
            />
            {value.holidayMode === 'hours' ? (
              <Space size={6}>
                <TimeField
                  label={`${t('stationConsole.hours.holidays')} ${t('stationConsole.hours.open')}`}
                  value={value.holidayOpen}
                  invalid={Boolean(issueAt('holidays.open'))}
                  onChange={(holidayOpen) => set({ holidayOpen })}
                />
                <span aria-hidden>–</span>
                <TimeField
                  label={`${t('stationConsole.hours.holidays')} ${t('stationConsole.hours.close')}`}
                  value={value.holidayClose}
                  invalid={Boolean(issueAt('holidays.close'))}
                  onChange={(holidayClose) => set({ holidayClose })}
                />
              </Space>
            ) : null}
          </Space>
          <div
            role="status"
            aria-live="polite"
            data-testid="hours-preview"
            style={{
              display: 'flex',
              gap: 10,
              alignItems: 'center',
              flexWrap: 'wrap',
              padding: '8px 12px',
              borderRadius: 8,
              background: '#f6f3f1',
            }}
          >
            {valid ? (
              <Tag color={isOpenAt(hours, now) ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
                {isOpenAt(hours, now)
                  ? t('stationConsole.hours.previewOpen')
                  : t('stationConsole.hours.previewClosed')}
              </Tag>
            ) : (
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {t('stationConsole.hours.previewInvalid')}
              </Tag>
            )}
            <Typography.Text>{valid ? hoursText(hours, locale) : ''}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stationConsole.hours.previewHint')}
            </Typography.Text>
          </div>
        </>
      )}
    </div>
  );
}
