import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Dialog,
  DotLoading,
  ErrorBlock,
  InfiniteScroll,
  NavBar,
  PullToRefresh,
  Tag,
} from 'antd-mobile';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../../../i18n';
import { api } from '../../../../lib/api-client';
import type { QueueItem } from '../../../../lib/offline-queue';
import { offlineQueue, useOnline } from '../../../../lib/offline-queue.browser';
import { APPEALS_KEY } from '../../api/appeals';
import type { AppealSummary, AppealsPage } from '../../api/types';
import { MStateTag } from './m-bits';
import { APPEALS_URL } from './report-page';

const PAGE_SIZE = 20;

function useQueuedAppeals(): readonly QueueItem[] {
  const items = useSyncExternalStore(
    (cb) => offlineQueue.subscribe(cb),
    () => offlineQueue.items(),
  );
  return items.filter((i) => i.url === APPEALS_URL && i.method === 'POST');
}

function queuedText(item: QueueItem): string {
  const body = item.body as { description?: unknown } | null;
  return typeof body?.description === 'string' ? body.description.slice(0, 40) : '';
}

/** Why a queued item waits for the worker, in words. */
function blockedText(t: TFunction, q: QueueItem): string | null {
  if (!q.blocked) return null;
  const reason =
    q.blocked.code === 'client.photo_missing'
      ? t('files.queue.photoMissing')
      : errorText({ code: q.blocked.code });
  return q.blocked.photo === undefined
    ? t('files.queue.blocked', { reason })
    : t('files.queue.blockedPhoto', { n: q.blocked.photo + 1, reason });
}

/** One queued filing: what it says, its photos, and — when the server refused — why and what to do. */
function QueuedCard({ q }: { q: QueueItem }) {
  const { t } = useTranslation();
  const blocked = blockedText(t, q);
  const photoCount = q.photos?.length ?? 0;
  const discard = async () => {
    const ok = await Dialog.confirm({
      content: t('files.queue.discardConfirm'),
      confirmText: t('common.confirm'),
      cancelText: t('common.cancel'),
    });
    if (ok) await offlineQueue.discard(q.id);
  };
  return (
    <Card
      style={{
        borderRadius: 14,
        marginBottom: 8,
        border: blocked ? '1px solid #ff7875' : '1px dashed #ffc069',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span>{queuedText(q)}</span>
        <Tag
          color={blocked ? 'danger' : 'warning'}
          fill="outline"
          round
          style={{ flexShrink: 0, alignSelf: 'flex-start', whiteSpace: 'nowrap' }}
        >
          {t('appeals.m.waitingToSend')}
        </Tag>
      </div>
      <div style={{ fontSize: 12, color: '#8c6d60', marginTop: 6 }}>
        {dayjs(q.createdAt).format('MM-DD HH:mm')}
        {photoCount ? ` · ${t('files.queue.withPhotos', { count: photoCount })}` : ''}
      </div>
      {blocked ? (
        <div role="alert" style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>
          {blocked}
        </div>
      ) : q.attempts > 0 ? (
        <div style={{ color: '#d46b08', fontSize: 12, marginTop: 6 }}>{t('files.queue.waiting')}</div>
      ) : null}
      {blocked ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 10 }}>
          {q.blocked?.photo !== undefined ? (
            <Button
              size="small"
              color="primary"
              onClick={() => void offlineQueue.removePhoto(q.id, q.blocked?.photo ?? 0)}
            >
              {t('files.queue.removePhoto', { n: (q.blocked?.photo ?? 0) + 1 })}
            </Button>
          ) : null}
          <Button size="small" color="primary" fill="outline" onClick={() => void offlineQueue.retry(q.id)}>
            {t('files.queue.retry')}
          </Button>
          <Button size="small" color="danger" fill="none" onClick={() => void discard()}>
            {t('files.queue.discard')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

function AppealCard({ a }: { a: AppealSummary }) {
  const { t } = useTranslation();
  const open = ['dispatched', 'returned', 'handling'].includes(a.state);
  return (
    <Link
      to={`/m/appeals/${a.id}`}
      style={{ textDecoration: 'none', color: 'inherit' }}
      aria-label={`${a.caseNo} ${a.title}`}
    >
      <Card style={{ borderRadius: 14, margin: '10px 12px 0' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <span style={{ fontWeight: 600, fontSize: 15 }}>{a.categoryName}</span>
          <MStateTag state={a.state} />
        </div>
        <div style={{ margin: '8px 0', fontSize: 14, color: '#2b1710' }}>{a.title}</div>
        <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#8c6d60' }}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.caseNo}</span>
          <span>
            {open && a.dueAt
              ? t('appeals.m.dueBy', { at: dayjs(a.dueAt).format('MM-DD HH:mm') })
              : dayjs(a.createdAt).format('YYYY-MM-DD')}
          </span>
        </div>
        {a.state === 'resolved' ? (
          <div style={{ marginTop: 8, color: '#d4380d', fontSize: 13 }}>{t('appeals.m.pleaseRate')}</div>
        ) : null}
      </Card>
    </Link>
  );
}

/** 我的诉求: what I filed or follow, newest first, with what is still waiting to be sent. */
export function MyAppealsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const online = useOnline();
  const queued = useQueuedAppeals();
  const list = useInfiniteQuery({
    queryKey: [...APPEALS_KEY, 'list', 'mine-infinite'],
    queryFn: ({ pageParam }) =>
      api<AppealsPage>('/api/v1/appeals', { query: { queue: 'mine', page: pageParam, pageSize: PAGE_SIZE } }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <NavBar onBack={() => navigate('/m/services')} style={{ background: '#fff' }}>
        {t('appeals.m.myAppeals')}
      </NavBar>
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <div style={{ minHeight: '60vh', paddingBottom: 16 }}>
          {queued.length ? (
            <section aria-label={t('m.me.queue')} style={{ margin: '12px 12px 0' }}>
              <div style={{ fontSize: 14, color: '#d46b08', marginBottom: 6 }} aria-live="polite">
                {t('m.me.queueCount', { count: queued.length })}
                {online ? '' : ` · ${t('m.me.offline')}`}
              </div>
              {queued.map((q) => (
                <QueuedCard key={q.id} q={q} />
              ))}
            </section>
          ) : null}
          {list.isLoading ? (
            <div style={{ textAlign: 'center', padding: 40, color: '#d4380d' }}>
              <DotLoading color="primary" />
            </div>
          ) : list.error ? (
            <ErrorBlock
              status="disconnected"
              title={t('common.loadFailed')}
              description={errorText(list.error)}
              style={{ marginTop: 40 }}
            >
              <Button color="primary" onClick={() => void list.refetch()}>
                {t('common.retry')}
              </Button>
            </ErrorBlock>
          ) : items.length === 0 && queued.length === 0 ? (
            <ErrorBlock
              status="empty"
              title={t('appeals.m.emptyTitle')}
              description={t('appeals.m.emptyDesc')}
              style={{ marginTop: 40 }}
            >
              <Button color="primary" shape="rounded" onClick={() => navigate('/m/appeals/new')}>
                {t('m.home.entries.appeal')}
              </Button>
            </ErrorBlock>
          ) : (
            <>
              {items.map((a) => (
                <AppealCard key={a.id} a={a} />
              ))}
              <InfiniteScroll
                loadMore={async () => void (await list.fetchNextPage())}
                hasMore={Boolean(list.hasNextPage)}
              >
                {list.hasNextPage ? (
                  <DotLoading />
                ) : (
                  <span style={{ color: '#b8a097', fontSize: 12 }}>{t('appeals.m.noMore')}</span>
                )}
              </InfiniteScroll>
            </>
          )}
        </div>
      </PullToRefresh>
      <div style={{ position: 'fixed', right: 16, bottom: 80, zIndex: 50 }}>
        <Button
          color="primary"
          shape="rounded"
          size="large"
          onClick={() => navigate('/m/appeals/new')}
          style={{ boxShadow: '0 6px 16px rgba(212,56,13,0.3)' }}
        >
          + {t('m.home.entries.appeal')}
        </Button>
      </div>
    </>
  );
}
