import { PlusOutlined } from '@ant-design/icons';
import type { TokenDto } from '@nuanxin/shared';
import { Alert, App, Badge, Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/admin/query-state';
import { errorText } from '../../../i18n';
import { useCreateToken, useRevokeToken, useTokens } from '../api/tokens';

const fmt = (v: string | null, never: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : never);

export function TokensPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const columns: ColumnsType<TokenDto> = [
    { title: t('admin.tokens.name'), dataIndex: 'name' },
    {
      title: t('admin.tokens.prefix'),
      dataIndex: 'prefix',
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    { title: t('admin.tokens.owner'), dataIndex: 'userName' },
    { title: t('admin.tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmt(v, '') },
    {
      title: t('admin.tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => fmt(v, t('common.never')),
    },
    {
      title: t('admin.tokens.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? (
          <Badge status="default" text={t('admin.tokens.revoked')} />
        ) : (
          <Badge status="success" text={t('admin.tokens.active')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'a',
      render: (_, tok) =>
        tok.revokedAt ? null : (
          <Button
            size="small"
            danger
            aria-label={`${t('admin.tokens.revoke')}：${tok.name}`}
            onClick={() =>
              modal.confirm({
                title: t('admin.tokens.revoke'),
                content: t('admin.tokens.revokeConfirm'),
                okButtonProps: { danger: true },
                onOk: async () => {
                  try {
                    await revoke.mutateAsync(tok.id);
                    message.success(t('admin.tokens.revokedDone'));
                  } catch (err) {
                    message.error(errorText(err));
                  }
                },
              })
            }
          >
            {t('admin.tokens.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('admin.tokens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('admin.tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.tokens.intro')}</Typography.Paragraph>
      <QueryState
        isLoading={tokens.isLoading}
        error={tokens.error}
        isEmpty={!tokens.data?.items.length}
        onRetry={() => void tokens.refetch()}
      >
        <Table<TokenDto>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
        />
      </QueryState>
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      ) : null}
      <Modal
        open={created !== null}
        title={t('admin.tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('common.close')}
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('admin.tokens.createdHint')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ text: created ?? '', tooltips: [t('admin.tokens.copyToken'), t('common.copied')] }}
          style={{ wordBreak: 'break-all', fontSize: 15 }}
          aria-label={t('admin.tokens.createdTitle')}
        >
          {created}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

function CreateTokenModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateToken();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('admin.tokens.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { name: v.name.trim() },
            { onSuccess: (r) => onCreated(r.token), onError: (e) => setError(errorText(e)) },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('admin.tokens.name')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input
            aria-label={t('admin.tokens.name')}
            placeholder={t('admin.tokens.namePlaceholder')}
            maxLength={60}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
