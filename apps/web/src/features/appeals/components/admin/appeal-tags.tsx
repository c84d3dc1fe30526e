import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppealState, AppealSummary, Urgency } from '../../api/types';
import { OPEN_STATES, remaining, STATE_COLOR, URGENCY_COLOR } from '../../labels';

export function StateTag({ state }: { state: AppealState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {t(`appeals.state.${state}`)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  if (urgency === 'normal')
    return <Typography.Text type="secondary">{t('appeals.urgency.normal')}</Typography.Text>;
  return (
    <Tag color={URGENCY_COLOR[urgency]} style={{ marginInlineEnd: 0 }}>
      {t(`appeals.urgency.${urgency}`)}
    </Tag>
  );
}

export function remainingText(t: TFunction, dueAt: string): string {
  const r = remaining(dueAt);
  const span =
    r.days > 0
      ? t('appeals.time.daysHours', { d: r.days, h: r.hours })
      : r.hours > 0
        ? t('appeals.time.hoursMinutes', { h: r.hours, m: r.minutes })
        : t('appeals.time.minutes', { m: Math.max(1, r.minutes) });
  return r.overdue ? t('appeals.time.overdueBy', { span }) : t('appeals.time.left', { span });
}

/** Deadline with the time left, or how long it is overdue in red (deadlines run from dispatch). */
export function DeadlineCell({
  appeal,
}: {
  appeal: Pick<AppealSummary, 'dueAt' | 'signDueAt' | 'state' | 'overdue'>;
}) {
  const { t } = useTranslation();
  const due = appeal.state === 'dispatched' && appeal.signDueAt ? appeal.signDueAt : appeal.dueAt;
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  const open =
    OPEN_STATES.includes(appeal.state) && appeal.state !== 'resolved' && appeal.state !== 'visited';
  const r = remaining(due);
  const overdue = open && (appeal.overdue || r.overdue);
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div style={{ fontVariantNumeric: 'tabular-nums' }}>
        {appeal.state === 'dispatched' && appeal.signDueAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
            {t('appeals.time.signBy')}
          </Typography.Text>
        ) : null}
        {dayjs(due).format('MM-DD HH:mm')}
      </div>
      {open ? (
        <Typography.Text
          style={{ fontSize: 12, color: overdue ? '#cf1322' : r.soon ? '#d46b08' : undefined }}
          type={overdue || r.soon ? undefined : 'secondary'}
        >
          {overdue ? <ExclamationCircleOutlined style={{ marginInlineEnd: 4 }} /> : null}
          {remainingText(t, due)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

export function SupervisedBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('appeals.supervisedHint')}>
      <Tag color="red" bordered={false} style={{ marginInlineEnd: 0 }}>
        {t('appeals.supervised')}
      </Tag>
    </Tooltip>
  );
}
