import { App, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../i18n';
import { useAppealCategories, useHandlingUnits } from '../appeals/api/appeals';
import { type CreateProjectInput, useCreateProject } from './api';

export interface ProjectDraft {
  title?: string;
  categoryId?: string;
  regionCode?: string;
  appealIds: string[];
}

interface FormValues {
  title: string;
  categoryId: string;
  regionCode: string;
  leadUnitId: string;
  coUnitIds?: string[];
  plan?: string;
  flags?: ('concentrated' | 'crossRegion' | 'crossDepartment')[];
}

/** 新建项目: from a cluster, from the similar appeals of a case, or empty. */
export function CreateProjectModal({ draft, onClose }: { draft: ProjectDraft | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateProject();
  const categories = useAppealCategories();
  const units = useHandlingUnits(draft !== null);
  const unitOptions = useMemo(
    () => (units.data ?? []).map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const categoryOptions = useMemo(
    () => (categories.data ?? []).filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name })),
    [categories.data],
  );

  const submit = async () => {
    const v = await form.validateFields();
    const flags = new Set(v.flags ?? []);
    const body: CreateProjectInput = {
      title: v.title,
      categoryId: v.categoryId,
      regionCode: v.regionCode,
      leadUnitId: v.leadUnitId,
      coUnitIds: v.coUnitIds ?? [],
      plan: v.plan ?? '',
      appealIds: draft?.appealIds ?? [],
      concentrated: flags.has('concentrated'),
      crossRegion: flags.has('crossRegion'),
      crossDepartment: flags.has('crossDepartment'),
    };
    try {
      const p = await create.mutateAsync(body);
      void message.success(t('projects.created'));
      onClose();
      void navigate(`/admin/projects/${p.id}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Modal
      open={draft !== null}
      title={t('projects.newProject')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      {draft ? (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            title: draft.title,
            categoryId: draft.categoryId,
            regionCode: draft.regionCode?.slice(0, 6),
          }}
        >
          <Form.Item name="title" label={t('projects.name')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="categoryId"
              label={t('projects.category')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={categoryOptions} />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('projects.region')}
              rules={[{ required: true, pattern: /^\d{6}(\d{3})?$/ }]}
              style={{ width: 180 }}
            >
              <Input placeholder="511111" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="leadUnitId" label={t('projects.leadUnit')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={unitOptions}
              loading={units.isLoading}
            />
          </Form.Item>
          <Form.Item name="coUnitIds" label={t('projects.coUnits')}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={unitOptions}
            />
          </Form.Item>
          <Form.Item name="flags" label={t('projects.flags')}>
            <Checkbox.Group
              options={(['concentrated', 'crossRegion', 'crossDepartment'] as const).map((f) => ({
                value: f,
                label: t(`projects.flagLabels.${f}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="plan" label={t('projects.plan')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <div>
            {t('projects.cases')}：{t('projects.appealsCount', { n: draft.appealIds.length })}
          </div>
        </Form>
      ) : null}
    </Modal>
  );
}
