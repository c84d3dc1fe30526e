import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type Key, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import {
  type CatalogueCategory,
  useCatalogueCategories,
  useCreateCategory,
  useDeleteCategory,
  useReorderCategories,
  useSetCategoryEnabled,
  useUpdateCategory,
} from './api';

const CODE_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

interface Row extends CatalogueCategory {
  children?: Row[];
  /** Hidden from filing because its area is disabled. */
  parentDisabled: boolean;
}

/** The flat list as the table's tree, filtered by the search text and the disabled switch. */
export function categoryRows(items: readonly CatalogueCategory[], q: string, showDisabled: boolean): Row[] {
  const byParent = new Map<string | null, CatalogueCategory[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const needle = q.trim().toLowerCase();
  const hit = (c: CatalogueCategory) =>
    !needle || c.name.toLowerCase().includes(needle) || c.code.toLowerCase().includes(needle);
  const build = (parentId: string | null, parentDisabled: boolean, parentHit: boolean): Row[] =>
    (byParent.get(parentId) ?? []).flatMap((c) => {
      if (!showDisabled && !c.enabled) return [];
      const kids = build(c.id, parentDisabled || !c.enabled, parentHit || hit(c));
      if (!(parentHit || hit(c) || kids.length > 0)) return [];
      const row: Row = { ...c, parentDisabled };
      if (kids.length > 0) row.children = kids;
      return [row];
    });
  return build(null, false, false);
}

interface FormValues {
  parentId: string | null;
  code: string;
  name: string;
  acceptsPublic: boolean;
  radiusMeters: number;
}

type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; row: CatalogueCategory };

function CategoryModal({
  editing,
  items,
  onClose,
}: {
  editing: Editing;
  items: readonly CatalogueCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const row = editing.mode === 'edit' ? editing.row : null;
  const areas = items.filter((c) => c.parentId === null && c.id !== row?.id);
  const initial: FormValues = row
    ? {
        parentId: row.parentId,
        code: row.code,
        name: row.name,
        acceptsPublic: row.acceptsPublic,
        radiusMeters: row.radiusMeters,
      }
    : {
        parentId: editing.mode === 'create' ? editing.parentId : null,
        code: '',
        name: '',
        acceptsPublic: true,
        radiusMeters: 200,
      };
  const parentCode = items.find((c) => c.id === initial.parentId)?.code;

  const submit = async () => {
    const v = await form.validateFields();
    const onError = (err: unknown) => void message.error(errorText(err));
    if (row) {
      update.mutate(
        {
          id: row.id,
          name: v.name.trim(),
          acceptsPublic: v.acceptsPublic,
          radiusMeters: v.radiusMeters,
          ...(v.parentId !== row.parentId ? { parentId: v.parentId } : {}),
        },
        {
          onSuccess: () => {
            void message.success(t('appealCatalogue.categories.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        {
          parentId: v.parentId,
          code: v.code.trim(),
          name: v.name.trim(),
          acceptsPublic: v.acceptsPublic,
          radiusMeters: v.radiusMeters,
        },
        {
          onSuccess: (c) => {
            void message.success(t('appealCatalogue.categories.created', { name: c.name }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open
      title={
        row
          ? t('appealCatalogue.categories.editTitle', { name: row.name })
          : t('appealCatalogue.categories.createTitle')
      }
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="parentId" label={t('appealCatalogue.categories.parent')}>
          <Select
            aria-label={t('appealCatalogue.categories.parent')}
            // An area with problems stays an area: two levels at most.
            disabled={Boolean(row && row.childCount > 0)}
            options={[
              { value: null, label: t('appealCatalogue.categories.parentNone') },
              ...areas.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('appealCatalogue.categories.code')}
          extra={row ? undefined : t('appealCatalogue.categories.codeHint')}
          rules={
            row
              ? []
              : [
                  { required: true, whitespace: true, message: t('appeals.form.required') },
                  { pattern: CODE_RE, message: t('appealCatalogue.categories.codePattern') },
                  { min: 2, max: 64 },
                ]
          }
        >
          <Input
            aria-label={t('appealCatalogue.categories.code')}
            disabled={Boolean(row)}
            placeholder={parentCode ? `${parentCode}.` : 'env'}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('appealCatalogue.categories.name')}
          rules={[{ required: true, whitespace: true, message: t('appeals.form.required') }]}
        >
          <Input
            aria-label={t('appealCatalogue.categories.name')}
            maxLength={40}
            showCount
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item
          name="acceptsPublic"
          label={t('appealCatalogue.categories.acceptsPublic')}
          valuePropName="checked"
          extra={t('appealCatalogue.categories.acceptsPublicHint')}
        >
          <Switch aria-label={t('appealCatalogue.categories.acceptsPublic')} />
        </Form.Item>
        <Form.Item
          name="radiusMeters"
          label={t('appealCatalogue.categories.radius')}
          extra={t('appealCatalogue.categories.radiusHint')}
          rules={[{ required: true, message: t('appeals.form.required') }]}
        >
          <InputNumber
            aria-label={t('appealCatalogue.categories.radius')}
            min={50}
            max={5000}
            step={50}
            precision={0}
            suffix={t('appealCatalogue.categories.meters')}
            style={{ width: 180 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 诉求分类: the city's category tree, with add, edit, order, disable and delete. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const list = useCatalogueCategories();
  const setEnabled = useSetCategoryEnabled();
  const remove = useDeleteCategory();
  const reorder = useReorderCategories();
  const [q, setQ] = useState('');
  const [showDisabled, setShowDisabled] = useState(true);
  const [editing, setEditing] = useState<Editing | null>(null);
  const items = list.data ?? [];
  const rows = useMemo(() => categoryRows(items, q, showDisabled), [items, q, showDisabled]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  // Everything open by default, and while searching.
  const allKeys = useMemo(() => items.filter((c) => c.childCount > 0).map((c) => c.id), [items]);
  const expandedKeys = q.trim() ? allKeys : (expanded ?? allKeys);

  const move = (row: CatalogueCategory, delta: -1 | 1) => {
    const siblings = items.filter((c) => c.parentId === row.parentId).map((c) => c.id);
    const i = siblings.indexOf(row.id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= siblings.length) return;
    [siblings[i], siblings[j]] = [siblings[j]!, siblings[i]!];
    reorder.mutate(
      { parentId: row.parentId, ids: siblings },
      { onError: (e) => void message.error(errorText(e)) },
    );
  };

  const toggle = (row: Row) => {
    if (row.enabled) {
      modal.confirm({
        title: t('appealCatalogue.categories.disableTitle', { name: row.name }),
        content: (
          <>
            <p>{t('appealCatalogue.categories.disableBody', { count: row.caseCount })}</p>
            {row.childCount > 0 ? (
              <p>{t('appealCatalogue.categories.disableChildren', { count: row.childCount })}</p>
            ) : null}
          </>
        ),
        okText: t('appealCatalogue.categories.disable'),
        okButtonProps: { danger: true },
        onOk: () =>
          setEnabled
            .mutateAsync({ id: row.id, enabled: false })
            .then(
              () => void message.success(t('appealCatalogue.categories.disabledDone', { name: row.name })),
            )
            .catch((e: unknown) => void message.error(errorText(e))),
      });
    } else {
      setEnabled.mutate(
        { id: row.id, enabled: true },
        {
          onSuccess: () =>
            void message.success(t('appealCatalogue.categories.enabledDone', { name: row.name })),
          onError: (e) => void message.error(errorText(e)),
        },
      );
    }
  };

  const del = (row: Row) =>
    modal.confirm({
      title: t('appealCatalogue.categories.deleteTitle', { name: row.name }),
      content: t('appealCatalogue.categories.deleteBody'),
      okText: t('appealCatalogue.categories.delete'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove
          .mutateAsync(row.id)
          .then(() => void message.success(t('appealCatalogue.categories.deleted')))
          .catch((e: unknown) => void message.error(errorText(e))),
    });

  const columns = [
    {
      title: t('appealCatalogue.categories.name'),
      key: 'name',
      width: 340,
      render: (_: unknown, r: Row) => (
        // Inline content wraps beside the tree indent instead of dropping below it.
        <span style={{ display: 'inline-block', verticalAlign: 'top', maxWidth: 'calc(100% - 48px)' }}>
          <Typography.Text
            strong={r.parentId === null}
            type={r.enabled && !r.parentDisabled ? undefined : 'secondary'}
            style={{ marginInlineEnd: 6 }}
          >
            {r.name}
          </Typography.Text>
          <Tag bordered={false}>
            {r.parentId === null
              ? t('appealCatalogue.categories.level1')
              : t('appealCatalogue.categories.level2')}
          </Tag>
          <Typography.Text
            type="secondary"
            style={{ display: 'block', fontSize: 12, fontFamily: 'monospace' }}
          >
            {r.code}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('appealCatalogue.categories.publicShort'),
      key: 'public',
      width: 100,
      render: (_: unknown, r: Row) =>
        r.acceptsPublic ? (
          <Tag color="green">{t('appealCatalogue.categories.publicYes')}</Tag>
        ) : (
          <Tag>{t('appealCatalogue.categories.publicNo')}</Tag>
        ),
    },
    {
      title: t('appealCatalogue.categories.radiusShort'),
      key: 'radius',
      width: 90,
      render: (_: unknown, r: Row) => `${r.radiusMeters} ${t('appealCatalogue.categories.meters')}`,
    },
    {
      title: t('appealCatalogue.categories.cases'),
      key: 'cases',
      width: 120,
      render: (_: unknown, r: Row) =>
        t('appealCatalogue.categories.casesValue', { open: r.openCaseCount, total: r.caseCount }),
    },
    { title: t('appealCatalogue.categories.rules'), dataIndex: 'ruleCount', key: 'rules', width: 80 },
    {
      title: t('appealCatalogue.categories.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, r: Row) =>
        !r.enabled ? (
          <Tag color="default">{t('appealCatalogue.categories.disabled')}</Tag>
        ) : r.parentDisabled ? (
          <Tag color="orange">{t('appealCatalogue.categories.hiddenByParent')}</Tag>
        ) : (
          <Tag color="blue">{t('appealCatalogue.categories.enabled')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_: unknown, r: Row) => {
        const siblings = items.filter((c) => c.parentId === r.parentId);
        const i = siblings.findIndex((c) => c.id === r.id);
        const deletable = r.caseCount === 0 && r.childCount === 0;
        return (
          <Space size={0} wrap>
            {r.parentId === null ? (
              <Button type="link" size="small" onClick={() => setEditing({ mode: 'create', parentId: r.id })}>
                {t('appealCatalogue.categories.addChild')}
              </Button>
            ) : null}
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', row: r })}>
              {t('appealCatalogue.categories.edit')}
            </Button>
            <Tooltip title={t('appealCatalogue.categories.moveUp')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={`${t('appealCatalogue.categories.moveUp')} ${r.name}`}
                disabled={i <= 0 || reorder.isPending}
                onClick={() => move(r, -1)}
              />
            </Tooltip>
            <Tooltip title={t('appealCatalogue.categories.moveDown')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={`${t('appealCatalogue.categories.moveDown')} ${r.name}`}
                disabled={i < 0 || i >= siblings.length - 1 || reorder.isPending}
                onClick={() => move(r, 1)}
              />
            </Tooltip>
            <Button type="link" size="small" danger={r.enabled} onClick={() => toggle(r)}>
              {r.enabled ? t('appealCatalogue.categories.disable') : t('appealCatalogue.categories.enable')}
            </Button>
            <Tooltip title={deletable ? undefined : t('appealCatalogue.categories.cannotDelete')}>
              <Button type="link" size="small" danger disabled={!deletable} onClick={() => del(r)}>
                {t('appealCatalogue.categories.delete')}
              </Button>
            </Tooltip>
          </Space>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('appealCatalogue.categories.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('appealCatalogue.categories.subtitle')}</Typography.Text>
          </div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create', parentId: null })}
          >
            {t('appealCatalogue.categories.addArea')}
          </Button>
        </Space>
      </Card>
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Input.Search
            allowClear
            aria-label={t('appealCatalogue.categories.search')}
            placeholder={t('appealCatalogue.categories.search')}
            onChange={(e) => setQ(e.target.value)}
            onSearch={setQ}
            style={{ width: 260 }}
          />
          <Space size={6}>
            <Switch
              checked={showDisabled}
              onChange={setShowDisabled}
              aria-label={t('appealCatalogue.categories.showDisabled')}
            />
            <span>{t('appealCatalogue.categories.showDisabled')}</span>
          </Space>
        </Space>
        <QueryState
          isLoading={list.isLoading}
          error={list.error}
          onRetry={() => void list.refetch()}
          isEmpty={items.length === 0}
          emptyText={t('appealCatalogue.categories.empty')}
        >
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1130 }}
            loading={list.isFetching && !list.isLoading}
            expandable={{
              expandedRowKeys: [...expandedKeys],
              onExpandedRowsChange: (keys) => setExpanded(keys),
            }}
            locale={{ emptyText: <Empty description={t('appealCatalogue.categories.noMatch')} /> }}
          />
        </QueryState>
      </Card>
      {editing ? <CategoryModal editing={editing} items={items} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}
