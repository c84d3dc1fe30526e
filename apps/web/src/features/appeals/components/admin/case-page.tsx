import { ArrowLeftOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../../../i18n';
import { ApiError } from '../../../../lib/api-error';
import { CaseLocationMap } from '../../../appeal-map/case-location-map';
import { CasePhotos } from '../../../files/admin-photos';
import { SimilarAppealsCard } from '../../../projects/similar-card';
import { useAppeal } from '../../api/appeals';
import {
  APPEAL_ACTIONS,
  type AppealAction,
  type AppealAssignment,
  type AppealDetail,
  type AppealEvent,
} from '../../api/types';
import { STATE_COLOR } from '../../labels';
import { AppealActionModal } from './action-modal';
import { DeadlineCell, remainingText, StateTag, SupervisedBadge, UrgencyTag } from './appeal-tags';

/** Primary actions first; the rest follow in contract order. */
const PRIMARY: readonly AppealAction[] = [
  'accept',
  'dispatch',
  'sign',
  'redispatch',
  'resolve',
  'visit',
  'close',
];
const DANGER: readonly AppealAction[] = ['refuse', 'return', 'terminate'];

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

function ActionBar({ appeal, onAction }: { appeal: AppealDetail; onAction: (a: AppealAction) => void }) {
  const { t } = useTranslation();
  const allowed = APPEAL_ACTIONS.filter((a) => appeal.actions?.[a]);
  if (!allowed.length)
    return <Typography.Text type="secondary">{t('appeals.case.noActions')}</Typography.Text>;
  const ordered = [...allowed].sort((a, b) => Number(PRIMARY.includes(b)) - Number(PRIMARY.includes(a)));
  return (
    <Space wrap role="toolbar" aria-label={t('appeals.case.actions')}>
      {ordered.map((a, i) => (
        <Button
          key={a}
          type={i === 0 && PRIMARY.includes(a) ? 'primary' : 'default'}
          danger={DANGER.includes(a)}
          onClick={() => onAction(a)}
        >
          {t(`appeals.action.${a}`)}
        </Button>
      ))}
    </Space>
  );
}

function eventLabel(t: TFunction, e: AppealEvent): string {
  return t(`appeals.event.${e.action}`, { defaultValue: e.actionLabel || e.action });
}

function EventTimeline({ events }: { events: AppealEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return <Empty description={t('appeals.case.noEvents')} />;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: e.toState ? (STATE_COLOR[e.toState] === 'default' ? 'gray' : STATE_COLOR[e.toState]) : 'gray',
        content: (
          <div>
            <Space size={6} wrap>
              <Typography.Text strong>{eventLabel(t, e)}</Typography.Text>
              {e.fromState && e.toState && e.fromState !== e.toState ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`appeals.state.${e.fromState}`)} → {t(`appeals.state.${e.toState}`)}
                </Typography.Text>
              ) : null}
              {e.public ? (
                <Tooltip title={t('appeals.case.publicEventHint')}>
                  <Tag bordered={false} color="gold">
                    {t('appeals.case.publicEvent')}
                  </Tag>
                </Tooltip>
              ) : null}
            </Space>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {fmt(e.at)} · {e.actorName || t('appeals.case.system')}
            </div>
            {e.note ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

function Assignments({ list }: { list: AppealAssignment[] }) {
  const { t } = useTranslation();
  return (
    <Table<AppealAssignment>
      size="small"
      rowKey={(a) => `${a.id ?? a.unitId}-${a.dispatchedAt ?? ''}`}
      pagination={false}
      dataSource={list}
      locale={{ emptyText: t('appeals.notDispatched') }}
      columns={[
        {
          title: t('appeals.case.unit'),
          dataIndex: 'unitName',
          render: (_, a) => (
            <Space size={6}>
              <Tag color={a.role === 'lead' ? 'volcano' : 'default'}>
                {a.role === 'lead' ? t('appeals.case.lead') : t('appeals.case.co')}
              </Tag>
              {a.unitName ?? '—'}
            </Space>
          ),
        },
        { title: t('appeals.case.dispatchedAt'), dataIndex: 'dispatchedAt', width: 150, render: fmt },
        { title: t('appeals.case.signedAt'), dataIndex: 'signedAt', width: 150, render: fmt },
        {
          title: t('appeals.case.returned'),
          dataIndex: 'returnedAt',
          render: (_, a) =>
            a.returnedAt ? (
              <div>
                <Typography.Text type="danger">{fmt(a.returnedAt)}</Typography.Text>
                {a.notOurDuty ? <Tag color="red">{t('appeals.form.notOurDuty')}</Tag> : null}
                {a.returnReason ? <div style={{ whiteSpace: 'pre-wrap' }}>{a.returnReason}</div> : null}
              </div>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** 诉求详情: everything about one case and the actions the signed-in staff member may take. */
export function AppealCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const appeal = useAppeal(id);
  const [action, setAction] = useState<AppealAction | null>(null);

  if (appeal.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (appeal.error || !appeal.data) {
    const notFound =
      appeal.error instanceof ApiError && (appeal.error.status === 404 || appeal.error.status === 403);
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('appeals.case.notFound') : t('common.loadFailed')}
          subTitle={errorText(appeal.error)}
          extra={
            <Space>
              <Button onClick={() => navigate('/admin/appeals')}>{t('appeals.case.backToList')}</Button>
              {notFound ? null : (
                <Button type="primary" onClick={() => void appeal.refetch()}>
                  {t('common.retry')}
                </Button>
              )}
            </Space>
          }
        />
      </Card>
    );
  }
  const a = appeal.data;
  const pendingExt = a.extensions.some((e) => e.status === 'pending');
  const supervision = a.timeline.filter((e) => e.action === 'supervise');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={10} wrap>
            <Link to="/admin/appeals" aria-label={t('appeals.case.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.caseNo}</span>
            <StateTag state={a.state} />
            <Tag>{t(`appeals.type.${a.type}`)}</Tag>
            <UrgencyTag urgency={a.urgency} />
            {a.supervised ? <SupervisedBadge /> : null}
            {a.reopenCount > 0 ? (
              <Tag color="orange">{t('appeals.reopenCount', { count: a.reopenCount })}</Tag>
            ) : null}
            {pendingExt ? <Tag color="gold">{t('appeals.case.extensionPending')}</Tag> : null}
          </Space>
        }
        extra={
          <Tooltip title={t('appeals.workbench.refresh')}>
            <Button
              aria-label={t('appeals.workbench.refresh')}
              icon={<ReloadOutlined />}
              loading={appeal.isFetching}
              onClick={() => void appeal.refetch()}
            />
          </Tooltip>
        }
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {a.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('appeals.field.category')}>{a.categoryName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.channel')}>
            {t(`appeals.channel.${a.channel}`, a.channel)}
          </Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.region')}>{a.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.leadUnit')}>
            {a.leadUnitName ?? t('appeals.notDispatched')}
          </Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.createdAt')}>{fmt(a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.dispatchedAt')}>{fmt(a.dispatchedAt)}</Descriptions.Item>
          {a.state === 'submitted' || a.state === 'accepted' ? (
            <Descriptions.Item label={t('appeals.field.dispatchDue')}>
              {a.dispatchDueAt ? (
                <span>
                  {fmt(a.dispatchDueAt)}
                  <Typography.Text
                    type={dayjs(a.dispatchDueAt).isBefore(dayjs()) ? 'danger' : 'secondary'}
                    style={{ marginInlineStart: 6, fontSize: 12 }}
                  >
                    {remainingText(t, a.dispatchDueAt)}
                  </Typography.Text>
                </span>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('appeals.field.signDue')}>
            {a.signDueAt ? (
              <span>
                {fmt(a.signDueAt)}
                {a.state === 'dispatched' ? (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                    {remainingText(t, a.signDueAt)}
                  </Typography.Text>
                ) : null}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('appeals.field.deadline')}>
            <DeadlineCell appeal={{ ...a, signDueAt: null }} />
          </Descriptions.Item>
        </Descriptions>
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 12, paddingTop: 16 }}>
          <ActionBar appeal={a} onAction={setAction} />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('appeals.case.description')} size="small">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
                {a.description}
              </Typography.Paragraph>
              <Space size={8} wrap>
                <Tag color={a.privacy === 'public' ? 'green' : 'default'}>
                  {t(`appeals.privacy.${a.privacy}`)}
                </Tag>
                {a.anonymous ? <Tag>{t('appeals.case.anonymousTag')}</Tag> : null}
                {a.duplicateOf ? (
                  <Link to={`/admin/appeals/${a.duplicateOf}`}>{t('appeals.case.duplicateOf')}</Link>
                ) : null}
              </Space>
            </Card>
            {a.photos.length ? (
              <Card
                title={t('files.view.title')}
                size="small"
                extra={t('files.view.count', { count: a.photos.length })}
              >
                <CasePhotos photos={a.photos} />
              </Card>
            ) : null}
            {a.reply ? (
              <Card title={t('appeals.case.reply')} size="small">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {a.reply}
                </Typography.Paragraph>
              </Card>
            ) : null}
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Card title={t('appeals.case.location')} size="small" style={{ height: '100%' }}>
                  {a.location ? (
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <CaseLocationMap location={a.location} caseNo={a.caseNo} />
                      <span>
                        <EnvironmentOutlined style={{ color: '#d4380d', marginInlineEnd: 6 }} />
                        {a.location.address || t('appeals.case.noAddress')}
                      </span>
                      <Typography.Text
                        type="secondary"
                        style={{ fontVariantNumeric: 'tabular-nums', fontSize: 12 }}
                      >
                        {a.location.lat.toFixed(6)}, {a.location.lng.toFixed(6)} (WGS-84)
                      </Typography.Text>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('appeals.case.noLocation')}</Typography.Text>
                  )}
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card title={t('appeals.case.reporter')} size="small" style={{ height: '100%' }}>
                  <Space orientation="vertical" size={4}>
                    {a.anonymous && !a.reporter.contactName && !a.reporter.contactPhoneMasked ? (
                      <Typography.Text type="secondary">{t('appeals.case.anonymous')}</Typography.Text>
                    ) : (
                      <span>
                        {a.reporter.contactName ?? (a.reporter.userId ? t('appeals.case.appUser') : '—')}
                        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', marginInlineStart: 8 }}>
                          {a.reporter.contactPhoneMasked ?? ''}
                        </Typography.Text>
                      </span>
                    )}
                    {a.caller ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('appeals.case.caller', {
                          name: a.caller.name ?? '—',
                          phone: a.caller.phoneMasked ?? '—',
                          at: fmt(a.caller.calledAt),
                        })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                </Card>
              </Col>
            </Row>
            <Card title={t('appeals.case.assignments')} size="small">
              <Assignments list={a.assignments} />
            </Card>
            <Card title={t('appeals.case.extensions')} size="small">
              {a.extensions.length ? (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={a.extensions}
                  columns={[
                    {
                      title: t('appeals.case.requestedAt'),
                      dataIndex: 'requestedAt',
                      width: 150,
                      render: fmt,
                    },
                    {
                      title: t('appeals.form.workingDays'),
                      dataIndex: 'workingDays',
                      width: 90,
                      render: (d: number) => t('appeals.case.days', { count: d }),
                    },
                    { title: t('appeals.form.extendReason'), dataIndex: 'reason' },
                    {
                      title: t('appeals.field.state'),
                      dataIndex: 'status',
                      width: 150,
                      render: (s: string, e) => (
                        <Space orientation="vertical" size={0}>
                          <Tag color={s === 'approved' ? 'green' : s === 'pending' ? 'gold' : 'default'}>
                            {t(`appeals.extensionStatus.${s}`, s)}
                          </Tag>
                          {e.decidedAt ? (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {fmt(e.decidedAt)} {e.decidedByName ?? ''}
                            </Typography.Text>
                          ) : null}
                          {e.newDueAt ? (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('appeals.case.newDue', { at: fmt(e.newDueAt) })}
                            </Typography.Text>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{t('appeals.case.noExtensions')}</Typography.Text>
              )}
            </Card>
            <Card title={t('appeals.case.visits')} size="small">
              {a.visits.length ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {a.visits.map((v) => (
                    <div key={v.id} style={{ display: 'flex', gap: 12 }}>
                      <Tag
                        color={
                          v.satisfaction === 'unsatisfied'
                            ? 'red'
                            : v.satisfaction === 'no_answer'
                              ? 'default'
                              : 'green'
                        }
                      >
                        {t(`appeals.satisfaction.${v.satisfaction}`, v.satisfaction)}
                      </Tag>
                      <div>
                        <div>
                          {v.comment || (
                            <Typography.Text type="secondary">{t('appeals.case.noComment')}</Typography.Text>
                          )}
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmt(v.at)} · {t(`appeals.visitChannel.${v.channel}`)}
                          {v.byName ? ` · ${v.byName}` : ''}
                        </Typography.Text>
                      </div>
                    </div>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('appeals.case.noVisits')}</Typography.Text>
              )}
            </Card>
            {supervision.length ? (
              <Card title={t('appeals.case.supervision')} size="small">
                {supervision.map((s) => (
                  <div key={s.id} style={{ marginBottom: 8 }}>
                    <Typography.Text type="danger">{s.note}</Typography.Text>
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {fmt(s.at)}
                      {s.actorName ? ` · ${s.actorName}` : ''}
                    </div>
                  </div>
                ))}
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <SimilarAppealsCard appeal={a} />
          <Card title={t('appeals.case.timeline')} size="small">
            <EventTimeline events={a.timeline} />
          </Card>
        </Col>
      </Row>
      <AppealActionModal appeal={a} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
