import type { RegionDto } from '@nuanxin/shared';
import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRegions, useRootRegions } from '../users/api/scope';
import { useKeeperCandidates, useOperatorOrgs } from './api';

/** A search text, settled 250 ms after the last keystroke. */
function useDebounced(value: string, ms = 250): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (r: RegionDto): Node => ({
  id: r.code,
  pId: r.parentCode,
  value: r.code,
  title: r.name,
  isLeaf: r.level === 'township',
});

function merge(prev: Node[], add: Node[]): Node[] {
  const seen = new Set(prev.map((n) => n.id));
  return [...prev, ...add.filter((n) => !seen.has(n.id))];
}

/**
 * Region tree (city → districts → townships loaded on opening). A chosen township is loaded with
 * its siblings, so an edit shows its name rather than its code.
 */
export function RegionSelect({
  value,
  onChange,
  id,
  ariaLabel,
  placeholder,
  width = '100%',
}: {
  value?: string | undefined;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel: string;
  placeholder?: string;
  width?: number | string;
}) {
  const root = useRootRegions();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    if (root.data) setNodes((prev) => merge(prev, root.data.map(toNode)));
  }, [root.data]);
  // The county whose townships to have ready: the chosen township's, or the chosen county itself.
  const county =
    value?.length === 9 ? value.slice(0, 6) : value && /^\d{4}(?!00)\d{2}$/.test(value) ? value : null;
  useEffect(() => {
    if (!county) return;
    let live = true;
    getRegions(county).then(
      (children) => {
        if (live) setNodes((prev) => merge(prev, children.map(toNode)));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [county]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDataSimpleMode
      treeData={nodes}
      loading={root.isLoading}
      placeholder={placeholder}
      loadData={async (node) => {
        const children = await getRegions(String(node.value));
        setNodes((prev) => merge(prev, children.map(toNode)));
      }}
      style={{ width }}
    />
  );
}

/** Operating organisation: organisations of the station's county, searched on the server. */
export function OperatorSelect({
  value,
  onChange,
  id,
  regionCode,
  current,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  regionCode: string | undefined;
  /** The station's operator as loaded (shown by name before any search). */
  current?: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const orgs = useOperatorOrgs(debounced, regionCode);
  const options = useMemo(() => {
    const list = (orgs.data ?? []).map((o) => ({
      value: o.id,
      label: `${o.name}（${t(`orgKinds.${o.kind}`)}）`,
    }));
    if (current && !list.some((o) => o.value === current.id))
      list.unshift({ value: current.id, label: current.name });
    return list;
  }, [orgs.data, current, t]);
  return (
    <Select
      id={id}
      aria-label={t('stationConsole.form.operator')}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={orgs.isFetching}
      placeholder={t('stationConsole.form.operatorPlaceholder')}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('common.empty')}
      style={{ width: '100%' }}
    />
  );
}

/** Keepers: station keepers and community staff within the manager's reach, searched by name. */
export function KeepersSelect({
  value,
  onChange,
  id,
  current,
  enabled,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  current?: readonly { userId: string; name: string }[] | undefined;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const people = useKeeperCandidates(debounced, enabled);
  const options = useMemo(() => {
    const list = (people.data ?? []).map((p) => ({
      value: p.userId,
      label: `${p.name}（${t(`roles.${p.role}`)}${p.scopeName ? ` · ${p.scopeName}` : ''}）`,
    }));
    for (const k of current ?? [])
      if (!list.some((o) => o.value === k.userId)) list.push({ value: k.userId, label: k.name });
    return list;
  }, [people.data, current, t]);
  return (
    <Select
      id={id}
      mode="multiple"
      aria-label={t('stationConsole.form.keepers')}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={people.isFetching}
      placeholder={t('stationConsole.form.keepersPlaceholder')}
      notFoundContent={people.isFetching ? t('common.loading') : t('common.empty')}
      style={{ width: '100%' }}
    />
  );
}
