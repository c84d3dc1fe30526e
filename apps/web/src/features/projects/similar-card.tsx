import { Button, Card, Checkbox, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/api/get-me';
import { useSuggestions } from './api';
import { CreateProjectModal, type ProjectDraft } from './create-modal';

/** 相似诉求 on a case page: same category, nearby, similar text; tick some and make a project. */
export function SimilarAppealsCard({
  appeal,
}: {
  appeal: { id: string; categoryId: string; regionCode: string; title: string };
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const canManage = Boolean(me?.permissions.includes('projects.manage'));
  const q = useSuggestions(appeal.id, canManage);
  const [picked, setPicked] = useState<string[]>([]);
  const [draft, setDraft] = useState<ProjectDraft | null>(null);
  if (!canManage) return null;
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('projects.similar')}
      extra={
        <Button
          size="small"
          type="primary"
          disabled={q.isLoading}
          onClick={() =>
            setDraft({
              title: appeal.title,
              categoryId: appeal.categoryId,
              regionCode: appeal.regionCode,
              appealIds: [appeal.id, ...picked],
            })
          }
        >
          {t('projects.newProject')}
        </Button>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projects.similarHint')}
        {q.data ? ` · ${t('projects.considered', { n: q.data.candidatesConsidered })}` : ''}
      </Typography.Text>
      <List
        size="small"
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: t('projects.noData') }}
        renderItem={(s) => (
          <List.Item>
            <Space align="start">
              <Checkbox
                disabled={s.projectId !== null}
                checked={picked.includes(s.appealId)}
                onChange={(e) =>
                  setPicked((p) =>
                    e.target.checked ? [...p, s.appealId] : p.filter((x) => x !== s.appealId),
                  )
                }
              />
              <div>
                <Link to={`/admin/appeals/${s.appealId}`}>{s.caseNo}</Link> {s.title}
                <div>
                  {s.reasons.map((r) => (
                    <Tag key={r}>{r}</Tag>
                  ))}
                  {s.projectCode ? (
                    <Link to={`/admin/projects/${s.projectId}`}>
                      <Tag color="blue">{t('projects.inProject', { code: s.projectCode })}</Tag>
                    </Link>
                  ) : null}
                </div>
              </div>
            </Space>
          </List.Item>
        )}
      />
      <CreateProjectModal draft={draft} onClose={() => setDraft(null)} />
    </Card>
  );
}
