import { STAFF_ROLES } from '@nuanxin/shared';
import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgPicker, RegionPicker } from './scope-pickers';

/**
 * Role + scope inputs for one grant. `name` is the Form.List field name, or a plain prefix path
 * when used outside a list. The scope needs a region, an organisation, or both.
 */
export function GrantFields({
  name,
  fullPath,
  index,
}: {
  name: (string | number)[];
  /** Absolute path of the grant in the form, for cross-field rules (Form.List names are relative). */
  fullPath: (string | number)[];
  index: number;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  return (
    <Row gutter={12}>
      <Col span={24}>
        <Form.Item
          name={[...name, 'role']}
          label={`${t('admin.createUser.role')}${index > 0 ? ` ${n}` : ''}`}
          rules={[
            { required: true, message: t('admin.login.required', { field: t('admin.createUser.role') }) },
          ]}
        >
          <Select
            aria-label={`${t('admin.createUser.role')} ${n}`}
            showSearch={{ optionFilterProp: 'label' }}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={[...name, 'regionCode']}
          label={t('admin.createUser.region')}
          dependencies={[[...fullPath, 'orgId']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v || getFieldValue([...fullPath, 'orgId'])
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.createUser.scopeRequired'))),
            }),
          ]}
        >
          <RegionPicker ariaLabel={`${t('admin.createUser.region')} ${n}`} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={[...name, 'orgId']}
          label={t('admin.createUser.org')}
          dependencies={[[...fullPath, 'regionCode']]}
        >
          <OrgPicker ariaLabel={`${t('admin.createUser.org')} ${n}`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
