import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  CascadePicker,
  type CascadePickerOption,
  Form,
  NavBar,
  NoticeBar,
  Result,
  Segmented,
  Selector,
  Switch,
  TextArea,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RegionPickerMobile } from '../../../../components/region-picker-mobile';
import { errorText } from '../../../../i18n';
import { api } from '../../../../lib/api-client';
import { ApiError } from '../../../../lib/api-error';
import { newIdempotencyKey } from '../../../../lib/idempotency';
import { offlineQueue, useOfflineQueueCount, useOnline } from '../../../../lib/offline-queue.browser';
import { PhotoPicker, usePhotoPicker } from '../../../files/photo-picker';
import {
  APPEALS_KEY,
  type CategoryNode,
  categoryTree,
  useAppealCategories,
  useFollowAppeal,
} from '../../api/appeals';
import {
  APPEAL_TYPES,
  type AppealDetail,
  type AppealType,
  type CreateAppealInput,
  type NearbyAppeal,
} from '../../api/types';
import { MStateTag } from './m-bits';

export const APPEALS_URL = '/api/v1/appeals';

interface Point {
  lat: number;
  lng: number;
  accuracy: number;
}

type LocationChoice = 'none' | 'here';

function toCascade(nodes: readonly CategoryNode[]): CascadePickerOption[] {
  return nodes
    .filter((n) => n.acceptsPublic)
    .map((n) => ({
      label: n.name,
      value: n.id,
      children: n.children.length ? toCascade(n.children) : undefined,
    }));
}

function findPath(nodes: readonly CategoryNode[], id: string): CategoryNode[] {
  for (const n of nodes) {
    if (n.id === id) return [n];
    const sub = findPath(n.children, id);
    if (sub.length) return [n, ...sub];
  }
  return [];
}

const card = { borderRadius: 14, margin: '12px 12px 0' } as const;
const label = { fontSize: 15, fontWeight: 600, marginBottom: 8, display: 'block' } as const;

/** Whether a queued item with this id is still waiting. */
function useStillQueued(id: string | null): boolean {
  return useSyncExternalStore(
    (cb) => offlineQueue.subscribe(cb),
    () => (id ? offlineQueue.items().some((i) => i.id === id) : false),
  );
}

/**
 * 我要反映: a one-hand form for riders (APL-01). Online it posts at once; offline (or when the post
 * never got an answer) it goes into the offline queue with the same Idempotency-Key, so a retry can
 * never file the case twice. Before filing it offers cases already open nearby (关注 instead).
 */
export function ReportAppealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const online = useOnline();
  const pending = useOfflineQueueCount();
  const categories = useAppealCategories();
  const tree = useMemo(() => categoryTree(categories.data ?? []), [categories.data]);
  const cascade = useMemo(() => toCascade(tree), [tree]);

  const [type, setType] = useState<AppealType>('help');
  const [categoryPath, setCategoryPath] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [county, setCounty] = useState<string | undefined>();
  const [township, setTownship] = useState<string | undefined>();
  const [locChoice, setLocChoice] = useState<LocationChoice>('none');
  const [point, setPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [locError, setLocError] = useState<string | null>(null);
  const [isPublic, setIsPublic] = useState(false);
  const [pickCategory, setPickCategory] = useState(false);
  const [nearby, setNearby] = useState<NearbyAppeal[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [sending, setSending] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const stillQueued = useStillQueued(queuedId);
  const follow = useFollowAppeal();
  const [touched, setTouched] = useState(false);
  const photos = usePhotoPicker({ online, keyPrefix: idempotencyKey });

  const categoryId = categoryPath[categoryPath.length - 1];
  const categoryNode = categoryId ? findPath(tree, categoryId).at(-1) : undefined;
  const categoryIsLeaf = Boolean(categoryNode && categoryNode.children.length === 0);
  const categoryLabel = categoryId
    ? findPath(tree, categoryId)
        .map((n) => n.name)
        .join(' / ')
    : '';
  const descOk = description.trim().length >= 5;
  const valid = categoryIsLeaf && descOk && Boolean(county);

  const locate = () => {
    setLocChoice('here');
    setLocError(null);
    if (!('geolocation' in navigator)) {
      setLocError(t('appeals.m.locUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        // The browser reports WGS-84; it is sent as such (crs 'wgs84').
        setPoint({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy });
      },
      (err) => {
        setLocating(false);
        setPoint(null);
        setLocError(err.code === err.PERMISSION_DENIED ? t('appeals.m.locDenied') : t('appeals.m.locFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const body = (): CreateAppealInput => ({
    type,
    categoryId: categoryId ?? '',
    description: description.trim(),
    regionCode: township ?? county,
    privacy: isPublic ? 'public' : 'private',
    location: locChoice === 'here' && point ? { lat: point.lat, lng: point.lng, crs: 'wgs84' } : undefined,
  });

  const reset = () => {
    setCategoryPath([]);
    setDescription('');
    setNearby(null);
    setTouched(false);
    setIdempotencyKey(newIdempotencyKey());
    photos.reset();
  };

  /**
   * Into the offline queue under the same key. Photos go with it as Blobs (with the ids of those
   * already uploaded); the queue uploads the rest first when the network is back.
   */
  const enqueue = async () => {
    if (photos.photos.length) {
      try {
        const item = await offlineQueue.enqueueWithPhotos({
          url: APPEALS_URL,
          body: body(),
          idempotencyKey,
          photoField: 'photoIds',
          photos: photos.photos.map((p) => (p.id ? { blob: p.blob, uploadedId: p.id } : { blob: p.blob })),
        });
        setQueuedId(item.id);
        reset();
      } catch {
        // Nothing was queued; the form keeps everything.
        Toast.show({ icon: 'fail', content: t('files.picker.storeFailed') });
      }
      return;
    }
    const item = offlineQueue.enqueue({ url: APPEALS_URL, body: body(), idempotencyKey });
    setQueuedId(item.id);
    reset();
  };

  const send = async () => {
    if (photos.uploading) {
      Toast.show({ content: t('files.picker.busy') });
      return;
    }
    if (photos.rejected) {
      Toast.show({ icon: 'fail', content: t('files.picker.rejectedBlock') });
      return;
    }
    // Offline, or photos still waiting for the network: the queue sends it all in order.
    if (!online || photos.waiting) {
      await enqueue();
      return;
    }
    setSending(true);
    try {
      const detail = await api<AppealDetail>(APPEALS_URL, {
        method: 'POST',
        body: photos.ids.length ? { ...body(), photoIds: photos.ids } : body(),
        headers: { 'idempotency-key': idempotencyKey },
      });
      void qc.invalidateQueries({ queryKey: APPEALS_KEY });
      reset();
      Toast.show({ icon: 'success', content: t('appeals.m.sent', { caseNo: detail.caseNo }) });
      navigate(`/m/appeals/${detail.id}`, { replace: true });
    } catch (err) {
      // No answer or a server fault: keep it safe in the queue under the same key. An upload the
      // server no longer takes (expired) is uploaded again by the queue from the kept Blob.
      if (
        err instanceof ApiError &&
        (err.status === 0 ||
          err.status >= 500 ||
          err.status === 408 ||
          (err.code === 'file.not_attachable' && photos.photos.length > 0))
      )
        await enqueue();
      else Toast.show({ icon: 'fail', content: errorText(err) });
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    setTouched(true);
    if (!valid) {
      Toast.show({ content: t('appeals.m.fillRequired') });
      return;
    }
    if (online && point && locChoice === 'here' && categoryId && nearby === null) {
      setChecking(true);
      try {
        const found = await api<NearbyAppeal[]>('/api/v1/appeals/nearby', {
          query: { categoryId, lat: point.lat, lng: point.lng, crs: 'wgs84' },
        });
        if (found.length) {
          setNearby(found);
          return;
        }
      } catch {
        // the check is a courtesy; filing must still work without it
      } finally {
        setChecking(false);
      }
    }
    await send();
  };

  const followCase = (id: string) =>
    follow.mutate(id, {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: t('appeals.m.followed') });
        reset();
        navigate(`/m/appeals/${id}`);
      },
      onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
    });

  if (queuedId)
    return (
      <>
        <NavBar onBack={() => navigate('/m')} style={{ background: '#fff' }}>
          {t('m.home.entries.appeal')}
        </NavBar>
        <div style={card}>
          <Result
            status={stillQueued ? 'waiting' : 'success'}
            title={stillQueued ? t('appeals.m.queuedTitle') : t('appeals.m.queuedSentTitle')}
            description={stillQueued ? t('appeals.m.queuedDesc') : t('appeals.m.queuedSentDesc')}
            style={{ borderRadius: 14 }}
          />
          <div
            aria-live="polite"
            style={{ textAlign: 'center', color: '#d46b08', margin: '8px 0 16px', fontSize: 15 }}
          >
            {pending > 0 ? t('m.me.queueCount', { count: pending }) : t('m.me.queueEmpty')}
          </div>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: '0 4px' }}>
            <Button block color="primary" size="large" shape="rounded" onClick={() => navigate('/m/appeals')}>
              {t('appeals.m.myAppeals')}
            </Button>
            <Button block size="large" shape="rounded" onClick={() => setQueuedId(null)}>
              {t('appeals.m.reportAnother')}
            </Button>
          </div>
        </div>
      </>
    );

  return (
    <>
      <NavBar
        onBack={() => navigate(-1)}
        right={
          <Link to="/m/appeals" style={{ color: '#d4380d', fontSize: 14 }}>
            {t('appeals.m.myAppeals')}
          </Link>
        }
        style={{ background: '#fff' }}
      >
        {t('m.home.entries.appeal')}
      </NavBar>
      {!online ? <NoticeBar content={t('appeals.m.offlineNotice')} color="alert" /> : null}
      {pending > 0 ? (
        <NoticeBar
          content={<span aria-live="polite">{t('appeals.m.pendingNotice', { count: pending })}</span>}
          color="info"
        />
      ) : null}

      <Card style={card}>
        <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          <legend style={{ ...label, padding: 0 }}>{t('appeals.field.type')}</legend>
          <Segmented
            block
            value={type}
            onChange={(v) => setType(v as AppealType)}
            options={APPEAL_TYPES.map((v) => ({ label: t(`appeals.type.${v}`), value: v }))}
          />
        </fieldset>
        <div style={{ color: '#8c6d60', fontSize: 12, marginTop: 6 }}>{t(`appeals.typeHint.${type}`)}</div>
      </Card>

      <Card style={card}>
        <Form
          layout="vertical"
          style={{ '--border-top': 'none', '--border-bottom': 'none' } as CSSProperties}
        >
          <Form.Item
            label={<span style={label}>{t('appeals.field.category')}</span>}
            onClick={() => setPickCategory(true)}
            arrow
            description={
              touched && !categoryIsLeaf ? (
                <span style={{ color: '#cf1322' }}>{t('appeals.m.categoryRequired')}</span>
              ) : null
            }
          >
            <button
              type="button"
              aria-label={t('appeals.field.category')}
              style={{
                all: 'unset',
                width: '100%',
                minHeight: 24,
                color: categoryLabel ? '#2b1710' : '#b8a097',
              }}
            >
              {categoryLabel || (categories.isLoading ? t('common.loading') : t('appeals.m.pickCategory'))}
            </button>
          </Form.Item>
          <Form.Item
            label={
              <label htmlFor="appeal-description" style={label}>
                {t('appeals.form.description')}
              </label>
            }
            description={
              touched && !descOk ? (
                <span style={{ color: '#cf1322' }}>{t('appeals.form.descriptionMin')}</span>
              ) : null
            }
          >
            <TextArea
              id="appeal-description"
              placeholder={t('appeals.m.descriptionPlaceholder')}
              value={description}
              onChange={setDescription}
              autoSize={{ minRows: 4, maxRows: 8 }}
              maxLength={2000}
              showCount
            />
          </Form.Item>
        </Form>
      </Card>

      <Card style={card}>
        <span style={label}>{t('appeals.m.where')}</span>
        <RegionPickerMobile
          county={county}
          township={township}
          onChange={(c, tw) => {
            setCounty(c);
            setTownship(tw);
          }}
          labels={{
            county: t('appeals.form.county'),
            township: t('appeals.form.township'),
            wholeCounty: t('appeals.m.wholeCounty'),
          }}
        />
        {touched && !county ? (
          <div style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>{t('appeals.m.regionRequired')}</div>
        ) : null}
        <div style={{ marginTop: 14 }}>
          <Selector<LocationChoice>
            aria-label={t('appeals.m.location')}
            columns={2}
            value={[locChoice]}
            onChange={(v) => {
              const c = v[0] ?? 'none';
              if (c === 'here') locate();
              else {
                setLocChoice('none');
                setPoint(null);
                setNearby(null);
              }
            }}
            options={[
              { label: t('appeals.m.locHere'), value: 'here' },
              { label: t('appeals.m.locNone'), value: 'none' },
            ]}
          />
          <div aria-live="polite" style={{ fontSize: 13, color: '#8c6d60', marginTop: 6 }}>
            {locChoice === 'none'
              ? t('appeals.m.locNoneHint')
              : locating
                ? t('appeals.m.locating')
                : point
                  ? t('appeals.m.locGot', {
                      lat: point.lat.toFixed(5),
                      lng: point.lng.toFixed(5),
                      acc: Math.round(point.accuracy),
                    })
                  : locError}
          </div>
        </div>
      </Card>

      <Card style={card}>
        <PhotoPicker state={photos} id="appeal-photos" />
      </Card>

      <Card style={card}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <div style={{ flex: 1 }}>
            <div style={{ fontSize: 15, fontWeight: 600 }} id="appeal-privacy-label">
              {isPublic ? t('appeals.m.public') : t('appeals.m.private')}
            </div>
            <div style={{ fontSize: 12, color: '#8c6d60' }}>
              {isPublic ? t('appeals.m.publicHint') : t('appeals.m.privateHint')}
            </div>
          </div>
          <Switch checked={isPublic} onChange={setIsPublic} aria-label={t('appeals.m.public')} />
        </div>
      </Card>

      {nearby?.length ? (
        <Card
          style={{ ...card, border: '1px solid #ffd591', background: '#fffbf2' }}
          title={<span style={{ color: '#d46b08' }}>{t('appeals.m.nearbyTitle')}</span>}
        >
          <div style={{ fontSize: 13, color: '#8c6d60', marginBottom: 8 }}>{t('appeals.m.nearbyHint')}</div>
          {nearby.map((n) => (
            <div key={n.id} style={{ background: '#fff', borderRadius: 10, padding: 12, marginBottom: 8 }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span style={{ fontWeight: 600 }}>{n.categoryName}</span>
                <MStateTag state={n.state} />
              </div>
              <div style={{ margin: '6px 0', fontSize: 14 }}>{n.title}</div>
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
                <span style={{ fontSize: 12, color: '#8c6d60' }}>
                  {t('appeals.m.distance', { m: Math.round(n.distanceMeters) })}
                </span>
                <Button
                  size="small"
                  color="primary"
                  fill="outline"
                  loading={follow.isPending}
                  onClick={() => followCase(n.id)}
                >
                  {t('appeals.m.follow')}
                </Button>
              </div>
            </div>
          ))}
          <Button block shape="rounded" onClick={() => void send()} loading={sending}>
            {t('appeals.m.fileAnyway')}
          </Button>
        </Card>
      ) : null}

      <div style={{ padding: '16px 12px 24px' }}>
        {nearby?.length ? null : (
          <Button
            block
            size="large"
            color="primary"
            shape="rounded"
            loading={sending || checking || photos.uploading}
            onClick={() => void submit()}
          >
            {online ? t('appeals.m.submit') : t('appeals.m.submitOffline')}
          </Button>
        )}
      </div>

      <CascadePicker
        title={t('appeals.field.category')}
        options={cascade}
        visible={pickCategory}
        onClose={() => setPickCategory(false)}
        value={categoryPath}
        onConfirm={(v) => {
          setCategoryPath(v.filter((x): x is string => typeof x === 'string'));
          setNearby(null);
        }}
        confirmText={t('common.confirm')}
        cancelText={t('common.cancel')}
      />
    </>
  );
}
