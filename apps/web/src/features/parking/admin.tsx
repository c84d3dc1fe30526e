import { PlusOutlined } from '@ant-design/icons';
import {
  type CompoundAccessDto,
  type CompoundAccessStatus,
  type CompoundEntry,
  containsGateCode,
  PARKING_ZONE_STATUSES,
  type ParkingZoneDto,
  type ParkingZoneStatus,
} from '@nuanxin/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import {
  useManagedZones,
  useNoteQueue,
  useReviewNote,
  useSaveZone,
  useZoneRegions,
  type ZoneBody,
} from './api';
import { amapLink } from './location';

const STATUS_COLOR: Record<ParkingZoneStatus, string> = {
  planned: 'gold',
  in_place: 'green',
  removed: 'default',
};
const NOTE_COLOR: Record<CompoundAccessStatus, string> = {
  reported: 'orange',
  confirmed: 'green',
  rejected: 'red',
};
const ENTRY_COLOR: Record<CompoundEntry, string> = {
  may_enter: 'green',
  park_outside: 'orange',
  gate_code: 'blue',
  call_guard: 'geekblue',
  no_entry: 'red',
};

interface ZoneForm {
  name: string;
  regionCode: string;
  lat: number;
  lng: number;
  crs: 'wgs84' | 'gcj02';
  address?: string;
  near?: string;
  capacity: number;
  status: ParkingZoneStatus;
  appealCaseNo?: string;
}

function ZoneModal({ zone, onClose }: { zone: ParkingZoneDto | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ZoneForm>();
  const regions = useZoneRegions();
  const save = useSaveZone();
  const editing = zone === 'new' ? null : zone;
  const initial: Partial<ZoneForm> = editing
    ? {
        name: editing.name,
        regionCode: editing.regionCode,
        lat: editing.lat,
        lng: editing.lng,
        crs: 'wgs84',
        address: editing.address ?? '',
        near: editing.near ?? '',
        capacity: editing.capacity,
        status: editing.status,
        appealCaseNo: editing.appealCaseNo ?? '',
      }
    : { crs: 'wgs84', status: 'planned', capacity: 20 };

  const ok = async () => {
    const v = await form.validateFields();
    const body: ZoneBody = {
      name: v.name.trim(),
      regionCode: v.regionCode,
      location: { lat: v.lat, lng: v.lng, crs: v.crs },
      address: v.address?.trim() || null,
      near: v.near?.trim() || null,
      capacity: v.capacity,
      status: v.status,
      appealCaseNo: v.appealCaseNo?.trim() || null,
    };
    save.mutate(editing ? { id: editing.id, version: editing.version, body } : { body }, {
      onSuccess: () => {
        message.success(t('parking.admin.saved'));
        onClose();
      },
      onError: (e) => message.error(errorText(e)),
    });
  };

  return (
    <Modal
      open
      width={640}
      title={editing ? `${t('parking.admin.editZone')} · ${editing.name}` : t('parking.admin.newZone')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        <Form.Item name="name" label={t('parking.admin.name')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input maxLength={60} placeholder="嘉瑞财富商圈外卖专属停放区" />
        </Form.Item>
        <Space size={12} style={{ display: 'flex' }} align="start">
          <Form.Item
            name="regionCode"
            label={t('parking.admin.region')}
            rules={[{ required: true }]}
            style={{ minWidth: 220 }}
          >
            <Select
              aria-label={t('parking.admin.region')}
              loading={regions.isLoading}
              showSearch
              optionFilterProp="label"
              options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('parking.admin.status')} rules={[{ required: true }]}>
            <Select
              aria-label={t('parking.admin.status')}
              style={{ width: 120 }}
              options={PARKING_ZONE_STATUSES.map((s) => ({ value: s, label: t(`parking.status.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="capacity" label={t('parking.admin.capacity')} rules={[{ required: true }]}>
            <InputNumber<number> aria-label={t('parking.admin.capacity')} min={0} max={10000} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item label={t('parking.admin.location')} required extra={t('parking.admin.crsHint')}>
          <Space wrap>
            <Form.Item name="lat" noStyle rules={[{ required: true }]}>
              <InputNumber<number>
                aria-label={t('parking.admin.lat')}
                placeholder={t('parking.admin.lat')}
                min={3.5}
                max={53.6}
                step={0.0001}
                precision={6}
                style={{ width: 150 }}
              />
            </Form.Item>
            <Form.Item name="lng" noStyle rules={[{ required: true }]}>
              <InputNumber<number>
                aria-label={t('parking.admin.lng')}
                placeholder={t('parking.admin.lng')}
                min={73.4}
                max={135.1}
                step={0.0001}
                precision={6}
                style={{ width: 150 }}
              />
            </Form.Item>
            <Form.Item name="crs" noStyle>
              <Select
                aria-label={t('parking.admin.crs')}
                style={{ width: 230 }}
                options={[
                  { value: 'wgs84', label: t('parking.admin.crsWgs84') },
                  { value: 'gcj02', label: t('parking.admin.crsGcj02') },
                ]}
              />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="near" label={t('parking.admin.near')} rules={[{ max: 60 }]}>
          <Input maxLength={60} placeholder="嘉瑞财富商圈" />
        </Form.Item>
        <Form.Item name="address" label={t('parking.admin.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="appealCaseNo"
          label={t('parking.admin.appeal')}
          extra={t('parking.admin.appealHint')}
        >
          <Input maxLength={64} placeholder="SQ-511102004-20260302-0001" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 专属停放区: the zones of the actor's regions, with add and edit. */
export function ParkingZonesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<ParkingZoneStatus | undefined>();
  const zones = useManagedZones({ page, pageSize: 20, q, status });
  const [open, setOpen] = useState<ParkingZoneDto | 'new' | null>(null);
  return (
    <Card>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('parking.admin.zonesTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('parking.admin.zonesSubtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
          {t('parking.admin.newZone')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t('parking.admin.search')}
          placeholder={t('parking.admin.search')}
          style={{ width: 280 }}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim() || undefined);
          }}
        />
        <Select<ParkingZoneStatus | ''>
          aria-label={t('parking.admin.status')}
          style={{ width: 140 }}
          value={status ?? ''}
          onChange={(v) => {
            setPage(1);
            setStatus(v || undefined);
          }}
          options={[
            { value: '', label: t('parking.admin.anyStatus') },
            ...PARKING_ZONE_STATUSES.map((s) => ({ value: s, label: t(`parking.status.${s}`) })),
          ]}
        />
      </Space>
      <QueryState
        isLoading={zones.isLoading}
        error={zones.error}
        onRetry={() => void zones.refetch()}
        isEmpty={zones.data?.total === 0 && !q && !status}
        emptyText={t('parking.admin.zonesEmpty')}
      >
        <Table<ParkingZoneDto>
          rowKey="id"
          size="middle"
          loading={zones.isFetching}
          dataSource={zones.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: zones.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('parking.admin.name'),
              dataIndex: 'name',
              render: (v: string, z) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{v}</Typography.Text>
                  {z.near ? <Typography.Text type="secondary">{z.near}</Typography.Text> : null}
                </Space>
              ),
            },
            { title: t('parking.admin.region'), dataIndex: 'regionName', width: 110 },
            {
              title: t('parking.admin.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: ParkingZoneStatus) => <Tag color={STATUS_COLOR[s]}>{t(`parking.status.${s}`)}</Tag>,
            },
            { title: t('parking.admin.capacity'), dataIndex: 'capacity', width: 100, align: 'right' },
            {
              title: t('parking.admin.address'),
              dataIndex: 'address',
              ellipsis: true,
              render: (v: string | null, z) => (
                <Space size={6}>
                  <span>{v ?? '—'}</span>
                  <a href={amapLink(z, z.name)} target="_blank" rel="noreferrer">
                    {t('parking.admin.map')}
                  </a>
                </Space>
              ),
            },
            {
              title: t('parking.admin.appeal'),
              dataIndex: 'appealCaseNo',
              width: 210,
              render: (v: string | null, z) =>
                v && z.appealId ? <Link to={`/admin/appeals/${z.appealId}`}>{v}</Link> : '—',
            },
            {
              title: t('parking.admin.updatedAt'),
              dataIndex: 'updatedAt',
              width: 160,
              render: (v: string) => new Date(v).toLocaleString(),
            },
            {
              title: t('common.actions'),
              width: 90,
              render: (_: unknown, z) =>
                z.actions.edit ? (
                  <Button size="small" onClick={() => setOpen(z)}>
                    {t('parking.admin.edit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </QueryState>
      {open ? <ZoneModal zone={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function ReviewModal({
  note,
  decision,
  onClose,
}: {
  note: CompoundAccessDto;
  decision: 'confirm' | 'reject';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const review = useReviewNote();
  const ok = async () => {
    const v = await form.validateFields();
    review.mutate(
      { id: note.id, decision, reason: v.reason?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(
            decision === 'confirm' ? t('parking.admin.doneConfirm') : t('parking.admin.doneReject'),
          );
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open
      title={t(decision === 'confirm' ? 'parking.admin.confirmTitle' : 'parking.admin.rejectTitle', {
        name: note.compoundName,
      })}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={review.isPending}
      okText={decision === 'confirm' ? t('parking.admin.confirm') : t('parking.admin.reject')}
      okButtonProps={{ danger: decision === 'reject' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          <Tag color={ENTRY_COLOR[note.entry]}>{t(`parking.entry.${note.entry}`)}</Tag>
          {note.note}
        </div>
        {note.duplicates.length ? (
          <Alert
            type="warning"
            showIcon
            message={t('parking.admin.duplicates', { n: note.duplicates.length })}
          />
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={
              decision === 'confirm' ? t('parking.admin.reasonOptional') : t('parking.admin.reasonRequired')
            }
            rules={[
              decision === 'reject'
                ? { required: true, min: 2, whitespace: true, message: t('parking.admin.reasonMin') }
                : { required: false },
              { max: 200 },
            ]}
          >
            <Input.TextArea
              aria-label={
                decision === 'confirm' ? t('parking.admin.reasonOptional') : t('parking.admin.reasonRequired')
              }
              rows={3}
              maxLength={200}
              showCount
            />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

function NoteTable({ status }: { status?: CompoundAccessStatus }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useNoteQueue({ page, pageSize: 20, status });
  const [open, setOpen] = useState<{ note: CompoundAccessDto; decision: 'confirm' | 'reject' } | null>(null);
  return (
    <QueryState
      isLoading={queue.isLoading}
      error={queue.error}
      onRetry={() => void queue.refetch()}
      isEmpty={queue.data?.items.length === 0}
      emptyText={t('parking.admin.notesEmpty')}
    >
      <Table<CompoundAccessDto>
        rowKey="id"
        size="middle"
        loading={queue.isFetching}
        dataSource={queue.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: queue.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('parking.admin.compound'),
            dataIndex: 'compoundName',
            render: (v: string, n) => (
              <Space direction="vertical" size={2}>
                <Space size={6}>
                  <Typography.Text strong>{v}</Typography.Text>
                  <a href={amapLink(n, v)} target="_blank" rel="noreferrer">
                    {t('parking.admin.map')}
                  </a>
                </Space>
                <Typography.Text type="secondary">{n.regionName}</Typography.Text>
                {n.duplicates.length ? (
                  <Alert
                    type="warning"
                    style={{ padding: '4px 8px', fontSize: 12 }}
                    message={
                      <span style={{ fontSize: 13, fontWeight: 600 }}>
                        {t('parking.admin.duplicates', { n: n.duplicates.length })}
                      </span>
                    }
                    description={n.duplicates.map((d) => (
                      <div key={d.id} style={{ fontSize: 12 }}>
                        {t('parking.admin.duplicateItem', {
                          entry: t(`parking.entry.${d.entry}`),
                          status: t(`parking.noteStatus.${d.status}`),
                          m: d.distanceMeters,
                        })}
                        {d.note ? ` · ${d.note}` : ''}
                      </div>
                    ))}
                  />
                ) : null}
              </Space>
            ),
          },
          {
            title: t('parking.admin.entry'),
            dataIndex: 'entry',
            width: 110,
            render: (e: CompoundEntry) => <Tag color={ENTRY_COLOR[e]}>{t(`parking.entry.${e}`)}</Tag>,
          },
          {
            title: t('parking.admin.note'),
            dataIndex: 'note',
            render: (v: string | null) =>
              v ? <span style={containsGateCode(v) ? { color: '#cf1322' } : undefined}>{v}</span> : '—',
          },
          { title: t('parking.admin.reporter'), dataIndex: 'reporterName', width: 100 },
          {
            title: t('parking.admin.reportedAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('parking.admin.status'),
            dataIndex: 'status',
            width: 170,
            render: (s: CompoundAccessStatus, n) => (
              <Space direction="vertical" size={2}>
                <Tag color={NOTE_COLOR[s]}>{t(`parking.noteStatus.${s}`)}</Tag>
                {n.reviewedByName ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('parking.admin.reviewedBy')}：{n.reviewedByName}
                  </Typography.Text>
                ) : null}
                {n.reviewReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n.reviewReason}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('parking.admin.review'),
            width: 150,
            render: (_: unknown, n) =>
              n.actions.review ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setOpen({ note: n, decision: 'confirm' })}
                  >
                    {t('parking.admin.confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setOpen({ note: n, decision: 'reject' })}>
                    {t('parking.admin.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {open ? <ReviewModal note={open.note} decision={open.decision} onClose={() => setOpen(null)} /> : null}
    </QueryState>
  );
}

/** 小区进门审核: pending first; confirm or reject with a reason; duplicates flagged. */
export function CompoundQueuePage() {
  const { t } = useTranslation();
  const counts = useNoteQueue({ page: 1, pageSize: 1 }).data?.counts;
  const label = (k: 'all' | CompoundAccessStatus) =>
    k === 'all' || !counts ? t(`parking.admin.tabs.${k}`) : `${t(`parking.admin.tabs.${k}`)} ${counts[k]}`;
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('parking.admin.notesTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('parking.admin.notesSubtitle')}</Typography.Paragraph>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'all', label: label('all'), children: <NoteTable /> },
          { key: 'reported', label: label('reported'), children: <NoteTable status="reported" /> },
          { key: 'confirmed', label: label('confirmed'), children: <NoteTable status="confirmed" /> },
          { key: 'rejected', label: label('rejected'), children: <NoteTable status="rejected" /> },
        ]}
      />
    </Card>
  );
}
