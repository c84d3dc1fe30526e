import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../i18n';
import { PROJECT_STATES, type ProjectSummary, useClusters, useProjects } from './api';
import { CreateProjectModal, type ProjectDraft } from './create-modal';
import { FlagTags, LevelTag, ProjectStateTag } from './project-tags';

/** 治理项目清单 (APL-02): every project in scope, ordered by category. */
export function ProjectsPage({ canManage, defaultRegion }: { canManage: boolean; defaultRegion?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [draft, setDraft] = useState<ProjectDraft | null>(null);
  const [region, setRegion] = useState<string | undefined>(defaultRegion);
  const list = useProjects({ state, q, page, pageSize: 20 });
  const clusters = useClusters(canManage ? region : undefined);

  const columns = [
    { title: t('projects.category'), dataIndex: 'categoryName', key: 'category', width: 150 },
    {
      title: t('projects.name'),
      key: 'title',
      render: (_: unknown, p: ProjectSummary) => (
        <Space direction="vertical" size={0}>
          <Link to={`/admin/projects/${p.id}`}>{p.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code} · {p.regionName ?? p.regionCode} · {p.leadUnitName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('projects.state'),
      key: 'state',
      width: 100,
      render: (_: unknown, p: ProjectSummary) => <ProjectStateTag state={p.state} />,
    },
    {
      title: t('projects.level'),
      key: 'level',
      width: 120,
      render: (_: unknown, p: ProjectSummary) => <LevelTag level={p.level} />,
    },
    {
      title: t('projects.flags'),
      key: 'flags',
      render: (_: unknown, p: ProjectSummary) => <FlagTags p={p} />,
    },
    { title: t('projects.cases'), dataIndex: 'caseCount', key: 'cases', width: 90 },
    {
      title: t('projects.progress'),
      key: 'progress',
      width: 140,
      render: (_: unknown, p: ProjectSummary) => <Progress percent={p.progressPercent} size="small" />,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('projects.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('projects.subtitle')}</Typography.Text>
          </div>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ appealIds: [] })}>
              {t('projects.newProject')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            placeholder={t('projects.allStates')}
            style={{ width: 140 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={PROJECT_STATES.map((s) => ({ value: s, label: t(`projects.states.${s}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('projects.search')}
            onSearch={(v) => {
              setQ(v || undefined);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
        </Space>
        <Table<ProjectSummary>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: list.error ? errorText(list.error) : <Empty /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        />
      </Card>
      {canManage ? (
        <Card
          title={t('projects.clusters')}
          extra={
            <Input.Search
              placeholder={t('projects.clusterRegion')}
              defaultValue={region}
              onSearch={(v) => setRegion(v || undefined)}
              style={{ width: 180 }}
            />
          }
        >
          <Typography.Paragraph type="secondary">{t('projects.clustersHint')}</Typography.Paragraph>
          <List
            loading={clusters.isLoading}
            dataSource={clusters.data?.clusters ?? []}
            locale={{ emptyText: clusters.error ? errorText(clusters.error) : t('projects.noData') }}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Button
                    key="make"
                    size="small"
                    onClick={() =>
                      setDraft({
                        title: c.suggestedTitle,
                        categoryId: c.categoryId,
                        ...(region ? { regionCode: region } : {}),
                        appealIds: c.cases.map((x) => x.appealId),
                      })
                    }
                  >
                    {t('projects.makeProject')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <span>{c.suggestedTitle}</span>
                      <Tag>{t('projects.appealsCount', { n: c.cases.length })}</Tag>
                    </Space>
                  }
                  description={c.cases.map((x) => (
                    <div key={x.appealId}>
                      <Link to={`/admin/appeals/${x.appealId}`}>{x.caseNo}</Link> {x.title}
                    </div>
                  ))}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <CreateProjectModal draft={draft} onClose={() => setDraft(null)} />
    </Space>
  );
}
