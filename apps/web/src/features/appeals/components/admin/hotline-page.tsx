import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { normalisePhone } from '@nuanxin/shared';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../../../i18n';
import { newIdempotencyKey } from '../../../../lib/idempotency';
import { DispatchProposalHint } from '../../../appeal-catalogue/proposal-hint';
import { categoryTree, useAppealCategories, useCreateAppeal, useRegions } from '../../api/appeals';
import {
  APPEAL_TYPES,
  type AppealType,
  type CreateAppealInput,
  URGENCIES,
  type Urgency,
} from '../../api/types';
import { categoryTreeData } from './category-select';

interface HotlineForm {
  callerName?: string;
  callerPhone: string;
  calledAt: Dayjs;
  type: AppealType;
  categoryId: string;
  urgency: Urgency;
  county?: string;
  township?: string;
  description: string;
  address?: string;
}

/** 热线登记: the duty officer logs a hotline call as a case (APL-01, APL-08). */
export function HotlineIntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<HotlineForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const county = Form.useWatch('county', form);
  const township = Form.useWatch('township', form);
  const categoryId = Form.useWatch('categoryId', form);
  const categories = useAppealCategories();
  const counties = useRegions();
  const townships = useRegions(county, Boolean(county));
  const create = useCreateAppeal();
  const tree = useMemo(() => categoryTreeData(categoryTree(categories.data ?? [])), [categories.data]);
  const countyOptions = (counties.data ?? [])
    .filter((r) => r.level === 'county')
    .map((r) => ({ value: r.code, label: r.name }));

  const submit = (v: HotlineForm) => {
    const body: CreateAppealInput = {
      channel: 'hotline',
      type: v.type,
      categoryId: v.categoryId,
      urgency: v.urgency,
      // The contract's location needs coordinates; a spoken address without a point goes into the text.
      description: v.address?.trim()
        ? `${v.description.trim()}\n${t('appeals.form.address')}：${v.address.trim()}`
        : v.description.trim(),
      regionCode: v.township ?? v.county,
      privacy: 'private',
      callerName: v.callerName?.trim() || undefined,
      callerPhone: normalisePhone(v.callerPhone) ?? v.callerPhone.trim(),
      calledAt: v.calledAt.toISOString(),
      contactName: v.callerName?.trim() || undefined,
      contactPhone: normalisePhone(v.callerPhone) ?? v.callerPhone.trim(),
    };
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (d) => {
          message.success(t('appeals.hotline.created', { caseNo: d.caseNo }));
          navigate(`/admin/appeals/${d.id}`, { replace: true });
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };

  return (
    <Card
      title={
        <Space>
          <Link to="/admin/appeals" aria-label={t('appeals.case.backToList')}>
            <ArrowLeftOutlined />
          </Link>
          <PhoneOutlined />
          {t('appeals.hotline.title')}
        </Space>
      }
      style={{ maxWidth: 960 }}
    >
      <Typography.Paragraph type="secondary">{t('appeals.hotline.intro')}</Typography.Paragraph>
      <Form<HotlineForm>
        form={form}
        layout="vertical"
        initialValues={{ calledAt: dayjs(), type: 'help', urgency: 'normal' }}
        onFinish={submit}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="callerName" label={t('appeals.hotline.callerName')}>
              <Input aria-label={t('appeals.hotline.callerName')} maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="callerPhone"
              label={t('appeals.hotline.callerPhone')}
              rules={[
                { required: true, message: t('appeals.form.required') },
                {
                  validator: (_, v?: string) =>
                    !v || normalisePhone(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('appeals.hotline.phoneInvalid'))),
                },
              ]}
            >
              <Input
                aria-label={t('appeals.hotline.callerPhone')}
                inputMode="tel"
                maxLength={20}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="calledAt"
              label={t('appeals.hotline.calledAt')}
              rules={[{ required: true, message: t('appeals.form.required') }]}
            >
              <DatePicker
                aria-label={t('appeals.hotline.calledAt')}
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="type" label={t('appeals.field.type')} rules={[{ required: true }]}>
          <Radio.Group
            aria-label={t('appeals.field.type')}
            optionType="button"
            buttonStyle="solid"
            options={APPEAL_TYPES.map((v) => ({ value: v, label: t(`appeals.type.${v}`) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="categoryId"
              label={t('appeals.field.category')}
              rules={[{ required: true, message: t('appeals.form.categoryRequired') }]}
            >
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                aria-label={t('appeals.field.category')}
                placeholder={t('appeals.form.categoryPlaceholder')}
                treeData={tree}
                loading={categories.isLoading}
                notFoundContent={categories.error ? errorText(categories.error) : undefined}
                treeDefaultExpandAll
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="urgency" label={t('appeals.field.urgency')} rules={[{ required: true }]}>
              <Radio.Group
                aria-label={t('appeals.field.urgency')}
                options={URGENCIES.map((v) => ({ value: v, label: t(`appeals.urgency.${v}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="county"
              label={t('appeals.form.county')}
              rules={[{ required: true, message: t('appeals.form.required') }]}
            >
              <Select
                aria-label={t('appeals.form.county')}
                placeholder={t('appeals.form.countyPlaceholder')}
                options={countyOptions}
                loading={counties.isLoading}
                onChange={() => form.setFieldValue('township', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="township" label={t('appeals.form.township')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label={t('appeals.form.township')}
                placeholder={t('appeals.form.townshipPlaceholder')}
                disabled={!county}
                loading={townships.isLoading}
                options={(townships.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="address" label={t('appeals.form.address')}>
              <Input aria-label={t('appeals.form.address')} maxLength={120} />
            </Form.Item>
          </Col>
        </Row>
        <DispatchProposalHint categoryId={categoryId} regionCode={township ?? county} />
        <Form.Item
          name="description"
          label={t('appeals.form.description')}
          rules={[
            { required: true, whitespace: true, message: t('appeals.form.required') },
            { min: 5, message: t('appeals.form.descriptionMin') },
          ]}
        >
          <Input.TextArea
            aria-label={t('appeals.form.description')}
            rows={6}
            maxLength={2000}
            showCount
            placeholder={t('appeals.hotline.descriptionPlaceholder')}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('appeals.hotline.submit')}
          </Button>
          <Button onClick={() => navigate('/admin/appeals')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
