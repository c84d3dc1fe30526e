import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { normalisePhone, PASSWORD_MIN_LENGTH } from '@nuanxin/shared';
import { Alert, App, Button, Card, Drawer, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../i18n';
import { type CreateStaffInput, type GrantInput, useCreateUser } from '../api/users';
import { GrantFields } from './grant-fields';

interface FormValues {
  name: string;
  phone: string;
  username?: string;
  password: string;
  grants: Partial<GrantInput>[];
}

export function toGrantInputs(grants: Partial<GrantInput>[]): GrantInput[] {
  return grants
    .filter((g): g is Partial<GrantInput> & Pick<GrantInput, 'role'> => Boolean(g.role))
    .map((g) => ({
      role: g.role,
      ...(g.regionCode ? { regionCode: g.regionCode } : {}),
      ...(g.orgId ? { orgId: g.orgId } : {}),
    }));
}

export function CreateUserDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const [error, setError] = useState<string | null>(null);

  const submit = (v: FormValues) => {
    setError(null);
    const body: CreateStaffInput = {
      name: v.name.trim(),
      phone: normalisePhone(v.phone) ?? v.phone,
      password: v.password,
      grants: toGrantInputs(v.grants),
      ...(v.username?.trim() ? { username: v.username.trim() } : {}),
    };
    create.mutate(body, {
      onSuccess: () => {
        message.success(t('admin.users.created', { name: body.name }));
        form.resetFields();
        onClose();
      },
      onError: (err) => setError(errorText(err)),
    });
  };

  return (
    <Drawer
      title={t('admin.createUser.title')}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('admin.createUser.submit')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ grants: [{ role: 'community_staff' }] }}
        requiredMark
      >
        <Form.Item
          name="name"
          label={t('admin.createUser.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: 40,
              message: t('admin.login.required', { field: t('admin.createUser.name') }),
            },
          ]}
        >
          <Input aria-label={t('admin.createUser.name')} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('admin.createUser.phone')}
          rules={[
            {
              required: true,
              validator: (_, v: string | undefined) =>
                v && normalisePhone(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.createUser.invalidPhone'))),
            },
          ]}
        >
          <Input aria-label={t('admin.createUser.phone')} inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('admin.createUser.username')}
          extra={t('admin.createUser.usernameHint')}
          rules={[{ pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('admin.createUser.invalidUsername') }]}
        >
          <Input aria-label={t('admin.createUser.username')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.createUser.password')}
          extra={t('admin.users.passwordRule')}
          rules={[
            { required: true, min: PASSWORD_MIN_LENGTH, max: 128, message: t('errors.auth.weak_password') },
          ]}
        >
          <Input.Password aria-label={t('admin.createUser.password')} autoComplete="new-password" />
        </Form.Item>
        <Typography.Title level={5}>{t('admin.createUser.grants')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('admin.createUser.scopeHint')}
        </Typography.Paragraph>
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12, background: '#fffaf6' }}
                  extra={
                    fields.length > 1 ? (
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={t('admin.createUser.removeGrant')}
                        onClick={() => remove(field.name)}
                      />
                    ) : null
                  }
                >
                  <GrantFields name={[field.name]} fullPath={['grants', field.name]} index={index} />
                </Card>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('admin.createUser.addGrant')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
