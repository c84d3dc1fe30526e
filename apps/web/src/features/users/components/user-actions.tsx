import { DeleteOutlined, EyeOutlined, MoreOutlined } from '@ant-design/icons';
import { PASSWORD_MIN_LENGTH, type UserAdminDto } from '@nuanxin/shared';
import { Alert, App, Button, Dropdown, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../i18n';
import {
  type GrantInput,
  useAddGrant,
  useRemoveGrant,
  useResetPassword,
  useRevealPhone,
  useSetUserStatus,
} from '../api/users';
import { toGrantInputs } from './create-user-drawer';
import { GrantFields } from './grant-fields';

/** Phone cell: masked value and, when the row allows it, an audited reveal (confirm, show once). */
export function PhoneCell({ user }: { user: UserAdminDto }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const reveal = useRevealPhone();
  const ask = () =>
    modal.confirm({
      title: t('admin.users.revealConfirmTitle'),
      content: t('admin.users.revealConfirm', { name: user.name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const { value } = await reveal.mutateAsync(user.id);
          modal.info({
            title: t('admin.users.revealed', { name: user.name }),
            content: (
              <>
                <Typography.Title level={3} copyable style={{ margin: '8px 0' }}>
                  {value}
                </Typography.Title>
                <Typography.Text type="secondary">{t('admin.users.revealedHint')}</Typography.Text>
              </>
            ),
            okText: t('common.close'),
          });
        } catch (err) {
          modal.error({ title: t('admin.users.reveal'), content: errorText(err) });
        }
      },
    });
  return (
    <Space size={4}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{user.phoneMasked}</span>
      {user.actions.reveal ? (
        <Button
          type="text"
          size="small"
          icon={<EyeOutlined />}
          aria-label={`${t('admin.users.reveal')}：${user.name}`}
          onClick={ask}
        />
      ) : null}
    </Space>
  );
}

/** Row actions, each shown only when the server-sent `actions` allow it. */
export function UserRowActions({ user }: { user: UserAdminDto }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const status = useSetUserStatus();
  const [resetOpen, setResetOpen] = useState(false);
  const [grantsOpen, setGrantsOpen] = useState(false);

  const toggle = (enable: boolean) =>
    modal.confirm({
      title: enable ? t('admin.users.enable') : t('admin.users.disable'),
      content: enable
        ? t('admin.users.enableConfirm', { name: user.name })
        : t('admin.users.disableConfirm', { name: user.name }),
      okButtonProps: { danger: !enable },
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await status.mutateAsync({ id: user.id, enable });
          message.success(enable ? t('admin.users.enabledDone') : t('admin.users.disabledDone'));
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const items = [
    user.actions.grant ? { key: 'grants', label: t('admin.users.manageGrants') } : null,
    user.actions.resetPassword ? { key: 'reset', label: t('admin.users.resetPassword') } : null,
    user.actions.disable && user.status === 'active'
      ? { key: 'disable', label: t('admin.users.disable'), danger: true }
      : null,
    user.actions.enable && user.status === 'disabled'
      ? { key: 'enable', label: t('admin.users.enable') }
      : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);

  if (items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'grants') setGrantsOpen(true);
            if (key === 'reset') setResetOpen(true);
            if (key === 'disable') toggle(false);
            if (key === 'enable') toggle(true);
          },
        }}
      >
        <Button size="small" icon={<MoreOutlined />} aria-label={`${t('admin.users.more')}：${user.name}`}>
          {t('common.actions')}
        </Button>
      </Dropdown>
      {resetOpen ? <ResetPasswordModal user={user} onClose={() => setResetOpen(false)} /> : null}
      {grantsOpen ? <GrantsModal user={user} onClose={() => setGrantsOpen(false)} /> : null}
    </>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserAdminDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={`${t('admin.users.resetPassword')} · ${user.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          reset.mutate(
            { id: user.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                message.success(t('admin.users.passwordReset'));
                onClose();
              },
              onError: (err) => setError(errorText(err)),
            },
          )
        }
      >
        <Form.Item
          name="newPassword"
          label={t('admin.users.newPassword')}
          extra={t('admin.users.passwordRule')}
          rules={[
            { required: true, min: PASSWORD_MIN_LENGTH, max: 128, message: t('errors.auth.weak_password') },
          ]}
        >
          <Input.Password aria-label={t('admin.users.newPassword')} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GrantsModal({ user, onClose }: { user: UserAdminDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ grant: Partial<GrantInput> }>();
  const add = useAddGrant();
  const remove = useRemoveGrant();
  const [grants, setGrants] = useState(user.grants);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      width={640}
      title={`${t('admin.users.manageGrants')} · ${user.name}`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <List
        bordered
        size="small"
        dataSource={grants}
        locale={{ emptyText: t('admin.users.noGrants') }}
        renderItem={(g) => (
          <List.Item
            actions={[
              <Button
                key="rm"
                type="text"
                danger
                size="small"
                icon={<DeleteOutlined />}
                aria-label={`${t('admin.users.removeGrant')}：${t(`roles.${g.role}`)}`}
                onClick={() =>
                  modal.confirm({
                    title: t('admin.users.removeGrantConfirm'),
                    okButtonProps: { danger: true },
                    onOk: async () => {
                      try {
                        const updated = await remove.mutateAsync({ id: user.id, grantId: g.id });
                        setGrants(updated.grants);
                        message.success(t('admin.users.grantRemoved'));
                      } catch (err) {
                        setError(errorText(err));
                      }
                    },
                  })
                }
              >
                {t('admin.users.removeGrant')}
              </Button>,
            ]}
          >
            <Space>
              <Tag color="volcano">{t(`roles.${g.role}`)}</Tag>
              <span>{[g.regionName, g.orgName].filter(Boolean).join(' · ')}</span>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('admin.users.addGrant')}
      </Typography.Title>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const [grant] = toGrantInputs([v.grant]);
          if (!grant) return;
          add.mutate(
            { id: user.id, grant },
            {
              onSuccess: (updated) => {
                setGrants(updated.grants);
                form.resetFields();
                setError(null);
                message.success(t('admin.users.grantAdded'));
              },
              onError: (err) => setError(errorText(err)),
            },
          );
        }}
      >
        <GrantFields name={['grant']} fullPath={['grant']} index={0} />
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('admin.users.addGrant')}
        </Button>
      </Form>
    </Modal>
  );
}
