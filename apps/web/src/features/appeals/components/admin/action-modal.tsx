import { type OrgItemDto, unitServesRegion } from '@nuanxin/shared';
import {
  Alert,
  App,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../i18n';
import { api } from '../../../../lib/api-client';
import { useDispatchProposal } from '../../../appeal-catalogue/api';
import { proposalText } from '../../../appeal-catalogue/proposal-hint';
import { isConflict, useAppealAction, useHandlingUnits } from '../../api/appeals';
import { type AppealAction, type AppealDetail, type AppealsPage, SATISFACTIONS } from '../../api/types';

type FormValues = Record<string, unknown>;

const UNIT_ACTIONS = new Set<AppealAction>(['dispatch', 'redispatch']);
/** Actions with nothing to fill in: the modal only asks to confirm. */
const CONFIRM_ONLY = new Set<AppealAction>(['sign', 'close']);
const DANGER = new Set<AppealAction>(['refuse', 'terminate', 'return']);

function UnitFields({ action, appeal }: { action: AppealAction; appeal?: AppealDetail }) {
  const { t } = useTranslation();
  const units = useHandlingUnits(UNIT_ACTIONS.has(action));
  // The dispatch catalogue's default lead unit pre-fills the first dispatch.
  const form = Form.useFormInstance();
  const proposal = useDispatchProposal(
    action === 'dispatch' ? appeal?.categoryId : undefined,
    appeal?.regionCode,
  );
  const proposed = proposal.data?.unit ?? null;
  // Held for the moment the proposal takes, so it never changes a list the user is picking from.
  const proposing = action === 'dispatch' && proposal.isLoading;
  useEffect(() => {
    if (proposed && !form.isFieldTouched('unitId') && !form.getFieldValue('unitId'))
      form.setFieldValue('unitId', proposed.id);
  }, [proposed, form]);
  const options = useMemo(() => {
    const groups = new Map<string, OrgItemDto[]>();
    // Units of the case's district only (the server refuses another district's).
    const caseRegion = appeal?.regionCode;
    for (const u of units.data ?? []) {
      if (caseRegion && !unitServesRegion(u.regionCode, caseRegion)) continue;
      const list = groups.get(u.kind) ?? [];
      list.push(u);
      groups.set(u.kind, list);
    }
    const out = [...groups.entries()].map(([kind, list]) => ({
      label: t(`orgKinds.${kind}`),
      title: t(`orgKinds.${kind}`),
      options: list.map((u) => ({ value: u.id, label: u.name })),
    }));
    // A catalogue unit of another kind (a committee, a mass organisation) is offered too.
    if (proposed && !(units.data ?? []).some((u) => u.id === proposed.id))
      out.unshift({
        label: t('appealCatalogue.rulesMenu'),
        title: t('appealCatalogue.rulesMenu'),
        options: [{ value: proposed.id, label: proposed.name }],
      });
    return out;
  }, [units.data, t, proposed, appeal?.regionCode]);
  return (
    <>
      <Form.Item
        name="unitId"
        label={t('appeals.form.leadUnit')}
        rules={[{ required: true, message: t('appeals.form.leadUnitRequired') }]}
        extra={proposal.data ? proposalText(t, proposal.data) : undefined}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('appeals.form.leadUnit')}
          placeholder={t('appeals.form.unitPlaceholder')}
          options={options}
          loading={units.isLoading || proposing}
          disabled={proposing}
          notFoundContent={units.error ? errorText(units.error) : undefined}
        />
      </Form.Item>
      <Form.Item name="coUnitIds" label={t('appeals.form.coUnits')} extra={t('appeals.form.coUnitsHint')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('appeals.form.coUnits')}
          placeholder={t('appeals.form.coUnitsPlaceholder')}
          options={options}
          loading={units.isLoading}
        />
      </Form.Item>
    </>
  );
}

function reasonRule(t: (k: string) => string, min = 2) {
  return [
    { required: true, whitespace: true, message: t('appeals.form.required') },
    { min, message: t('appeals.form.tooShort') },
  ];
}

function Fields({ action, appeal }: { action: AppealAction; appeal: AppealDetail }) {
  const { t } = useTranslation();
  const area = (name: string, label: string, required: boolean, max = 1000, placeholder?: string) => (
    <Form.Item name={name} label={label} rules={required ? reasonRule(t) : undefined}>
      <Input.TextArea aria-label={label} rows={4} maxLength={max} showCount placeholder={placeholder} />
    </Form.Item>
  );
  switch (action) {
    case 'accept':
      return area('note', t('appeals.form.note'), false);
    case 'refuse':
      return area('reason', t('appeals.form.refuseReason'), true);
    case 'dispatch':
      return (
        <>
          <UnitFields action={action} appeal={appeal} />
          {area('note', t('appeals.form.dispatchNote'), false)}
        </>
      );
    case 'redispatch': {
      const lead = [...appeal.assignments].reverse().find((a) => a.role === 'lead' && a.returnedAt);
      return (
        <>
          {lead?.returnReason ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('appeals.form.returnedBy', { unit: lead.unitName ?? '' })}
              description={lead.returnReason}
            />
          ) : null}
          <UnitFields action={action} />
        </>
      );
    }
    case 'return':
      return (
        <>
          {area('reason', t('appeals.form.returnReason'), true, 1000, t('appeals.form.returnPlaceholder'))}
          <Form.Item name="notOurDuty" valuePropName="checked">
            <Checkbox>{t('appeals.form.notOurDuty')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'insist':
      return area('note', t('appeals.form.insistNote'), true);
    case 'progress':
      return (
        <>
          {area('note', t('appeals.form.progressNote'), true)}
          <Form.Item
            name="stageFeedback"
            label={t('appeals.form.stageFeedback')}
            valuePropName="checked"
            extra={t('appeals.form.stageFeedbackHint')}
          >
            <Switch aria-label={t('appeals.form.stageFeedback')} />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Form.Item
            name="workingDays"
            label={t('appeals.form.workingDays')}
            rules={[{ required: true, message: t('appeals.form.required') }]}
          >
            <InputNumber
              aria-label={t('appeals.form.workingDays')}
              min={1}
              max={30}
              precision={0}
              suffix={t('appeals.form.daysUnit')}
              style={{ width: 160 }}
            />
          </Form.Item>
          {area('reason', t('appeals.form.extendReason'), true)}
        </>
      );
    case 'approveExtension': {
      const pending = appeal.extensions.find((e) => e.status === 'pending');
      return (
        <>
          {pending ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('appeals.form.extensionRequest', { days: pending.workingDays })}
              description={pending.reason}
            />
          ) : null}
          <Form.Item
            name="approve"
            label={t('appeals.form.decision')}
            rules={[{ required: true, message: t('appeals.form.required') }]}
          >
            <Radio.Group
              aria-label={t('appeals.form.decision')}
              options={[
                { value: true, label: t('appeals.form.approve') },
                { value: false, label: t('appeals.form.reject') },
              ]}
            />
          </Form.Item>
          {area('note', t('appeals.form.note'), false)}
        </>
      );
    }
    case 'resolve':
      return area('reply', t('appeals.form.reply'), true, 2000, t('appeals.form.replyPlaceholder'));
    case 'visit':
      return (
        <>
          <Form.Item
            name="satisfaction"
            label={t('appeals.form.satisfaction')}
            rules={[{ required: true, message: t('appeals.form.required') }]}
          >
            <Radio.Group
              aria-label={t('appeals.form.satisfaction')}
              optionType="button"
              buttonStyle="solid"
              options={SATISFACTIONS.map((s) => ({ value: s, label: t(`appeals.satisfaction.${s}`) }))}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('appeals.form.unsatisfiedHint')}
          </Typography.Paragraph>
          {area('comment', t('appeals.form.comment'), false)}
        </>
      );
    case 'terminate':
      return area('reason', t('appeals.form.terminateReason'), true);
    case 'markDuplicate':
      return (
        <Form.Item
          name="target"
          label={t('appeals.form.duplicateTarget')}
          extra={t('appeals.form.duplicateHint')}
          rules={[{ required: true, whitespace: true, message: t('appeals.form.required') }]}
        >
          <Input aria-label={t('appeals.form.duplicateTarget')} placeholder="SQ-511102-20260101-0001" />
        </Form.Item>
      );
    case 'supervise':
      return area('message', t('appeals.form.superviseMessage'), true);
    default:
      return null;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case number typed by the dispatcher becomes the case id the API expects. */
async function resolveTargetId(input: string): Promise<string> {
  const v = input.trim();
  if (UUID_RE.test(v)) return v;
  const page = await api<AppealsPage>('/api/v1/appeals', {
    query: { queue: 'all', q: v, page: 1, pageSize: 5 },
  });
  const hit = page.items.find((a) => a.caseNo.toUpperCase() === v.toUpperCase());
  if (!hit) throw new Error('not_found');
  return hit.id;
}

function bodyOf(action: AppealAction, v: FormValues): Record<string, unknown> {
  const s = (k: string) =>
    typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : undefined;
  switch (action) {
    case 'accept':
      return { note: s('note') };
    case 'refuse':
    case 'terminate':
      return { reason: s('reason') };
    case 'dispatch':
      return {
        unitId: v.unitId,
        coUnitIds: (v.coUnitIds as string[] | undefined)?.length ? v.coUnitIds : undefined,
        note: s('note'),
      };
    case 'redispatch':
      return {
        unitId: v.unitId,
        coUnitIds: (v.coUnitIds as string[] | undefined)?.length ? v.coUnitIds : undefined,
      };
    case 'return':
      return { reason: s('reason'), notOurDuty: Boolean(v.notOurDuty) };
    case 'insist':
      return { note: s('note') };
    case 'progress':
      return { note: s('note'), stageFeedback: Boolean(v.stageFeedback) };
    case 'extend':
      return { workingDays: v.workingDays, reason: s('reason') };
    case 'approveExtension':
      return { approve: v.approve, note: s('note') };
    case 'resolve':
      return { reply: s('reply') };
    case 'visit':
      return { satisfaction: v.satisfaction, comment: s('comment') };
    case 'supervise':
      return { message: s('message') };
    default:
      return {};
  }
}

/** One modal for every workflow action; the form depends on the action (contract table). */
export function AppealActionModal({
  appeal,
  action,
  onClose,
}: {
  appeal: AppealDetail;
  action: AppealAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const mutation = useAppealAction(appeal.id);

  useEffect(() => {
    if (action) {
      form.resetFields();
      if (action === 'approveExtension') form.setFieldsValue({ approve: true });
    }
  }, [action, form]);

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    let body = bodyOf(action, values);
    if (action === 'markDuplicate') {
      try {
        body = { targetId: await resolveTargetId(String(values.target ?? '')) };
      } catch {
        form.setFields([{ name: 'target', errors: [t('appeals.form.duplicateNotFound')] }]);
        return;
      }
    }
    mutation.mutate(
      { action, body },
      {
        onSuccess: () => {
          message.success(t('appeals.done', { action: t(`appeals.action.${action}`) }));
          onClose();
        },
        onError: (err) => {
          if (isConflict(err)) {
            message.warning(t('appeals.conflict'));
            onClose();
          } else message.error(errorText(err));
        },
      },
    );
  };

  const label = action ? t(`appeals.action.${action}`) : '';
  return (
    <Modal
      open={Boolean(action)}
      title={`${label} · ${appeal.caseNo}`}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action ? DANGER.has(action) : false, loading: mutation.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {action && CONFIRM_ONLY.has(action) ? (
        <Typography.Paragraph>{t(`appeals.confirm.${action}`)}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" requiredMark preserve={false}>
        {action ? <Fields action={action} appeal={appeal} /> : null}
      </Form>
    </Modal>
  );
}
