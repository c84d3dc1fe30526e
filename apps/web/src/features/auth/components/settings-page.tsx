import { CheckCircleFilled } from '@ant-design/icons';
import { PASSWORD_MIN_LENGTH } from '@nuanxin/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../i18n';
import { useMe } from '../api/get-me';
import { useChangePassword, useTotpEnable, useTotpSetup } from '../api/update-me';

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} xl={12}>
        <Card title={t('admin.settings.profile')} style={{ marginBottom: 20 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('admin.users.name')}>{me.user.name}</Descriptions.Item>
            <Descriptions.Item label={t('admin.users.username')}>{me.user.username ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('admin.users.phone')}>{me.user.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label={t('admin.users.grants')}>
              <Space wrap>
                {me.grants.map((g) => (
                  <Tag key={g.id} color="volcano">
                    {t(`roles.${g.role}`)} · {[g.regionName, g.orgName].filter(Boolean).join(' · ')}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <ChangePasswordCard />
      </Col>
      <Col xs={24} xl={12}>
        <TotpCard enabled={me.user.totpEnabled} />
      </Col>
    </Row>
  );
}

function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t('admin.settings.changePassword')}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                setError(null);
                form.resetFields();
                message.success(t('admin.settings.passwordChanged'));
              },
              onError: (e) => setError(errorText(e)),
            },
          )
        }
      >
        <Form.Item
          name="currentPassword"
          label={t('admin.settings.currentPassword')}
          rules={[{ required: true }]}
        >
          <Input.Password aria-label={t('admin.settings.currentPassword')} autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('admin.settings.newPassword')}
          extra={t('admin.users.passwordRule')}
          rules={[
            { required: true, min: PASSWORD_MIN_LENGTH, max: 128, message: t('errors.auth.weak_password') },
          ]}
        >
          <Input.Password aria-label={t('admin.settings.newPassword')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.settings.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.settings.mismatch'))),
            }),
          ]}
        >
          <Input.Password aria-label={t('admin.settings.confirmPassword')} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function TotpCard({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t('admin.settings.totp')}>
      {enabled ? (
        <Space>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
          <Typography.Text>{t('admin.settings.totpEnabled')}</Typography.Text>
        </Space>
      ) : !setup.data ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('admin.settings.totpDisabled')}</Typography.Text>
          {setup.error ? <Alert type="error" showIcon title={errorText(setup.error)} /> : null}
          <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending}>
            {t('admin.settings.totpStart')}
          </Button>
        </Space>
      ) : (
        <Steps
          orientation="vertical"
          current={1}
          items={[
            {
              title: t('admin.settings.totpStep1'),
              content: (
                <Descriptions column={1} size="small" bordered style={{ marginTop: 8 }}>
                  <Descriptions.Item label={t('admin.settings.totpUrl')}>
                    <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                      {setup.data.otpauthUrl}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('admin.settings.totpSecret')}>
                    <Typography.Text code copyable>
                      {setup.data.secret}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              title: t('admin.settings.totpStep2'),
              content: (
                <Space orientation="vertical" style={{ marginTop: 8 }}>
                  {error ? <Alert type="error" showIcon title={error} /> : null}
                  <Space.Compact>
                    <Input
                      aria-label={t('admin.settings.totpCode')}
                      placeholder="000000"
                      inputMode="numeric"
                      maxLength={6}
                      value={code}
                      onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                      style={{ width: 140 }}
                    />
                    <Button
                      type="primary"
                      disabled={code.length !== 6}
                      loading={enable.isPending}
                      onClick={() =>
                        enable.mutate(code, {
                          onSuccess: () => message.success(t('admin.settings.totpDone')),
                          onError: (e) => setError(errorText(e)),
                        })
                      }
                    >
                      {t('admin.settings.totpEnable')}
                    </Button>
                  </Space.Compact>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
