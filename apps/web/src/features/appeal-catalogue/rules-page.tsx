import { PlusOutlined } from '@ant-design/icons';
import type { OrgItemDto } from '@nuanxin/shared';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Result,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import { useRegions } from '../appeals/api/appeals';
import {
  type CatalogueCategory,
  type DispatchRule,
  useCatalogueCategories,
  useCatalogueGaps,
  useCatalogueRegions,
  useDeleteRule,
  useDispatchRules,
  useSaveRule,
  useUnitsIn,
} from './api';

interface TreeItem {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeItem[];
}

/** TreeSelect data of the categories; `onlyEnabled` leaves out disabled ones and their problems. */
function categoryTreeData(items: readonly CatalogueCategory[], onlyEnabled: boolean): TreeItem[] {
  const build = (parentId: string | null): TreeItem[] =>
    items
      .filter((c) => c.parentId === parentId && (!onlyEnabled || c.enabled))
      .map((c) => {
        const children = build(c.id);
        return { value: c.id, title: c.name, ...(children.length ? { children } : {}) };
      });
  return build(null);
}

/** Select options of the units, grouped by organisation kind. */
function unitOptions(units: readonly OrgItemDto[], t: (k: string) => string) {
  const groups = new Map<string, OrgItemDto[]>();
  for (const u of units) groups.set(u.kind, [...(groups.get(u.kind) ?? []), u]);
  return [...groups.entries()].map(([kind, list]) => ({
    label: t(`orgKinds.${kind}`),
    title: t(`orgKinds.${kind}`),
    options: list.map((u) => ({ value: u.id, label: u.name })),
  }));
}

interface RuleDraft {
  id?: string;
  categoryId?: string;
  county: string;
  township?: string | undefined;
  unitId?: string;
}

interface RuleForm {
  categoryId: string;
  township?: string;
  unitId: string;
}

function RuleDrawer({
  draft,
  categories,
  countyName,
  onClose,
}: {
  draft: RuleDraft;
  categories: readonly CatalogueCategory[];
  countyName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const save = useSaveRule();
  const units = useUnitsIn(draft.county);
  const townships = useRegions(draft.county);
  const editing = Boolean(draft.id);
  const tree = useMemo(() => categoryTreeData(categories, true), [categories]);
  const [error, setError] = useState<string | null>(null);

  const submit = (v: RuleForm) => {
    setError(null);
    save.mutate(
      { id: draft.id, categoryId: v.categoryId, regionCode: v.township ?? draft.county, unitId: v.unitId },
      {
        onSuccess: () => {
          void message.success(t('appealCatalogue.rules.saved'));
          onClose();
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };

  return (
    <Drawer
      open
      size={520}
      title={editing ? t('appealCatalogue.rules.editTitle') : t('appealCatalogue.rules.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Typography.Paragraph>
        {t('appealCatalogue.rules.region')}：<Typography.Text strong>{countyName}</Typography.Text>
      </Typography.Paragraph>
      <Form<RuleForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
          ...(draft.township ? { township: draft.township } : {}),
          ...(draft.unitId ? { unitId: draft.unitId } : {}),
        }}
      >
        <Form.Item
          name="categoryId"
          label={t('appealCatalogue.rules.category')}
          rules={[{ required: true, message: t('appeals.form.categoryRequired') }]}
        >
          <TreeSelect
            aria-label={t('appealCatalogue.rules.category')}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={tree}
            treeDefaultExpandAll
            disabled={editing}
            placeholder={t('appeals.form.categoryPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="township"
          label={t('appealCatalogue.rules.township')}
          extra={t('appealCatalogue.rules.townshipHint')}
        >
          <Select
            allowClear
            aria-label={t('appealCatalogue.rules.township')}
            disabled={editing}
            showSearch={{ optionFilterProp: 'label' }}
            loading={townships.isLoading}
            options={(townships.data ?? [])
              .filter((r) => r.level === 'township')
              .map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('appealCatalogue.rules.unit')}
          extra={t('appealCatalogue.rules.unitHint')}
          rules={[{ required: true, message: t('appeals.form.leadUnitRequired') }]}
        >
          <Select
            aria-label={t('appealCatalogue.rules.unit')}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('appealCatalogue.rules.unitPlaceholder')}
            loading={units.isLoading}
            options={unitOptions(units.data ?? [], t)}
            notFoundContent={units.error ? errorText(units.error) : undefined}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 派单目录: category × region → default lead unit, with the 未配置 gaps of a region. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const regions = useCatalogueRegions();
  const categories = useCatalogueCategories();
  const [pickedRegion, setRegion] = useState<string | undefined>();
  const region = pickedRegion ?? regions.data?.[0]?.code;
  const regionName = regions.data?.find((r) => r.code === region)?.name ?? region ?? '';
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [tab, setTab] = useState('rules');
  const rules = useDispatchRules({ regionCode: region, categoryId });
  const gaps = useCatalogueGaps(region);
  const remove = useDeleteRule();
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const filterTree = useMemo(() => categoryTreeData(categories.data ?? [], false), [categories.data]);
  const gapCount = gaps.data?.items.length ?? 0;

  const del = (r: DispatchRule) =>
    modal.confirm({
      title: t('appealCatalogue.rules.deleteTitle'),
      content: t('appealCatalogue.rules.deleteBody', { category: r.categoryName, region: r.regionName }),
      okText: t('appealCatalogue.rules.delete'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove
          .mutateAsync(r.id)
          .then(() => void message.success(t('appealCatalogue.rules.deleted')))
          .catch((e: unknown) => void message.error(errorText(e))),
    });

  const ruleColumns = [
    {
      title: t('appealCatalogue.rules.category'),
      key: 'category',
      render: (_: unknown, r: DispatchRule) => (
        <Space direction="vertical" size={0}>
          <Space size={6}>
            <Typography.Text strong>{r.categoryName}</Typography.Text>
            {r.parentCategoryName === null ? (
              <Tag bordered={false}>{t('appealCatalogue.rules.inheritedHint')}</Tag>
            ) : null}
            {r.categoryEnabled ? null : <Tag>{t('appealCatalogue.rules.categoryDisabled')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.parentCategoryName ? `${r.parentCategoryName} · ` : ''}
            {r.categoryCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('appealCatalogue.rules.region'), dataIndex: 'regionName', key: 'region', width: 160 },
    {
      title: t('appealCatalogue.rules.unit'),
      key: 'unit',
      render: (_: unknown, r: DispatchRule) => (
        <Space size={6}>
          <span>{r.unitName}</span>
          <Tag bordered={false}>{t(`orgKinds.${r.unitKind}`)}</Tag>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, r: DispatchRule) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() =>
              setDraft({
                id: r.id,
                categoryId: r.categoryId,
                county: r.regionCode.slice(0, 6),
                township: r.regionCode.length === 9 ? r.regionCode : undefined,
                unitId: r.unitId,
              })
            }
          >
            {t('appealCatalogue.rules.edit')}
          </Button>
          <Button type="link" size="small" danger onClick={() => del(r)}>
            {t('appealCatalogue.rules.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  const gapColumns = [
    {
      title: t('appealCatalogue.rules.area'),
      key: 'area',
      width: 200,
      render: (_: unknown, g: { parentName: string | null }) => g.parentName ?? '—',
    },
    {
      title: t('appealCatalogue.rules.problem'),
      key: 'problem',
      render: (_: unknown, g: { name: string; code: string; acceptsPublic: boolean }) => (
        <Space size={6}>
          <Typography.Text strong>{g.name}</Typography.Text>
          <Typography.Text type="secondary" code>
            {g.code}
          </Typography.Text>
          {g.acceptsPublic ? null : <Tag>{t('appealCatalogue.rules.staffOnly')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, g: { categoryId: string }) => (
        <Button
          type="link"
          size="small"
          onClick={() => region && setDraft({ categoryId: g.categoryId, county: region.slice(0, 6) })}
        >
          {t('appealCatalogue.rules.configure')}
        </Button>
      ),
    },
  ];

  if (regions.data && regions.data.length === 0)
    return <Result status="info" title={t('appealCatalogue.rules.noRegion')} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('appealCatalogue.rules.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('appealCatalogue.rules.subtitle')}</Typography.Text>
          </div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!region}
            onClick={() => region && setDraft({ county: region.slice(0, 6) })}
          >
            {t('appealCatalogue.rules.add')}
          </Button>
        </Space>
      </Card>
      <Card>
        <QueryState
          isLoading={regions.isLoading || categories.isLoading}
          error={regions.error ?? categories.error}
          onRetry={() => {
            void regions.refetch();
            void categories.refetch();
          }}
        >
          <Space style={{ marginBottom: 12 }} wrap>
            <Select
              aria-label={t('appealCatalogue.rules.region')}
              placeholder={t('appealCatalogue.rules.regionPlaceholder')}
              style={{ width: 180 }}
              value={region}
              onChange={(v) => setRegion(v)}
              options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            />
            {tab === 'rules' ? (
              <TreeSelect
                allowClear
                aria-label={t('appealCatalogue.rules.category')}
                placeholder={t('appealCatalogue.rules.categoryPlaceholder')}
                showSearch={{ treeNodeFilterProp: 'title' }}
                style={{ width: 260 }}
                value={categoryId}
                onChange={(v?: string) => setCategoryId(v)}
                treeData={filterTree}
                treeDefaultExpandAll
              />
            ) : null}
          </Space>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'rules',
                label: t('appealCatalogue.rules.tabRules'),
                children: (
                  <Table<DispatchRule>
                    rowKey="id"
                    size="middle"
                    columns={ruleColumns}
                    dataSource={rules.data ?? []}
                    loading={rules.isFetching}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    locale={{
                      emptyText: rules.error ? (
                        <Typography.Text type="danger">{errorText(rules.error)}</Typography.Text>
                      ) : (
                        <Empty description={t('appealCatalogue.rules.empty')} />
                      ),
                    }}
                  />
                ),
              },
              {
                key: 'gaps',
                label: (
                  <Space size={6}>
                    {t('appealCatalogue.rules.tabGaps')}
                    <Badge count={gapCount} showZero color={gapCount > 0 ? '#d4380d' : '#52c41a'} />
                  </Space>
                ),
                children: (
                  <QueryState
                    isLoading={gaps.isLoading}
                    error={gaps.error}
                    onRetry={() => void gaps.refetch()}
                  >
                    {gapCount === 0 ? (
                      <Result
                        status="success"
                        title={t('appealCatalogue.rules.gapsNone', { region: regionName })}
                      />
                    ) : (
                      <>
                        <Alert
                          type="warning"
                          showIcon
                          style={{ marginBottom: 12 }}
                          title={t('appealCatalogue.rules.gapsIntro', {
                            count: gapCount,
                            total: gaps.data?.categoryCount ?? 0,
                            region: regionName,
                          })}
                        />
                        <Table
                          rowKey="categoryId"
                          size="middle"
                          columns={gapColumns}
                          dataSource={gaps.data?.items ?? []}
                          pagination={false}
                        />
                      </>
                    )}
                  </QueryState>
                ),
              },
            ]}
          />
        </QueryState>
      </Card>
      {draft ? (
        <RuleDrawer
          draft={draft}
          categories={categories.data ?? []}
          countyName={regions.data?.find((r) => r.code === draft.county)?.name ?? draft.county}
          onClose={() => setDraft(null)}
        />
      ) : null}
    </Space>
  );
}
