import {
  COMPOUND_ENTRIES,
  type CompoundAccessCardDto,
  type CompoundAccessDto,
  type CompoundEntry,
  containsGateCode,
  type ParkingZoneCardDto,
} from '@nuanxin/shared';
import {
  Button,
  Card,
  DotLoading,
  ErrorBlock,
  Input,
  NavBar,
  NoticeBar,
  Result,
  Skeleton,
  Tabs,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RegionPickerMobile } from '../../components/region-picker-mobile';
import { HomeIcon, MapIcon } from '../../components/tab-icons';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useMyNotes, useNearbyNotes, useNearbyZones, useReportNote } from './api';
import {
  amapLink,
  chooseDistrict,
  DISTRICT_CODES,
  type DistrictCode,
  formatDistance,
  locate,
  useHere,
} from './location';

const RADIUS = 3000;
const card: CSSProperties = { borderRadius: 14, margin: '12px 12px 0' };
const label: CSSProperties = { fontSize: 15, fontWeight: 600, marginBottom: 8, display: 'block' };

const ENTRY_COLOR: Record<CompoundEntry, string> = {
  may_enter: '#389e0d',
  park_outside: '#d46b08',
  gate_code: '#1677ff',
  call_guard: '#1677ff',
  no_entry: '#cf1322',
};
const NOTE_STATUS_COLOR = { reported: 'warning', confirmed: 'success', rejected: 'danger' } as const;

/** Where the list is measured from: the phone's fix, or a district centre with a way to change it. */
function HereBar() {
  const { t } = useTranslation();
  const here = useHere();
  const district = t(`parking.m.district.${here.district}`);
  if (here.status === 'locating')
    return (
      <div style={{ padding: '10px 16px', color: '#8c6d60', fontSize: 13 }} aria-live="polite">
        <DotLoading color="primary" /> {t('parking.m.locating')}
      </div>
    );
  if (!here.fallback)
    return (
      <div style={{ padding: '10px 16px', color: '#8c6d60', fontSize: 13 }} aria-live="polite">
        <span style={{ color: '#d4380d', verticalAlign: '-2px' }}>
          <MapIcon />
        </span>{' '}
        {t('parking.m.located', { acc: Math.round(here.fix?.accuracy ?? 0) })}
      </div>
    );
  const why =
    here.status === 'denied'
      ? 'parking.m.fallbackDenied'
      : here.status === 'timeout'
        ? 'parking.m.fallbackTimeout'
        : 'parking.m.fallbackUnavailable';
  return (
    <div style={{ padding: '8px 12px 0' }}>
      <NoticeBar color="alert" wrap content={<span aria-live="polite">{t(why, { district })}</span>} />
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        {DISTRICT_CODES.map((code) => (
          <Button
            key={code}
            size="small"
            shape="rounded"
            color={code === here.district ? 'primary' : 'default'}
            fill={code === here.district ? 'solid' : 'outline'}
            aria-pressed={code === here.district}
            onClick={() => chooseDistrict(code as DistrictCode)}
          >
            {t(`parking.m.district.${code}`)}
          </Button>
        ))}
        <Button size="small" shape="rounded" onClick={() => locate(true)} style={{ marginLeft: 'auto' }}>
          {t('parking.m.relocate')}
        </Button>
      </div>
    </div>
  );
}

type Row =
  | { kind: 'zone'; d: number; zone: ParkingZoneCardDto }
  | { kind: 'note'; d: number; note: CompoundAccessCardDto };

function ZoneCard({ zone }: { zone: ParkingZoneCardDto }) {
  const { t } = useTranslation();
  return (
    <Card style={{ borderRadius: 12 }} data-testid="parking-zone">
      <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
        <span
          aria-hidden
          style={{
            flex: 'none',
            width: 36,
            height: 36,
            borderRadius: 10,
            background: '#e6f4ff',
            color: '#1677ff',
            fontWeight: 700,
            fontSize: 20,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          P
        </span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontSize: 16, fontWeight: 600 }}>{zone.name}</div>
          <div style={{ fontSize: 13, color: '#8c6d60', margin: '2px 0 6px' }}>
            {[zone.near, zone.address].filter(Boolean).join(' · ')}
          </div>
          <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
            <Tag color="primary" fill="outline">
              {t('parking.m.zoneTag')}
            </Tag>
            <Tag color={zone.status === 'in_place' ? 'success' : 'warning'} fill="outline">
              {t(`parking.status.${zone.status}`)}
            </Tag>
            <span style={{ fontSize: 13 }}>{t('parking.m.capacity', { n: zone.capacity })}</span>
          </div>
        </div>
        <div style={{ textAlign: 'right', flex: 'none' }}>
          <div style={{ fontSize: 15, fontWeight: 600, color: '#d4380d' }}>
            {formatDistance(zone.distanceMeters ?? 0, t)}
          </div>
          <a
            href={amapLink(zone, zone.name)}
            target="_blank"
            rel="noreferrer"
            style={{
              display: 'inline-block',
              marginTop: 8,
              fontSize: 14,
              color: '#1677ff',
              padding: '6px 0',
            }}
          >
            {t('parking.m.navigate')}
          </a>
        </div>
      </div>
    </Card>
  );
}

function NoteCard({ note }: { note: CompoundAccessCardDto }) {
  const { t } = useTranslation();
  return (
    <Card style={{ borderRadius: 12 }} data-testid="compound-note">
      <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
        <span
          aria-hidden
          style={{
            flex: 'none',
            width: 36,
            height: 36,
            borderRadius: 10,
            background: '#fff1e8',
            color: ENTRY_COLOR[note.entry],
            fontSize: 20,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          <HomeIcon />
        </span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontSize: 16, fontWeight: 600 }}>{note.compoundName}</div>
          <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', margin: '4px 0' }}>
            <Tag color={ENTRY_COLOR[note.entry]} style={{ fontSize: 13 }}>
              {t(`parking.entry.${note.entry}`)}
            </Tag>
            {note.status !== 'confirmed' ? (
              <Tag color="warning" fill="outline">
                {t('parking.m.ownPending')}
              </Tag>
            ) : null}
          </div>
          {note.note ? <div style={{ fontSize: 14, color: '#2b1710' }}>{note.note}</div> : null}
        </div>
        <div style={{ textAlign: 'right', flex: 'none' }}>
          <div style={{ fontSize: 15, fontWeight: 600, color: '#d4380d' }}>
            {formatDistance(note.distanceMeters, t)}
          </div>
          <a
            href={amapLink(note, note.compoundName)}
            target="_blank"
            rel="noreferrer"
            style={{
              display: 'inline-block',
              marginTop: 8,
              fontSize: 14,
              color: '#1677ff',
              padding: '6px 0',
            }}
          >
            {t('parking.m.navigate')}
          </a>
        </div>
      </div>
    </Card>
  );
}

type Filter = 'all' | 'zones' | 'notes';

function NearbyList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const here = useHere();
  const point = here.status === 'locating' ? null : here.point;
  const zones = useNearbyZones(point, RADIUS);
  const notes = useNearbyNotes(point, RADIUS);
  const [filter, setFilter] = useState<Filter>('all');

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    if (filter !== 'notes')
      for (const z of zones.data?.items ?? []) out.push({ kind: 'zone', d: z.distanceMeters ?? 0, zone: z });
    if (filter !== 'zones')
      for (const n of notes.data?.items ?? []) out.push({ kind: 'note', d: n.distanceMeters, note: n });
    return out.sort((a, b) => a.d - b.d);
  }, [zones.data, notes.data, filter]);

  const loading = point === null || zones.isLoading || notes.isLoading;
  const error = zones.error ?? notes.error;

  return (
    <div>
      <fieldset style={{ display: 'flex', gap: 8, padding: '4px 12px 0', margin: 0, border: 0, minWidth: 0 }}>
        <legend
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {t('parking.m.tabNearby')}
        </legend>
        {(['all', 'zones', 'notes'] as const).map((f) => (
          <Button
            key={f}
            size="small"
            shape="rounded"
            color={filter === f ? 'primary' : 'default'}
            fill={filter === f ? 'solid' : 'outline'}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {t(`parking.m.filter${f === 'all' ? 'All' : f === 'zones' ? 'Zones' : 'Notes'}`)}
          </Button>
        ))}
      </fieldset>
      <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 10 }}>
        {loading ? (
          <>
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={4} animated />
          </>
        ) : error ? (
          <ErrorBlock status="disconnected" title={t('parking.m.loadFailed')} description={errorText(error)}>
            <Button
              color="primary"
              onClick={() => {
                void zones.refetch();
                void notes.refetch();
              }}
            >
              {t('common.retry')}
            </Button>
          </ErrorBlock>
        ) : rows.length === 0 ? (
          <ErrorBlock status="empty" title={t('parking.m.empty')} description={t('parking.m.emptyHint')}>
            <Button color="primary" shape="rounded" onClick={() => navigate('/m/compounds/new')}>
              {t('parking.m.report')}
            </Button>
          </ErrorBlock>
        ) : (
          rows.map((r) =>
            r.kind === 'zone' ? (
              <ZoneCard key={`z-${r.zone.id}`} zone={r.zone} />
            ) : (
              <NoteCard key={`n-${r.note.id}`} note={r.note} />
            ),
          )
        )}
      </div>
    </div>
  );
}

function MyNoteCard({ note }: { note: CompoundAccessDto }) {
  const { t } = useTranslation();
  const line =
    note.status === 'reported'
      ? t('parking.m.mineReported')
      : note.status === 'confirmed'
        ? t('parking.m.mineConfirmed')
        : t('parking.m.mineRejected');
  return (
    <Card style={{ borderRadius: 12 }} data-testid="my-compound-note">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
        <span style={{ fontSize: 16, fontWeight: 600 }}>{note.compoundName}</span>
        <Tag color={NOTE_STATUS_COLOR[note.status]} data-testid="my-compound-status">
          {t(`parking.noteStatus.${note.status}`)}
        </Tag>
      </div>
      <div style={{ display: 'flex', gap: 6, margin: '6px 0', alignItems: 'center', flexWrap: 'wrap' }}>
        <Tag color={ENTRY_COLOR[note.entry]}>{t(`parking.entry.${note.entry}`)}</Tag>
        <span style={{ fontSize: 12, color: '#8c6d60' }}>
          {note.regionName} · {new Date(note.createdAt).toLocaleDateString()}
        </span>
      </div>
      {note.note ? <div style={{ fontSize: 14 }}>{note.note}</div> : null}
      <div style={{ fontSize: 13, color: '#8c6d60', marginTop: 6 }}>{line}</div>
      {note.reviewReason ? (
        <div style={{ marginTop: 8, background: '#fff7f0', padding: 10, borderRadius: 8, fontSize: 14 }}>
          {t('parking.m.reason', { reason: note.reviewReason })}
        </div>
      ) : null}
    </Card>
  );
}

function MyNotes() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyNotes();
  return (
    <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 10 }}>
      {mine.isLoading ? (
        <Skeleton.Paragraph lineCount={5} animated />
      ) : mine.error ? (
        <ErrorBlock
          status="disconnected"
          title={t('parking.m.loadFailed')}
          description={errorText(mine.error)}
        >
          <Button color="primary" onClick={() => void mine.refetch()}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      ) : (mine.data?.items ?? []).length === 0 ? (
        <ErrorBlock status="empty" title={t('parking.m.mineEmpty')} description={t('parking.m.reportDesc')}>
          <Button color="primary" shape="rounded" onClick={() => navigate('/m/compounds/new')}>
            {t('parking.m.report')}
          </Button>
        </ErrorBlock>
      ) : (
        mine.data!.items.map((n) => <MyNoteCard key={n.id} note={n} />)
      )}
    </div>
  );
}

/** 停车与进小区: zones and confirmed compound notes nearby, sorted by distance; my reports. */
export function ParkingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'nearby';
  return (
    <div style={{ paddingBottom: 84 }}>
      <NavBar onBack={() => navigate(-1)} style={{ background: '#fff' }}>
        {t('parking.m.title')}
      </NavBar>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'mine' ? { tab: 'mine' } : {}, { replace: true })}
        style={{ background: '#fff', '--title-font-size': '16px' } as CSSProperties}
      >
        <Tabs.Tab title={t('parking.m.tabNearby')} key="nearby" />
        <Tabs.Tab title={t('parking.m.tabMine')} key="mine" />
      </Tabs>
      {tab === 'nearby' ? (
        <>
          <HereBar />
          <NearbyList />
        </>
      ) : (
        <MyNotes />
      )}
      {/* Within thumb reach, above the tab bar. */}
      <div style={{ position: 'fixed', left: 12, right: 12, bottom: 72, zIndex: 99 }}>
        <Button
          block
          size="large"
          color="primary"
          shape="rounded"
          onClick={() => navigate('/m/compounds/new')}
        >
          ＋ {t('parking.m.report')}
        </Button>
      </div>
    </div>
  );
}

/** 报告小区进门: one-handed: big entry buttons, the position from the phone, region pickers. */
export function ReportCompoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const here = useHere();
  const report = useReportNote();
  const [key, setKey] = useState(newIdempotencyKey);
  const [name, setName] = useState('');
  const [entry, setEntry] = useState<CompoundEntry | null>(null);
  const [note, setNote] = useState('');
  const [county, setCounty] = useState<string | undefined>();
  const [township, setTownship] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState(false);
  // The county defaults to the district the worker is in (or whose centre stands in).
  const countyCode = county ?? (here.status === 'locating' ? undefined : here.district);

  const nameOk = name.trim().length >= 2;
  const codeInNote = containsGateCode(note);
  const codeInName = containsGateCode(name);
  const valid =
    nameOk &&
    entry !== null &&
    Boolean(countyCode) &&
    !codeInNote &&
    !codeInName &&
    here.status !== 'locating';

  const submit = () => {
    setTouched(true);
    if (!valid || !entry || !countyCode) {
      Toast.show({
        content: !nameOk
          ? t('parking.m.form.nameRequired')
          : !entry
            ? t('parking.m.form.entryRequired')
            : t('parking.m.form.regionRequired'),
      });
      return;
    }
    report.mutate(
      {
        key,
        body: {
          compoundName: name.trim(),
          regionCode: township ?? countyCode,
          location: { lat: here.point.lat, lng: here.point.lng, crs: 'wgs84' },
          entry,
          note: note.trim() || null,
        },
      },
      {
        onSuccess: () => setSent(true),
        onError: (e) => Toast.show({ icon: 'fail', content: errorText(e) }),
      },
    );
  };

  if (sent)
    return (
      <>
        <NavBar onBack={() => navigate('/m/parking')} style={{ background: '#fff' }}>
          {t('parking.m.form.title')}
        </NavBar>
        <div style={card}>
          <Result
            status="success"
            title={t('parking.m.form.sentTitle')}
            description={t('parking.m.form.sentDesc')}
          />
          <div style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: '12px 4px' }}>
            <Button
              block
              color="primary"
              size="large"
              shape="rounded"
              onClick={() => navigate('/m/parking?tab=mine')}
            >
              {t('parking.m.form.toMine')}
            </Button>
            <Button
              block
              size="large"
              shape="rounded"
              onClick={() => {
                setName('');
                setEntry(null);
                setNote('');
                setTouched(false);
                setKey(newIdempotencyKey());
                setSent(false);
              }}
            >
              {t('parking.m.form.another')}
            </Button>
          </div>
        </div>
      </>
    );

  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar
        onBack={() => navigate(-1)}
        right={
          <Link to="/m/parking?tab=mine" style={{ color: '#d4380d', fontSize: 14 }}>
            {t('parking.m.tabMine')}
          </Link>
        }
        style={{ background: '#fff' }}
      >
        {t('parking.m.form.title')}
      </NavBar>
      <NoticeBar color="alert" wrap content={t('parking.m.form.noCodes')} />

      <Card style={card}>
        <label htmlFor="compound-name" style={label}>
          {t('parking.m.form.name')}
        </label>
        <Input
          id="compound-name"
          aria-label={t('parking.m.form.name')}
          placeholder={t('parking.m.form.namePlaceholder')}
          value={name}
          onChange={setName}
          maxLength={60}
          clearable
          style={{ '--font-size': '17px' } as CSSProperties}
        />
        {codeInName ? (
          <div role="alert" style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>
            {t('parking.m.form.codeFound')}
          </div>
        ) : touched && !nameOk ? (
          <div style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>
            {t('parking.m.form.nameRequired')}
          </div>
        ) : null}
      </Card>

      <Card style={card}>
        <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          <legend style={{ ...label, padding: 0 }}>{t('parking.m.form.entry')}</legend>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
            {COMPOUND_ENTRIES.map((e) => {
              const on = entry === e;
              return (
                <button
                  key={e}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setEntry(e)}
                  style={{
                    minHeight: 64,
                    borderRadius: 12,
                    border: `2px solid ${on ? ENTRY_COLOR[e] : '#f0e0d8'}`,
                    background: on ? `${ENTRY_COLOR[e]}14` : '#fff',
                    color: '#2b1710',
                    padding: '8px 10px',
                    textAlign: 'left',
                    fontFamily: 'inherit',
                    cursor: 'pointer',
                  }}
                >
                  <div style={{ fontSize: 17, fontWeight: 600, color: on ? ENTRY_COLOR[e] : '#2b1710' }}>
                    {on ? '✓ ' : ''}
                    {t(`parking.entry.${e}`)}
                  </div>
                  <div style={{ fontSize: 12, color: '#8c6d60', marginTop: 2 }}>
                    {t(`parking.entryHint.${e}`)}
                  </div>
                </button>
              );
            })}
          </div>
        </fieldset>
        {touched && !entry ? (
          <div style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>
            {t('parking.m.form.entryRequired')}
          </div>
        ) : null}
      </Card>

      <Card style={card}>
        <label htmlFor="compound-note" style={label}>
          {t('parking.m.form.note')}
        </label>
        <TextArea
          id="compound-note"
          aria-label={t('parking.m.form.note')}
          placeholder={t('parking.m.form.notePlaceholder')}
          value={note}
          onChange={setNote}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={200}
          showCount
        />
        {codeInNote ? (
          <div role="alert" style={{ color: '#cf1322', fontSize: 13, marginTop: 6 }}>
            {t('parking.m.form.codeFound')}
          </div>
        ) : null}
      </Card>

      <Card style={card}>
        <span style={label}>{t('parking.m.form.where')}</span>
        <RegionPickerMobile
          county={countyCode}
          township={township}
          onChange={(c, tw) => {
            setCounty(c);
            setTownship(tw);
          }}
          labels={{
            county: t('parking.m.form.county'),
            township: t('parking.m.form.township'),
            wholeCounty: t('parking.m.form.wholeCounty'),
          }}
        />
        <div style={{ fontSize: 13, marginTop: 10 }} aria-live="polite">
          <span style={{ fontWeight: 600 }}>{t('parking.m.form.location')}：</span>
          {here.status === 'locating' ? (
            <span style={{ color: '#8c6d60' }}>
              <DotLoading /> {t('parking.m.locating')}
            </span>
          ) : here.fallback ? (
            <span style={{ color: '#d46b08' }}>
              {t('parking.m.form.locFallback', { district: t(`parking.m.district.${here.district}`) })}{' '}
              <Button size="mini" fill="none" color="primary" onClick={() => locate(true)}>
                {t('parking.m.relocate')}
              </Button>
            </span>
          ) : (
            <span style={{ color: '#389e0d' }}>
              {t('parking.m.form.locOk', { acc: Math.round(here.fix?.accuracy ?? 0) })}
            </span>
          )}
        </div>
      </Card>

      <div style={{ padding: '16px 12px 24px' }}>
        <Button
          block
          size="large"
          color="primary"
          shape="rounded"
          loading={report.isPending}
          disabled={codeInNote || codeInName}
          onClick={submit}
          style={{ minHeight: 52 }}
        >
          {t('parking.m.form.submit')}
        </Button>
      </div>
    </div>
  );
}
