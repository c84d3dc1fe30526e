import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../i18n';
import { useHandlingUnits } from '../appeals/api/appeals';
import {
  PROJECT_ACTION_KINDS,
  type ProjectDetail,
  type ResolveResult,
  useProject,
  useProjectCall,
} from './api';
import { FlagTags, LevelTag, ProjectStateTag } from './project-tags';

type Dialog = 'resolve' | 'cancel' | 'milestone' | 'progress' | 'logAction' | null;

const fmt = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/** One project: cases, milestones, progress, 上报/动员/协调, and the buttons the server allows. */
export function ProjectPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useProject(id);
  const call = useProjectCall(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const units = useHandlingUnits(dialog === 'logAction');

  if (q.isLoading) return <Skeleton active />;
  if (q.error || !q.data) return <Result status="warning" title={errorText(q.error)} />;
  const p: ProjectDetail = q.data;
  const a = p.actions;

  const run = async (path: string, body?: unknown, method?: 'POST' | 'DELETE') => {
    try {
      const r = await call.mutateAsync({ path, body, ...(method ? { method } : {}) });
      if ('resolved' in r) {
        const res = r as ResolveResult;
        Modal.info({
          title: t('projects.resolveDone', { n: res.resolved.length, m: res.skipped.length }),
          content: (
            <List
              size="small"
              dataSource={res.skipped}
              renderItem={(s) => (
                <List.Item>
                  {s.caseNo ?? s.appealId} · {t(`projects.skipReasons.${s.reason}`)}
                  {s.state ? ` (${s.state})` : ''}
                </List.Item>
              )}
            />
          ),
        });
      } else void message.success(t('common.saved'));
      setDialog(null);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const submitDialog = async () => {
    const v = await form.validateFields();
    if (dialog === 'resolve') await run('/resolve', { reply: v.reply });
    if (dialog === 'cancel') await run('/cancel', { reason: v.reason });
    if (dialog === 'progress') await run('/progress', { note: v.note });
    if (dialog === 'milestone')
      await run('/milestones', {
        title: v.title,
        ...(v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}),
      });
    if (dialog === 'logAction')
      await run('/actions', {
        kind: v.kind,
        ...(v.targetOrgId ? { targetOrgId: v.targetOrgId } : { targetName: v.targetName }),
        note: v.note ?? '',
      });
  };

  const buttons = (
    <Space wrap>
      {a.activate ? (
        <Button type="primary" onClick={() => void run('/activate')}>
          {t('projects.ops.activate')}
        </Button>
      ) : null}
      {a.escalate ? (
        <Button danger onClick={() => void run('/escalate')}>
          {t('projects.ops.escalate')}
        </Button>
      ) : null}
      {a.progress ? (
        <Button onClick={() => setDialog('progress')}>{t('projects.ops.progress')}</Button>
      ) : null}
      {a.addMilestone ? (
        <Button onClick={() => setDialog('milestone')}>{t('projects.ops.addMilestone')}</Button>
      ) : null}
      {a.logAction ? (
        <Button onClick={() => setDialog('logAction')}>{t('projects.ops.logAction')}</Button>
      ) : null}
      {a.resolve ? (
        <Button type="primary" onClick={() => setDialog('resolve')}>
          {t('projects.ops.resolve')}
        </Button>
      ) : null}
      {a.close ? (
        <Button type="primary" onClick={() => void run('/close')}>
          {t('projects.ops.close')}
        </Button>
      ) : null}
      {a.cancel ? <Button onClick={() => setDialog('cancel')}>{t('projects.ops.cancel')}</Button> : null}
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Link to="/admin/projects">
            <ArrowLeftOutlined /> {t('projects.back')}
          </Link>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {p.title}
            </Typography.Title>
            <ProjectStateTag state={p.state} />
            <LevelTag level={p.level} />
            <FlagTags p={p} />
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('projects.code')}>{p.code}</Descriptions.Item>
            <Descriptions.Item label={t('projects.category')}>{p.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('projects.region')}>{p.regionName ?? p.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('projects.leadUnit')}>{p.leadUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('projects.coUnits')}>
              {p.coUnits.map((u) => u.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('projects.progress')}>
              <Progress percent={p.progressPercent} size="small" style={{ width: 160 }} />
            </Descriptions.Item>
          </Descriptions>
          {p.plan ? <Typography.Paragraph>{p.plan}</Typography.Paragraph> : null}
          {p.reply ? (
            <Typography.Paragraph type="success">
              {t('projects.reply')}：{p.reply}
            </Typography.Paragraph>
          ) : null}
          {buttons}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={`${t('projects.cases')} (${p.cases.length})`}>
              <Table
                size="small"
                rowKey="appealId"
                pagination={false}
                dataSource={p.cases}
                columns={[
                  {
                    title: t('projects.caseNo'),
                    key: 'no',
                    render: (_: unknown, c: ProjectDetail['cases'][number]) =>
                      c.caseNo ? <Link to={`/admin/appeals/${c.appealId}`}>{c.caseNo}</Link> : '—',
                  },
                  { title: t('projects.name'), dataIndex: 'title', key: 'title' },
                  { title: t('projects.state'), dataIndex: 'stateLabel', key: 'state', width: 110 },
                  { title: t('projects.leadUnit'), dataIndex: 'leadUnitName', key: 'unit' },
                  ...(a.unlink
                    ? [
                        {
                          title: '',
                          key: 'x',
                          width: 70,
                          render: (_: unknown, c: ProjectDetail['cases'][number]) => (
                            <Button
                              size="small"
                              type="link"
                              onClick={() => void run(`/cases/${c.appealId}`, undefined, 'DELETE')}
                            >
                              {t('projects.ops.unlink')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card size="small" title={t('projects.milestones')}>
              <List
                dataSource={p.milestones}
                locale={{ emptyText: t('projects.noData') }}
                renderItem={(m) => (
                  <List.Item
                    actions={
                      !m.doneAt && a.completeMilestone
                        ? [
                            <Button
                              key="done"
                              size="small"
                              onClick={() => void run(`/milestones/${m.id}/complete`)}
                            >
                              {t('projects.ops.completeMilestone')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Typography.Text delete={Boolean(m.doneAt)}>{m.title}</Typography.Text>
                    <Typography.Text type="secondary">
                      {m.doneAt
                        ? `${t('projects.done')} ${fmt(m.doneAt)}`
                        : m.dueDate
                          ? `${t('projects.dueDate')} ${m.dueDate}`
                          : ''}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('projects.actionLog')}>
              <List
                dataSource={p.actionLog}
                locale={{ emptyText: t('projects.noData') }}
                renderItem={(x) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${t(`projects.actionKinds.${x.kind}`)} → ${x.targetName}`}
                      description={`${x.note} · ${x.byName ?? ''} ${fmt(x.at)}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('projects.progressNotes')}>
              <Timeline
                items={[...p.progress].reverse().map((x) => ({
                  key: x.id,
                  children: (
                    <div>
                      <div>{x.note}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.byName ?? ''} · {fmt(x.at)}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`projects.ops.${dialog === 'milestone' ? 'addMilestone' : dialog}`) : ''}
        onCancel={() => setDialog(null)}
        onOk={() => void submitDialog()}
        confirmLoading={call.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'resolve' ? (
            <>
              <Typography.Paragraph type="secondary">{t('projects.resolveHint')}</Typography.Paragraph>
              <Form.Item name="reply" label={t('projects.reply')} rules={[{ required: true, min: 5 }]}>
                <Input.TextArea rows={4} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'cancel' ? (
            <Form.Item name="reason" label={t('projects.reason')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          ) : null}
          {dialog === 'progress' ? (
            <Form.Item name="note" label={t('projects.note')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog === 'milestone' ? (
            <>
              <Form.Item name="title" label={t('projects.name')} rules={[{ required: true, min: 2 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="dueDate" label={t('projects.dueDate')}>
                <DatePicker />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'logAction' ? (
            <>
              <Form.Item name="kind" label={t('projects.actionLog')} rules={[{ required: true }]}>
                <Select
                  options={PROJECT_ACTION_KINDS.map((k) => ({
                    value: k,
                    label: t(`projects.actionKinds.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="targetOrgId" label={t('projects.targetUnit')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
              <Form.Item name="targetName" label={t('projects.targetName')}>
                <Input />
              </Form.Item>
              <Form.Item name="note" label={t('projects.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );
}
