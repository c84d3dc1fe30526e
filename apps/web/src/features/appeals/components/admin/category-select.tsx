import type { CategoryNode } from '../../api/appeals';

export interface CategoryTreeItem {
  value: string;
  title: string;
  children?: CategoryTreeItem[];
}

/** antd TreeSelect data from the category tree. */
export function categoryTreeData(nodes: readonly CategoryNode[]): CategoryTreeItem[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    children: n.children.length ? categoryTreeData(n.children) : undefined,
  }));
}
