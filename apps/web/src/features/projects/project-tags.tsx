import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectLevel, ProjectState, ProjectSummary } from './api';

const STATE_COLOR: Record<ProjectState, string> = {
  draft: 'default',
  active: 'processing',
  resolved: 'success',
  closed: 'green',
  cancelled: 'default',
};
const LEVEL_COLOR: Record<ProjectLevel, string> = {
  community: 'default',
  district_department: 'blue',
  industry_committee: 'volcano',
  city: 'red',
};

export function ProjectStateTag({ state }: { state: ProjectState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`projects.states.${state}`)}</Tag>;
}

export function LevelTag({ level }: { level: ProjectLevel }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLOR[level]}>{t(`projects.levels.${level}`)}</Tag>;
}

export function FlagTags({
  p,
}: {
  p: Pick<ProjectSummary, 'concentrated' | 'crossRegion' | 'crossDepartment'>;
}) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {p.concentrated ? <Tag color="gold">{t('projects.flagLabels.concentrated')}</Tag> : null}
      {p.crossRegion ? <Tag color="magenta">{t('projects.flagLabels.crossRegion')}</Tag> : null}
      {p.crossDepartment ? <Tag color="purple">{t('projects.flagLabels.crossDepartment')}</Tag> : null}
    </Space>
  );
}
