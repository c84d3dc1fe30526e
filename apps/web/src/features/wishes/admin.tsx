import { PrinterOutlined } from '@ant-design/icons';
import {
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
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QrCode } from '../../components/qr-code';
import { errorText } from '../../i18n';
import { categoryTree, useAppealCategories } from '../appeals/api/appeals';
import { categoryTreeData } from '../appeals/components/admin/category-select';
import {
  type AppealRow,
  type Forum,
  useCreateBox,
  useCreateForum,
  useForums,
  useGenerateBatches,
  useRaiseAppeals,
  useTrackers,
  useWishAction,
  useWishAreas,
  useWishBatches,
  useWishBoxes,
  useWishes,
  WISH_STATES,
  type Wish,
  type WishAction,
  type WishState,
} from './api';

const APPEAL_TYPES: AppealRow['type'][] = ['help', 'suggestion', 'consult', 'complaint', 'report'];

function useLeafTree() {
  const cats = useAppealCategories();
  return categoryTreeData(categoryTree(cats.data ?? []));
}

/** The appeal fields of a conversion or of a forum row. */
function AppealFields({ name }: { name?: (string | number)[] }) {
  const { t } = useTranslation();
  const tree = useLeafTree();
  const p = (k: string) => (name ? [...name, k] : k);
  return (
    <>
      <Form.Item
        name={p('type')}
        label={t('wishes.appealType')}
        rules={[{ required: true }]}
        initialValue="help"
      >
        <Select options={APPEAL_TYPES.map((v) => ({ value: v, label: t(`appeals.type.${v}`, v) }))} />
      </Form.Item>
      <Form.Item name={p('categoryId')} label={t('wishes.appealCategory')} rules={[{ required: true }]}>
        <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
      </Form.Item>
      <Form.Item
        name={p('description')}
        label={t('wishes.appealDescription')}
        rules={[{ required: true, min: 5 }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function ActionModal({ wish, action, onClose }: { wish: Wish; action: WishAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const areas = useWishAreas();
  const trackers = useTrackers(action === 'assign' ? wish.id : null);
  const act = useWishAction();
  const ok = async () => {
    const v = await form.validateFields();
    const body = action === 'markIdea' ? { activityIdea: true } : v;
    act.mutate(
      { id: wish.id, action, body },
      {
        onSuccess: () => {
          message.success(t('wishes.done'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open
      title={`${t(`wishes.actions.${action}`)} · ${wish.text.slice(0, 20)}`}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={act.isPending}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ description: wish.text }}>
        {action === 'classify' ? (
          <Form.Item name="categoryCode" label={t('wishes.category')} rules={[{ required: true }]}>
            <Select
              aria-label={t('wishes.category')}
              options={(areas.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
            />
          </Form.Item>
        ) : null}
        {action === 'assign' ? (
          <Form.Item name="trackerUserId" label={t('wishes.tracker')} rules={[{ required: true }]}>
            <Select
              aria-label={t('wishes.tracker')}
              loading={trackers.isLoading}
              options={(trackers.data ?? []).map((u) => ({
                value: u.userId,
                label: `${u.name}（${t(`roles.${u.role}`)}）`,
              }))}
            />
          </Form.Item>
        ) : null}
        {action === 'answer' ? (
          <Form.Item name="feedback" label={t('wishes.feedback')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea aria-label={t('wishes.feedback')} rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {action === 'convert' ? <AppealFields /> : null}
        {action === 'markIdea' ? <Typography.Text>{t('wishes.idea')}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

function WishTable({ state, ideas }: { state?: WishState; ideas?: boolean }) {
  const { t } = useTranslation();
  const list = useWishes({ state, activityIdea: ideas ?? false });
  const [open, setOpen] = useState<{ wish: Wish; action: WishAction } | null>(null);
  const ACTIONS: WishAction[] = ['classify', 'assign', 'answer', 'convert', 'markIdea'];
  return (
    <>
      <Table<Wish>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('wishes.text'),
            dataIndex: 'text',
            render: (v: string, w) => (
              <Space direction="vertical" size={2}>
                <span>{v}</span>
                <Space size={4} wrap>
                  {w.activityIdea ? <Tag color="magenta">{t('wishes.idea')}</Tag> : null}
                  {w.convertedCaseNo ? (
                    <Link to={`/admin/appeals/${w.convertedAppealId}`}>
                      <Tag color="orange">{t('wishes.converted', { caseNo: w.convertedCaseNo })}</Tag>
                    </Link>
                  ) : null}
                  {w.anonymous ? <Tag>{t('wishes.anonymous')}</Tag> : null}
                </Space>
              </Space>
            ),
          },
          { title: t('wishes.box'), dataIndex: 'boxName', width: 180 },
          {
            title: t('wishes.state.collected'),
            dataIndex: 'state',
            width: 100,
            render: (s: WishState) => <Tag>{t(`wishes.state.${s}`)}</Tag>,
          },
          { title: t('wishes.category'), dataIndex: 'categoryName', width: 110 },
          { title: t('wishes.tracker'), dataIndex: 'trackerName', width: 100 },
          { title: t('wishes.feedback'), dataIndex: 'feedback', ellipsis: true },
          {
            title: t('wishes.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('common.actions'),
            width: 200,
            render: (_: unknown, w) => (
              <Space size={4} wrap>
                {ACTIONS.filter((a) => w.actions[a]).map((a) => (
                  <Button key={a} size="small" onClick={() => setOpen({ wish: w, action: a })}>
                    {t(`wishes.actions.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {open ? <ActionModal wish={open.wish} action={open.action} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function Batches() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const batches = useWishBatches();
  const areas = useWishAreas();
  const gen = useGenerateBatches();
  const codes = [...(areas.data ?? []).map((a) => a.code), 'unclassified'];
  const name = (c: string) => areas.data?.find((a) => a.code === c)?.name ?? t('wishes.unclassified');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        loading={gen.isPending}
        onClick={() =>
          gen.mutate(undefined, {
            onSuccess: (r) => message.success(t('wishes.generated', { n: r.created })),
            onError: (e) => message.error(errorText(e)),
          })
        }
      >
        {t('wishes.generate')}
      </Button>
      <Table
        rowKey="id"
        size="middle"
        loading={batches.isLoading}
        dataSource={batches.data ?? []}
        pagination={false}
        columns={[
          { title: t('wishes.week'), dataIndex: 'weekStart', width: 120 },
          { title: t('wishes.region'), dataIndex: 'regionName', width: 120 },
          ...codes.map((c) => ({
            title: name(c),
            key: c,
            render: (_: unknown, b: { counts: Record<string, number> }) => b.counts[c] ?? 0,
          })),
          { title: t('wishes.total'), dataIndex: 'total', width: 80 },
        ]}
      />
    </Space>
  );
}

function Boxes() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const boxes = useWishBoxes();
  const create = useCreateBox();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button onClick={() => setOpen(true)}>{t('wishes.newBox')}</Button>
      <Table
        rowKey="id"
        size="middle"
        loading={boxes.isLoading}
        dataSource={boxes.data ?? []}
        pagination={false}
        columns={[
          { title: t('wishes.boxName'), dataIndex: 'name' },
          { title: t('wishes.region'), dataIndex: 'regionName', width: 120 },
          { title: t('wishes.location'), dataIndex: 'location' },
          {
            title: t('wishes.link'),
            dataIndex: 'link',
            render: (v: string) => (
              <Typography.Text copyable>{`${window.location.origin}${v}`}</Typography.Text>
            ),
          },
          {
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, b: { id: string }) => (
              <Link to={`/admin/wish-boxes/${b.id}/poster`} target="_blank">
                <PrinterOutlined /> {t('wishes.poster')}
              </Link>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('wishes.newBox')}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          create.mutate(v, {
            onSuccess: () => {
              setOpen(false);
              form.resetFields();
            },
            onError: (e) => message.error(errorText(e)),
          });
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('wishes.boxName')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('wishes.region')}
            rules={[{ required: true, pattern: /^\d{6}(\d{3})?$/ }]}
          >
            <Input placeholder="511102004" />
          </Form.Item>
          <Form.Item name="location" label={t('wishes.location')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 心愿箱 board: the five steps as tabs, batches, activity ideas and boxes. */
export function WishBoardPage() {
  const { t } = useTranslation();
  const counts = useWishes({}).data?.counts ?? {};
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('wishes.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('wishes.subtitle')}</Typography.Paragraph>
      <Tabs
        items={[
          ...WISH_STATES.map((s) => ({
            key: s,
            label: `${t(`wishes.state.${s}`)} ${counts[s] ?? 0}`,
            children: <WishTable state={s} />,
          })),
          { key: 'ideas', label: t('wishes.tabs.ideas'), children: <WishTable ideas /> },
          { key: 'batches', label: t('wishes.tabs.batches'), children: <Batches /> },
          { key: 'boxes', label: t('wishes.tabs.boxes'), children: <Boxes /> },
        ]}
      />
    </Card>
  );
}

/** Printable A4 poster for one box: a QR code of the box's wish link, drawn in the browser. */
export function WishPosterPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const boxes = useWishBoxes();
  const box = boxes.data?.find((b) => b.id === id);
  if (!box) return null;
  const url = `${window.location.origin}${box.link}`;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 24 }}>
      <style>
        {
          '@page { size: A4; margin: 0 } @media print { .nx-no-print { display: none } body { background: #fff } }'
        }
      </style>
      <div className="nx-no-print" style={{ textAlign: 'center', marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('wishes.print')}
        </Button>
      </div>
      <div
        data-testid="wish-poster"
        style={{
          width: '210mm',
          minHeight: '297mm',
          margin: '0 auto',
          background: '#fff',
          padding: '24mm 18mm',
          boxSizing: 'border-box',
          textAlign: 'center',
          color: '#2b1710',
          borderTop: '14mm solid #d4380d',
        }}
      >
        <div style={{ fontSize: 20, color: '#d4380d', fontWeight: 600 }}>暖心 Nuanxin · 乐山</div>
        <h1 style={{ fontSize: 64, margin: '12mm 0 4mm', color: '#d4380d' }}>{t('wishes.posterTitle')}</h1>
        <div style={{ fontSize: 26 }}>{t('wishes.posterLead')}</div>
        <div style={{ fontSize: 30, fontWeight: 600, margin: '12mm 0 4mm' }}>{box.name}</div>
        <div style={{ fontSize: 18, color: '#6b4a3a' }}>{box.location}</div>
        <div data-testid="wish-poster-qr" style={{ width: '70mm', height: '70mm', margin: '12mm auto' }}>
          <QrCode value={url} size="70mm" label={t('wishes.posterQrLabel', { name: box.name, url })} />
        </div>
        <div style={{ fontSize: 20 }}>{t('wishes.posterScan')}</div>
        <div
          style={{
            fontSize: 30,
            fontWeight: 700,
            margin: '6mm 0',
            wordBreak: 'break-all',
            fontFamily: 'monospace',
          }}
        >
          {url}
        </div>
        <div style={{ fontSize: 20, marginTop: '10mm', color: '#d4380d' }}>{t('wishes.posterSteps')}</div>
      </div>
    </div>
  );
}

function RaiseModal({ forum, onClose }: { forum: Forum; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ appeals: AppealRow[] }>();
  const raise = useRaiseAppeals();
  return (
    <Modal
      open
      width={720}
      title={`${t('wishes.forum.raise')} · ${forum.heldOn}`}
      onCancel={onClose}
      confirmLoading={raise.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        raise.mutate(
          { id: forum.id, appeals: v.appeals },
          {
            onSuccess: () => {
              message.success(t('wishes.forum.raised', { n: v.appeals.length }));
              onClose();
            },
            onError: (e) => message.error(errorText(e)),
          },
        );
      }}
    >
      <Typography.Paragraph type="secondary">{t('wishes.forum.allOrNone')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ appeals: [{ type: 'help' }] }}>
        <AppealRows />
      </Form>
    </Modal>
  );
}

function AppealRows() {
  const { t } = useTranslation();
  return (
    <Form.List name="appeals">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={`#${i + 1}`}
              style={{ marginBottom: 8 }}
              extra={
                <Button size="small" danger onClick={() => remove(f.name)}>
                  {t('wishes.forum.removeRow')}
                </Button>
              }
            >
              <AppealFields name={[f.name]} />
            </Card>
          ))}
          <Button type="dashed" block onClick={() => add({ type: 'help' })}>
            {t('wishes.forum.addRow')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 座谈会: list, record form (with appeals), raise appeals from a recorded forum. */
export function ForumsPage({ canRecord }: { canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const forums = useForums();
  const create = useCreateForum();
  const [open, setOpen] = useState(false);
  const [raising, setRaising] = useState<Forum | null>(null);
  const [form] = Form.useForm();
  const att = ['riders', 'stationHeads', 'companyManagement', 'departments'] as const;
  return (
    <Card>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('wishes.forum.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('wishes.forum.subtitle')}</Typography.Text>
        </div>
        {canRecord ? (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('wishes.forum.new')}
          </Button>
        ) : null}
      </Space>
      <Table<Forum>
        style={{ marginTop: 16 }}
        rowKey="id"
        loading={forums.isLoading}
        dataSource={forums.data ?? []}
        expandable={{
          expandedRowRender: (f) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.minutes}</Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('wishes.forum.heldOn'), dataIndex: 'heldOn', width: 110 },
          { title: t('wishes.forum.place'), dataIndex: 'place' },
          { title: t('wishes.forum.region'), dataIndex: 'regionName', width: 100 },
          {
            title: t('wishes.forum.attendees'),
            render: (_: unknown, f) =>
              att.map((k) => `${t(`wishes.forum.${k}`)} ${f.attendees[k]}`).join(' · '),
          },
          {
            title: t('wishes.forum.appeals'),
            render: (_: unknown, f) => (
              <Space size={4} wrap>
                {f.appeals.map((a) => (
                  <Link key={a.appealId} to={`/admin/appeals/${a.appealId}`} title={a.title}>
                    <Tag>{a.caseNo}</Tag>
                  </Link>
                ))}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            width: 160,
            render: (_: unknown, f) =>
              f.canRaise ? (
                <Button size="small" onClick={() => setRaising(f)}>
                  {t('wishes.forum.raise')}
                </Button>
              ) : null,
          },
        ]}
      />
      {raising ? <RaiseModal forum={raising} onClose={() => setRaising(null)} /> : null}
      <Modal
        open={open}
        width={760}
        title={t('wishes.forum.new')}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          create.mutate(
            { ...v, appeals: v.appeals ?? [] },
            {
              onSuccess: () => {
                message.success(t('wishes.forum.recorded'));
                setOpen(false);
                form.resetFields();
              },
              onError: (e) => message.error(errorText(e)),
            },
          );
        }}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            attendees: { riders: 0, stationHeads: 0, companyManagement: 0, departments: 0 },
            appeals: [],
          }}
        >
          <Space wrap>
            <Form.Item
              name="heldOn"
              label={t('wishes.forum.heldOn')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
            >
              <Input placeholder="2026-03-05" />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('wishes.forum.region')}
              rules={[{ required: true, pattern: /^\d{6}(\d{3})?$/ }]}
            >
              <Input placeholder="511102" />
            </Form.Item>
          </Space>
          <Form.Item name="place" label={t('wishes.forum.place')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('wishes.forum.attendees')}>
            <Space wrap>
              {att.map((k) => (
                <Form.Item key={k} name={['attendees', k]} label={t(`wishes.forum.${k}`)} noStyle={false}>
                  <InputNumber min={0} max={1000} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="minutes" label={t('wishes.forum.minutes')} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Typography.Text strong>{t('wishes.forum.appeals')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('wishes.forum.allOrNone')}</Typography.Paragraph>
          <AppealRows />
        </Form>
      </Modal>
    </Card>
  );
}
