import type { RegionDto } from '@nuanxin/shared';
import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRegions, useOrgSearch, useRootRegions } from '../api/scope';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(r: RegionDto): Node {
  return { id: r.code, pId: r.parentCode, value: r.code, title: r.name, isLeaf: r.level === 'township' };
}

/** Region tree: the city and its districts first, townships loaded when a district opens. */
export function RegionPicker({
  value,
  onChange,
  id,
  ariaLabel,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel: string;
}) {
  const { t } = useTranslation();
  const root = useRootRegions();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    if (root.data) setNodes((prev) => merge(prev, root.data.map(toNode)));
  }, [root.data]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDataSimpleMode
      treeData={nodes}
      loading={root.isLoading}
      placeholder={t('admin.createUser.regionPlaceholder')}
      loadData={async (node) => {
        const code = String(node.value);
        const children = await getRegions(code);
        setNodes((prev) => merge(prev, children.map(toNode)));
      }}
      style={{ width: '100%' }}
    />
  );
}

function merge(prev: Node[], add: Node[]): Node[] {
  const seen = new Set(prev.map((n) => n.id));
  return [...prev, ...add.filter((n) => !seen.has(n.id))];
}

/** Organisation search (server-side `q`), labelled with the organisation kind. */
export function OrgPicker({
  value,
  onChange,
  id,
  ariaLabel,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(h);
  }, [q]);
  const orgs = useOrgSearch(debounced);
  const options = useMemo(
    () =>
      (orgs.data ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}（${t(`orgKinds.${o.kind}`)}）`,
      })),
    [orgs.data, t],
  );
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={orgs.isFetching}
      placeholder={t('admin.createUser.orgPlaceholder')}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('common.empty')}
      style={{ width: '100%' }}
    />
  );
}
