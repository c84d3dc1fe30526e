import { PlusOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  BENEFICIARY_CATEGORIES,
  type BeneficiaryDto,
  type DeliveryDto,
  type DeliveryStatus,
} from '@nuanxin/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QrCode } from '../../components/qr-code';
import { errorText } from '../../i18n';
import { LocationPicker, type LocationValue } from '../station-console/location-picker';
import {
  type BeneficiaryBody,
  type StaffAction,
  useBeneficiaries,
  useDeliveries,
  useFileDelivery,
  usePlaces,
  useRevealPhone,
  useRiders,
  useSaveBeneficiary,
  useStaffAction,
} from './api';

/**
 * /admin/deliveries: community staff's home meal delivery 送餐上门 (CAN-05). The board of today's
 * and upcoming requests (escalated and late ones highlighted, the receipt code to tell the
 * resident), filing, assigning a rider, delivering by staff, confirming; and the register of
 * residents with masked phones and an audited reveal.
 */

const STATUS_COLOR: Record<DeliveryStatus, string> = {
  requested: 'gold',
  claimed: 'blue',
  delivered: 'green',
  confirmed: 'default',
  cancelled: 'default',
};
/** Half-hour slots for the window pickers. */
const SLOTS = Array.from({ length: 32 }, (_, i) => {
  const m = 6 * 60 + i * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
});

function FileDrawer({
  open,
  onClose,
  beneficiary,
}: {
  open: boolean;
  onClose: () => void;
  beneficiary?: BeneficiaryDto | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const places = usePlaces();
  const list = useBeneficiaries({ page: 1, pageSize: 200 });
  const file = useFileDelivery();
  const [form] = Form.useForm();
  const active = (list.data?.items ?? []).filter((b) => b.actions.file);
  return (
    <Drawer
      title={t('deliveriesConsole.fileTitle')}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button type="primary" loading={file.isPending} onClick={() => form.submit()}>
          {t('common.submit')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          beneficiaryId: beneficiary?.id,
          stationId: places.data?.canteens[0]?.id,
          date: dayjs(),
          windowStart: '11:00',
          windowEnd: '11:30',
        }}
        onFinish={(v: {
          beneficiaryId: string;
          stationId: string;
          date: Dayjs;
          windowStart: string;
          windowEnd: string;
          dishes: string;
          dietNotes?: string;
        }) =>
          file.mutate(
            {
              beneficiaryId: v.beneficiaryId,
              stationId: v.stationId,
              date: v.date.format('YYYY-MM-DD'),
              windowStart: v.windowStart,
              windowEnd: v.windowEnd,
              dishes: v.dishes,
              ...(v.dietNotes ? { dietNotes: v.dietNotes } : {}),
            },
            {
              onSuccess: (d) => {
                message.success(t('deliveriesConsole.filed', { code: d.receiptCode }));
                onClose();
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item
          name="beneficiaryId"
          label={t('deliveriesConsole.field.beneficiary')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={list.isLoading}
            options={active.map((b) => ({ value: b.id, label: `${b.name}（${b.address}）` }))}
          />
        </Form.Item>
        <Form.Item name="stationId" label={t('deliveriesConsole.field.canteen')} rules={[{ required: true }]}>
          <Select
            loading={places.isLoading}
            options={(places.data?.canteens ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="date" label={t('deliveriesConsole.field.date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="windowStart"
            label={t('deliveriesConsole.field.windowStart')}
            rules={[{ required: true }]}
          >
            <Select style={{ width: 140 }} options={SLOTS.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item
            name="windowEnd"
            label={t('deliveriesConsole.field.windowEnd')}
            dependencies={['windowStart']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_r, v: string) =>
                  !v || v > getFieldValue('windowStart')
                    ? Promise.resolve()
                    : Promise.reject(new Error('> start')),
              }),
            ]}
          >
            <Select style={{ width: 140 }} options={SLOTS.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="dishes"
          label={t('deliveriesConsole.field.dishes')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} placeholder="两荤一素套餐" />
        </Form.Item>
        <Form.Item
          name="dietNotes"
          label={t('deliveriesConsole.field.dietNotes')}
          extra={t('deliveriesConsole.field.dietDefault')}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function AssignModal({ d, onClose }: { d: DeliveryDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const riders = useRiders(d !== null);
  const act = useStaffAction();
  const [rider, setRider] = useState<string | undefined>();
  return (
    <Modal
      title={t('deliveriesConsole.assignTitle')}
      open={d !== null}
      onCancel={onClose}
      okButtonProps={{ disabled: !rider, loading: act.isPending }}
      onOk={() =>
        d &&
        rider &&
        act.mutate(
          { id: d.id, action: 'assign', body: { riderUserId: rider } },
          {
            onSuccess: () => {
              message.success(t('deliveriesConsole.assigned'));
              onClose();
            },
            onError: (e) => message.error(errorText(e)),
          },
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph>
        {d ? `${d.beneficiaryName} · ${d.date} ${d.windowStart}–${d.windowEnd}` : null}
      </Typography.Paragraph>
      <Select
        aria-label={t('deliveriesConsole.assignRider')}
        placeholder={t('deliveriesConsole.assignRider')}
        style={{ width: '100%' }}
        loading={riders.isLoading}
        value={rider}
        onChange={setRider}
        options={(riders.data?.items ?? []).map((r) => ({
          value: r.userId,
          label: `${r.name} ${r.phoneMasked}`,
        }))}
      />
    </Modal>
  );
}

function CancelModal({ d, onClose }: { d: DeliveryDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useStaffAction();
  const [reason, setReason] = useState('');
  return (
    <Modal
      title={t('deliveriesConsole.cancelTitle')}
      open={d !== null}
      onCancel={onClose}
      okButtonProps={{ disabled: !reason.trim(), danger: true, loading: act.isPending }}
      onOk={() =>
        d &&
        act.mutate(
          { id: d.id, action: 'cancel', body: { reason: reason.trim() } },
          {
            onSuccess: () => {
              message.success(t('deliveriesConsole.cancelled'));
              onClose();
            },
            onError: (e) => message.error(errorText(e)),
          },
        )
      }
      destroyOnHidden
    >
      <Input.TextArea
        aria-label={t('deliveriesConsole.cancelReason')}
        placeholder={t('deliveriesConsole.cancelReason')}
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

function Board() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [attention, setAttention] = useState(false);
  const [page, setPage] = useState(1);
  const q = useDeliveries({ attention, page, pageSize: 50 });
  const act = useStaffAction();
  const [filing, setFiling] = useState(false);
  const [assigning, setAssigning] = useState<DeliveryDto | null>(null);
  const [cancelling, setCancelling] = useState<DeliveryDto | null>(null);
  const run = (d: DeliveryDto, action: StaffAction, done: string) =>
    act.mutate(
      { id: d.id, action },
      { onSuccess: () => message.success(done), onError: (e) => message.error(errorText(e)) },
    );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={attention ? 'attention' : 'upcoming'}
          onChange={(v) => {
            setAttention(v === 'attention');
            setPage(1);
          }}
          options={[
            { value: 'upcoming', label: t('deliveriesConsole.scope.upcoming') },
            { value: 'attention', label: t('deliveriesConsole.scope.attention') },
          ]}
        />
        <Button icon={<PlusOutlined />} type="primary" onClick={() => setFiling(true)}>
          {t('deliveriesConsole.file')}
        </Button>
        <Tooltip title={t('common.retry')}>
          <Button aria-label={t('common.retry')} icon={<ReloadOutlined />} onClick={() => void q.refetch()} />
        </Tooltip>
      </Space>
      {q.isError ? (
        <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<DeliveryDto>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('deliveriesConsole.empty')} /> }}
        rowClassName={(d) => (d.late || d.escalatedAt ? 'delivery-attention' : '')}
        onRow={(d) => ({ style: d.late || d.escalatedAt ? { background: '#fff1f0' } : {} })}
        pagination={{
          current: page,
          pageSize: 50,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('deliveriesConsole.col.window'),
            key: 'window',
            width: 120,
            render: (_, d) => (
              <div style={{ whiteSpace: 'nowrap' }}>
                <div>{d.date === dayjs().format('YYYY-MM-DD') ? t('deliveries.today') : d.date}</div>
                <strong>
                  {d.windowStart}–{d.windowEnd}
                </strong>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.stationName}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('deliveriesConsole.col.resident'),
            key: 'resident',
            width: 230,
            render: (_, d) => (
              <div>
                <div style={{ whiteSpace: 'nowrap' }}>
                  {d.beneficiaryName}{' '}
                  <Typography.Text type="secondary">{d.beneficiaryPhoneMasked}</Typography.Text>{' '}
                  {d.freeMeals ? <Tag color="green">{t('deliveriesConsole.free')}</Tag> : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.address}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('deliveriesConsole.col.dishes'), dataIndex: 'dishes', width: 150, ellipsis: true },
          {
            title: t('deliveriesConsole.col.status'),
            key: 'status',
            width: 130,
            render: (_, d) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[d.status]}>{t(`deliveriesConsole.status.${d.status}`)}</Tag>
                {d.escalatedAt && (d.status === 'requested' || d.status === 'claimed') ? (
                  <Tag color="red">{t('deliveriesConsole.escalated')}</Tag>
                ) : null}
                {d.late ? <Tag color="volcano">{t('deliveriesConsole.late')}</Tag> : null}
                {d.codeLocked && d.status === 'claimed' ? (
                  <Tag color="red">{t('deliveriesConsole.locked')}</Tag>
                ) : null}
                {d.handledByStaff ? <Tag>{t('deliveriesConsole.byStaff')}</Tag> : null}
                {d.filedByResident ? <Tag color="gold">{t('deliveriesConsole.byResident')}</Tag> : null}
                {d.confirmedByResident ? (
                  <Tag color="green">{t('deliveriesConsole.confirmedByResident')}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('deliveriesConsole.col.rider'),
            key: 'rider',
            width: 90,
            render: (_, d) => d.riderName ?? '—',
          },
          {
            title: t('deliveriesConsole.col.code'),
            key: 'code',
            width: 80,
            render: (_, d) =>
              d.status === 'requested' || d.status === 'claimed' ? (
                <Tooltip title={t('deliveriesConsole.codeHint')}>
                  <span
                    data-testid="receipt-code"
                    style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 700, letterSpacing: 2 }}
                  >
                    {d.receiptCode}
                  </span>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{d.receiptCode}</Typography.Text>
              ),
          },
          {
            title: t('deliveriesConsole.col.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, d) => (
              <Space size={4} wrap>
                {d.actions.confirm ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => run(d, 'confirm', t('deliveriesConsole.confirmed'))}
                  >
                    {t('deliveriesConsole.confirm')}
                  </Button>
                ) : null}
                {d.actions.assign ? (
                  <Button size="small" onClick={() => setAssigning(d)}>
                    {t('deliveriesConsole.assign')}
                  </Button>
                ) : null}
                {d.actions.handle ? (
                  <Popconfirm
                    title={t('deliveriesConsole.handleConfirm')}
                    onConfirm={() => run(d, 'handle', t('deliveriesConsole.handled'))}
                  >
                    <Button size="small">{t('deliveriesConsole.handle')}</Button>
                  </Popconfirm>
                ) : null}
                {d.actions.cancel ? (
                  <Button size="small" danger type="text" onClick={() => setCancelling(d)}>
                    {t('deliveriesConsole.cancel')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <FileDrawer open={filing} onClose={() => setFiling(false)} />
      <AssignModal d={assigning} onClose={() => setAssigning(null)} />
      <CancelModal d={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}

function BeneficiaryDrawer({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: BeneficiaryDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const places = usePlaces();
  const save = useSaveBeneficiary();
  const [form] = Form.useForm();
  const canteen = places.data?.canteens[0];
  const initial = useMemo(
    () =>
      editing
        ? {
            ...editing,
            location: { lat: editing.lat, lng: editing.lng, crs: 'wgs84' },
          }
        : {
            communityOrgId: places.data?.communities[0]?.id,
            category: 'limited_mobility',
            freeMeals: false,
            location: { lat: null, lng: null, crs: 'wgs84' },
          },
    [editing, places.data],
  );
  type Values = Omit<BeneficiaryBody, 'location'> & { location: LocationValue; phone?: string };
  return (
    <Drawer
      title={editing ? t('deliveriesConsole.b.editTitle') : t('deliveriesConsole.b.addTitle')}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v: Values) => {
          if (v.location.lat === null || v.location.lng === null) return;
          const body: BeneficiaryBody = {
            name: v.name,
            address: v.address,
            street: v.street || null,
            location: { lat: v.location.lat, lng: v.location.lng, crs: v.location.crs },
            category: v.category,
            needs: v.needs || null,
            dietNotes: v.dietNotes || null,
            freeMeals: v.freeMeals,
          };
          if (v.phone) body.phone = v.phone;
          if (editing) {
            body.version = editing.version;
            body.status = v.status;
          } else body.communityOrgId = v.communityOrgId;
          save.mutate(
            { id: editing?.id, body },
            {
              onSuccess: () => {
                message.success(t('deliveriesConsole.b.saved'));
                onClose();
              },
              onError: (e) => message.error(errorText(e)),
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('deliveriesConsole.b.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('deliveriesConsole.b.phone')}
          extra={editing ? editing.phoneMasked : undefined}
          rules={[
            { required: !editing, message: t('deliveriesConsole.b.invalidPhone') },
            { pattern: /^1[3-9]\d{9}$/, message: t('deliveriesConsole.b.invalidPhone') },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="communityOrgId"
            label={t('deliveriesConsole.b.community')}
            rules={[{ required: true }]}
          >
            <Select
              loading={places.isLoading}
              options={(places.data?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="address"
          label={t('deliveriesConsole.b.address')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="street" label={t('deliveriesConsole.b.street')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="location"
          rules={[
            {
              validator: (_r, v: LocationValue | undefined) =>
                v && v.lat !== null && v.lng !== null
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        t('deliveriesConsole.b.required', { field: t('deliveriesConsole.b.location') }),
                      ),
                    ),
            },
          ]}
        >
          <LocationPicker
            label={t('deliveriesConsole.b.location')}
            defaultCentre={canteen ? { lat: canteen.lat, lng: canteen.lng } : undefined}
          />
        </Form.Item>
        <Form.Item name="category" label={t('deliveriesConsole.b.category')} rules={[{ required: true }]}>
          <Select
            options={BENEFICIARY_CATEGORIES.map((c) => ({
              value: c,
              label: t(`deliveriesConsole.category.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="needs" label={t('deliveriesConsole.b.needs')}>
          <Input.TextArea maxLength={300} autoSize />
        </Form.Item>
        <Form.Item name="dietNotes" label={t('deliveriesConsole.b.dietNotes')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="freeMeals" label={t('deliveriesConsole.b.freeMeals')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {editing ? (
          <Form.Item name="status" label={t('deliveriesConsole.b.status')}>
            <Select
              options={[
                { value: 'active', label: t('deliveriesConsole.b.active') },
                { value: 'inactive', label: t('deliveriesConsole.b.inactive') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}

function Beneficiaries() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useBeneficiaries({ page, pageSize: 20, q: search });
  const reveal = useRevealPhone();
  const [editing, setEditing] = useState<BeneficiaryDto | null>(null);
  const [drawer, setDrawer] = useState(false);
  const [filingFor, setFilingFor] = useState<BeneficiaryDto | undefined>();
  const askReveal = (b: BeneficiaryDto) =>
    modal.confirm({
      title: t('deliveriesConsole.b.revealTitle'),
      content: t('deliveriesConsole.b.revealConfirm', { name: b.name }),
      onOk: () =>
        reveal.mutateAsync(b.id).then(
          (r) => {
            modal.info({
              title: t('deliveriesConsole.b.revealTitle'),
              content: t('deliveriesConsole.b.revealed', { name: b.name, phone: r.value }),
            });
          },
          (e) => {
            message.error(errorText(e));
          },
        ),
    });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          aria-label={t('deliveriesConsole.b.search')}
          placeholder={t('deliveriesConsole.b.search')}
          onSearch={(v) => {
            setSearch(v || undefined);
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        <Button
          icon={<PlusOutlined />}
          type="primary"
          onClick={() => {
            setEditing(null);
            setDrawer(true);
          }}
        >
          {t('deliveriesConsole.b.add')}
        </Button>
      </Space>
      {q.isError ? (
        <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<BeneficiaryDto>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('deliveriesConsole.b.empty')} /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('deliveriesConsole.b.name'),
            key: 'name',
            width: 120,
            render: (_, b) => (
              <Space size={4}>
                {b.name}
                {b.status === 'inactive' ? <Tag>{t('deliveriesConsole.b.inactive')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('deliveriesConsole.b.phone'),
            key: 'phone',
            width: 170,
            render: (_, b) => (
              <Space size={4}>
                <span>{b.phoneMasked}</span>
                {b.actions.reveal ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => askReveal(b)}
                    aria-label={`${t('deliveriesConsole.b.reveal')} ${b.name}`}
                  >
                    {t('deliveriesConsole.b.reveal')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
          { title: t('deliveriesConsole.b.address'), dataIndex: 'address', ellipsis: true },
          { title: t('deliveriesConsole.b.community'), dataIndex: 'communityName', width: 140 },
          {
            title: t('deliveriesConsole.b.category'),
            key: 'category',
            width: 150,
            render: (_, b) => (
              <Space size={4} wrap>
                <Tag>{t(`deliveriesConsole.category.${b.category}`)}</Tag>
                {b.freeMeals ? <Tag color="green">{t('deliveriesConsole.free')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('deliveriesConsole.b.needs'), dataIndex: 'needs', ellipsis: true },
          { title: t('deliveriesConsole.b.dietNotes'), dataIndex: 'dietNotes', width: 110 },
          {
            title: t('deliveriesConsole.col.actions'),
            key: 'actions',
            width: 130,
            render: (_, b) => (
              <Space size={4}>
                {b.actions.edit ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(b);
                      setDrawer(true);
                    }}
                  >
                    {t('deliveriesConsole.b.edit')}
                  </Button>
                ) : null}
                {b.actions.file ? (
                  <Button size="small" type="link" onClick={() => setFilingFor(b)}>
                    {t('deliveriesConsole.b.file')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <BeneficiaryDrawer open={drawer} editing={editing} onClose={() => setDrawer(false)} />
      <FileDrawer
        open={filingFor !== undefined}
        beneficiary={filingFor}
        onClose={() => setFilingFor(undefined)}
      />
    </>
  );
}

/** The residents' self-service page as a QR code and address, for staff to hand out or print. */
function ResidentEntry() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const url = `${window.location.origin}/home-meals`;
  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={() => setOpen(true)}>
        {t('deliveriesConsole.residentEntry')}
      </Button>
      <Modal
        open={open}
        title={t('deliveriesConsole.residentEntryTitle')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="print" onClick={() => window.print()}>
            {t('deliveriesConsole.residentEntryPrint')}
          </Button>,
          <Button key="close" type="primary" onClick={() => setOpen(false)}>
            {t('common.close')}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{t('deliveriesConsole.residentEntryText')}</Typography.Paragraph>
        <div style={{ width: 220, margin: '0 auto' }}>
          <QrCode value={url} label={t('deliveriesConsole.residentEntryTitle')} size={220} />
        </div>
        <Typography.Paragraph copyable style={{ textAlign: 'center', marginTop: 12 }}>
          {url}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

export function DeliveriesConsolePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'beneficiaries' ? 'beneficiaries' : 'board';
  return (
    <Card>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Typography.Title level={3} style={{ marginTop: 0, flex: 1 }}>
          {t('deliveriesConsole.title')}
        </Typography.Title>
        <ResidentEntry />
      </div>
      <Typography.Paragraph type="secondary">{t('deliveriesConsole.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'board' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'board', label: t('deliveriesConsole.tabBoard'), children: <Board /> },
          {
            key: 'beneficiaries',
            label: t('deliveriesConsole.tabBeneficiaries'),
            children: <Beneficiaries />,
          },
        ]}
      />
    </Card>
  );
}
