import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { StationServiceTypeDto } from '@nuanxin/shared';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useCreateServiceType, useServiceTypes, useUpdateServiceType } from './api';
import { ServiceIcon } from './labels';

const CODE_RE = /^[a-z][a-z0-9_]{1,39}$/;

interface TypeForm {
  code: string;
  name: string;
  nameEn: string;
  sort: number;
  enabled: boolean;
}

function TypeModal({ editing, onClose }: { editing: StationServiceTypeDto | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TypeForm>();
  const create = useCreateServiceType();
  const update = useUpdateServiceType();
  const isNew = editing === 'new';
  const ok = async () => {
    const v = await form.validateFields();
    const onError = (e: unknown) => message.error(errorText(e));
    if (isNew)
      create.mutate(
        { code: v.code, name: v.name, nameEn: v.nameEn, sort: v.sort, enabled: v.enabled },
        {
          onSuccess: (c) => {
            message.success(t('stationConsole.catalogue.created', { name: c.name }));
            onClose();
          },
          onError,
        },
      );
    else
      update.mutate(
        { code: editing.code, body: { name: v.name, nameEn: v.nameEn, sort: v.sort } },
        {
          onSuccess: () => {
            message.success(t('stationConsole.catalogue.updated'));
            onClose();
          },
          onError,
        },
      );
  };
  return (
    <Modal
      open
      title={
        isNew ? t('stationConsole.catalogue.add') : `${t('stationConsole.catalogue.edit')} · ${editing.name}`
      }
      onOk={() => void ok()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<TypeForm>
        form={form}
        layout="vertical"
        initialValues={
          isNew
            ? { code: '', name: '', nameEn: '', sort: 500, enabled: true }
            : {
                code: editing.code,
                name: editing.name,
                nameEn: editing.nameEn,
                sort: editing.sort,
                enabled: editing.enabled,
              }
        }
      >
        <Form.Item
          name="code"
          label={t('stationConsole.catalogue.code')}
          extra={isNew ? t('stationConsole.catalogue.codeHint') : undefined}
          rules={[{ required: true, pattern: CODE_RE, message: t('stationConsole.catalogue.codeInvalid') }]}
        >
          <Input disabled={!isNew} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('stationConsole.catalogue.name')}
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('stationConsole.catalogue.nameEn')}
          rules={[{ required: true, whitespace: true, max: 80 }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="sort" label={t('stationConsole.catalogue.sort')} rules={[{ required: true }]}>
          <InputNumber<number> min={0} max={10_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {isNew ? (
          <Form.Item name="enabled" label={t('stationConsole.catalogue.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 服务目录 (POS-05, POS-12): the catalogue of services; staff with `stations.catalogue` add and switch. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const types = useServiceTypes();
  const update = useUpdateServiceType();
  const [editing, setEditing] = useState<StationServiceTypeDto | 'new' | null>(null);
  const rows = [...(types.data ?? [])].sort((a, b) => Number(b.basic) - Number(a.basic) || a.sort - b.sort);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div style={{ maxWidth: 860 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('stationConsole.catalogue.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('stationConsole.catalogue.subtitle')}</Typography.Text>
          </div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('stationConsole.catalogue.add')}
          </Button>
        </Space>
      </Card>
      <Card>
        <Table<StationServiceTypeDto>
          rowKey="code"
          size="middle"
          loading={types.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: types.error ? errorText(types.error) : t('common.empty') }}
          columns={[
            {
              title: t('stationConsole.catalogue.name'),
              key: 'name',
              render: (_: unknown, r) => (
                <Space>
                  <span style={{ color: '#d4380d' }}>
                    <ServiceIcon code={r.code} />
                  </span>
                  <span style={{ fontWeight: 500 }}>{r.name}</span>
                </Space>
              ),
            },
            { title: t('stationConsole.catalogue.nameEn'), dataIndex: 'nameEn', key: 'nameEn' },
            {
              title: t('stationConsole.catalogue.code'),
              dataIndex: 'code',
              key: 'code',
              render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
            },
            {
              title: t('stationConsole.catalogue.basic'),
              key: 'basic',
              width: 110,
              render: (_: unknown, r) =>
                r.basic ? (
                  <Tag color="volcano">{t('stationConsole.catalogue.basicTag')}</Tag>
                ) : (
                  <Tag color="gold">{t('stationConsole.catalogue.extraTag')}</Tag>
                ),
            },
            { title: t('stationConsole.catalogue.sort'), dataIndex: 'sort', key: 'sort', width: 80 },
            {
              title: t('stationConsole.catalogue.enabled'),
              key: 'enabled',
              width: 100,
              render: (_: unknown, r) => (
                <Tooltip title={r.basic ? t('stationConsole.catalogue.basicLocked') : undefined}>
                  <Switch
                    aria-label={`${r.name} ${t('stationConsole.catalogue.enabled')}`}
                    checked={r.enabled}
                    disabled={r.basic}
                    loading={update.isPending && update.variables?.code === r.code}
                    onChange={(enabled) =>
                      update.mutate(
                        { code: r.code, body: { enabled } },
                        {
                          onSuccess: () => message.success(t('stationConsole.catalogue.updated')),
                          onError: (e) => message.error(errorText(e)),
                        },
                      )
                    }
                  />
                </Tooltip>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_: unknown, r) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                  {t('stationConsole.catalogue.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing ? <TypeModal editing={editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}
