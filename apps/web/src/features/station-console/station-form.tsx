import type { CreateStationInput, StationDetailDto, UpdateStationInput } from '@nuanxin/shared';
import {
  STATION_HOST_TYPES,
  STATION_KINDS,
  STATION_RESOURCES,
  STATION_STATUSES,
  type StationHostType,
  type StationKind,
  type StationResource,
  type StationStatus,
} from '@nuanxin/shared/stations.labels';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLngLike } from '../../components/map';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { useMe } from '../auth/api/get-me';
import { useCreateStation, useSaveStation, useServiceTypes, useStation } from './api';
import { formToHours, type HoursForm, hoursIssues, hoursToForm } from './hours';
import { HoursEditor } from './hours-editor';
import { KindTag, useStationLabels } from './labels';
import { LocationPicker, type LocationValue } from './location-picker';
import { KeepersSelect, OperatorSelect, RegionSelect } from './pickers';
import {
  formToServices,
  type ServiceItemForm,
  sameServices,
  serviceIssues,
  servicesToForm,
} from './services';
import { ServicesEditor } from './services-editor';

/** What the station form edits. */
export interface StationFormValues {
  name: string;
  description?: string | undefined;
  kind?: StationKind | undefined;
  hostType?: StationHostType | undefined;
  status: StationStatus;
  regionCode?: string | undefined;
  operatorOrgId?: string | undefined;
  address: string;
  location: LocationValue;
  phone?: string | undefined;
  openToWorkers: boolean;
  openToResidents: boolean;
  hours: HoursForm;
  services: ServiceItemForm[];
  capacity: Partial<Record<StationResource, number | null>>;
  keeperIds: string[];
}

const PHONE_RE = /^[0-9+\-() ]{5,20}$/;

/** Rough centres of the two districts (WGS-84), where a new station's map opens. */
const DISTRICT_CENTRES: Record<string, LatLngLike> = {
  '511102': { lat: 29.5625, lng: 103.7633 },
  '511111': { lat: 29.4125, lng: 103.5497 },
};

export function detailToValues(d: StationDetailDto): StationFormValues {
  const capacity: StationFormValues['capacity'] = {};
  for (const c of d.capacity) capacity[c.resource] = c.total;
  return {
    name: d.name,
    description: d.description ?? undefined,
    kind: d.kind,
    hostType: d.hostType,
    status: d.status,
    regionCode: d.regionCode,
    operatorOrgId: d.operatorOrgId,
    address: d.address,
    location: { lat: d.lat, lng: d.lng, crs: 'wgs84' },
    phone: d.phone ?? undefined,
    openToWorkers: d.openToWorkers,
    openToResidents: d.openToResidents,
    hours: hoursToForm(d.hours),
    services: servicesToForm(d.services),
    capacity,
    keeperIds: (d.keepers ?? []).map((k) => k.userId),
  };
}

function newValues(regionCode: string | undefined): StationFormValues {
  return {
    name: '',
    status: 'active',
    regionCode,
    address: '',
    location: { lat: null, lng: null, crs: 'wgs84' },
    openToWorkers: true,
    openToResidents: false,
    hours: hoursToForm(null),
    services: [],
    capacity: {},
    keeperIds: [],
  };
}

/** Resources with a total, as the API wants them. */
export function capacityTotals(
  c: StationFormValues['capacity'],
): { resource: StationResource; total: number }[] {
  return STATION_RESOURCES.flatMap((resource) => {
    const total = c[resource];
    return typeof total === 'number' && total > 0 ? [{ resource, total: Math.round(total) }] : [];
  });
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 8 }}>
      <Divider titlePlacement="start" style={{ margin: '8px 0 16px' }}>
        <Space>
          <span style={{ fontWeight: 600 }}>{title}</span>
          {extra}
        </Space>
      </Divider>
      {children}
    </section>
  );
}

/**
 * Create or edit a station, in a drawer: basics, location, opening hours, "5+N" services,
 * capacity totals and keepers. An edit sends the version it read; when someone else saved in the
 * meantime (409 `station.conflict`) the drawer says so and reloads the station.
 */
export function StationFormDrawer({
  open,
  stationId,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Null: a new station. */
  stationId: string | null;
  onClose: () => void;
  onSaved?: (d: StationDetailDto) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { labels } = useStationLabels();
  const [form] = Form.useForm<StationFormValues>();
  const me = useMe().data;
  const editing = stationId !== null;
  const detail = useStation(open && editing ? stationId : null);
  const catalogue = useServiceTypes();
  const create = useCreateStation();
  const save = useSaveStation();
  const [conflict, setConflict] = useState(false);
  const kind = Form.useWatch('kind', form);
  const name = Form.useWatch('name', form);
  const regionCode = Form.useWatch('regionCode', form);
  const canManage = Boolean(me?.permissions.includes('stations.manage'));
  const homeRegion = useMemo(
    () =>
      me?.grants.find((g) => (g.role === 'district_admin' || g.role === 'community_staff') && g.regionCode)
        ?.regionCode ?? undefined,
    [me],
  );
  const d = editing ? detail.data : undefined;

  // Fill the form: a new station on opening; an edit whenever a (newer) version arrives.
  const loadedKey = editing ? (d ? `${d.id}:${d.version}` : null) : open ? 'new' : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill only when the loaded version changes
  useEffect(() => {
    if (!loadedKey) return;
    if (loadedKey === 'new') form.setFieldsValue(newValues(homeRegion));
    else if (d) form.setFieldsValue(detailToValues(d));
  }, [loadedKey]);
  useEffect(() => {
    if (!open) {
      setConflict(false);
      form.resetFields();
    }
  }, [open, form]);

  const busy = create.isPending || save.isPending;

  const submit = async () => {
    let v: StationFormValues;
    try {
      v = await form.validateFields();
    } catch {
      message.error(t('stationConsole.form.invalid'));
      return;
    }
    if (
      !v.kind ||
      !v.hostType ||
      !v.regionCode ||
      !v.operatorOrgId ||
      v.location.lat === null ||
      v.location.lng === null
    )
      return;
    const services = formToServices(v.services, v.kind);
    const common = {
      name: v.name.trim(),
      description: v.description?.trim() ? v.description.trim() : null,
      kind: v.kind,
      hostType: v.hostType,
      operatorOrgId: v.operatorOrgId,
      regionCode: v.regionCode,
      address: v.address.trim(),
      lat: v.location.lat,
      lng: v.location.lng,
      crs: v.location.crs,
      phone: v.phone?.trim() ? v.phone.trim() : null,
      openToWorkers: v.openToWorkers,
      openToResidents: v.openToResidents,
      hours: formToHours(v.hours),
      status: v.status,
      capacity: capacityTotals(v.capacity),
    };
    const onError = (err: unknown) => {
      if (err instanceof ApiError && err.code === 'station.conflict') {
        setConflict(true);
        void detail.refetch();
        return;
      }
      message.error(errorText(err));
    };
    if (!editing) {
      const body: CreateStationInput = { ...common, services, keeperIds: v.keeperIds };
      create.mutate(body, {
        onSuccess: (created) => {
          message.success(t('stationConsole.form.created', { code: created.code }));
          onSaved?.(created);
          onClose();
        },
        onError,
      });
      return;
    }
    if (!d) return;
    const before = formToServices(servicesToForm(d.services), d.kind);
    const servicesChanged = !sameServices(before, services);
    const keepersBefore = (d.keepers ?? []).map((k) => k.userId).sort();
    const keepersChanged = JSON.stringify([...v.keeperIds].sort()) !== JSON.stringify(keepersBefore);
    const patch: UpdateStationInput = { ...common, version: d.version };
    save.mutate(
      {
        id: d.id,
        patch,
        services: servicesChanged ? services : undefined,
        keeperIds: keepersChanged ? v.keeperIds : undefined,
        // Becoming a 铜心驿站 needs the five basic services in place before the kind changes.
        servicesFirst: servicesChanged && v.kind === 'copper_heart' && d.kind !== 'copper_heart',
      },
      {
        onSuccess: (saved) => {
          message.success(t('stationConsole.form.saved'));
          onSaved?.(saved);
          onClose();
        },
        onError,
      },
    );
  };

  const title = editing
    ? t('stationConsole.form.editTitle', { name: d?.name ?? '' })
    : t('stationConsole.form.createTitle');

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={960}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} disabled={editing && !d}>
            {editing ? t('stationConsole.form.submitSave') : t('stationConsole.form.submitCreate')}
          </Button>
        </Space>
      }
    >
      {editing && detail.isLoading ? <Skeleton active paragraph={{ rows: 12 }} /> : null}
      {editing && detail.error ? <Alert type="error" showIcon title={errorText(detail.error)} /> : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('stationConsole.form.conflictTitle')}
          description={t('stationConsole.form.conflictBody')}
          closable={{ onClose: () => setConflict(false) }}
        />
      ) : null}
      <Form<StationFormValues>
        form={form}
        layout="vertical"
        requiredMark
        style={{ display: editing && !d ? 'none' : undefined }}
        scrollToFirstError
      >
        <Section title={t('stationConsole.form.sectionBasics')} extra={kind ? <KindTag kind={kind} /> : null}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('stationConsole.form.name')}
                rules={[{ required: true, whitespace: true, min: 2, max: 80 }]}
              >
                <Input placeholder={t('stationConsole.form.namePlaceholder')} maxLength={80} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="kind" label={t('stationConsole.form.kind')} rules={[{ required: true }]}>
                <Select
                  aria-label={t('stationConsole.form.kind')}
                  options={STATION_KINDS.map((k) => ({ value: k, label: labels.kind[k] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="hostType"
                label={t('stationConsole.form.hostType')}
                rules={[{ required: true }]}
              >
                <Select
                  aria-label={t('stationConsole.form.hostType')}
                  options={STATION_HOST_TYPES.map((k) => ({ value: k, label: labels.hostType[k] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="regionCode"
                label={t('stationConsole.form.region')}
                tooltip={t('stationConsole.form.regionHint')}
                rules={[{ required: true }]}
              >
                <RegionSelect ariaLabel={t('stationConsole.form.region')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="operatorOrgId"
                label={t('stationConsole.form.operator')}
                tooltip={t('stationConsole.form.operatorHint')}
                rules={[{ required: true }]}
              >
                <OperatorSelect
                  regionCode={regionCode}
                  current={d ? { id: d.operatorOrgId, name: d.operatorOrgName } : undefined}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="phone"
                label={t('stationConsole.form.phone')}
                rules={[{ pattern: PHONE_RE, message: t('stationConsole.form.phoneInvalid') }]}
              >
                <Input
                  placeholder={t('stationConsole.form.phonePlaceholder')}
                  maxLength={20}
                  inputMode="tel"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="status" label={t('stationConsole.form.status')} rules={[{ required: true }]}>
                <Select
                  aria-label={t('stationConsole.form.status')}
                  options={STATION_STATUSES.map((s) => ({ value: s, label: labels.status[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="openToWorkers"
                label={t('stationConsole.form.openToWorkers')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="openToResidents"
                label={t('stationConsole.form.openToResidents')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="description"
                label={t('stationConsole.form.description')}
                rules={[{ max: 2000 }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section title={t('stationConsole.form.sectionLocation')}>
          <Form.Item
            name="address"
            label={t('stationConsole.form.address')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
          >
            <Input placeholder={t('stationConsole.form.addressPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="location"
            rules={[
              {
                validator: (_, v: LocationValue | undefined) =>
                  v && v.lat !== null && v.lng !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('stationConsole.form.locationRequired'))),
              },
            ]}
          >
            <LocationPicker
              label={name ?? ''}
              defaultCentre={DISTRICT_CENTRES[(regionCode ?? homeRegion ?? '').slice(0, 6)]}
            />
          </Form.Item>
        </Section>

        <Section title={t('stationConsole.form.sectionHours')}>
          <Form.Item
            name="hours"
            rules={[
              {
                validator: (_, v: HoursForm | undefined) =>
                  v && hoursIssues(v).length === 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('stationConsole.form.invalid'))),
              },
            ]}
          >
            <HoursEditor />
          </Form.Item>
        </Section>

        <Section title={t('stationConsole.form.sectionServices')}>
          <Form.Item
            name="services"
            rules={[
              {
                validator: (_, v: ServiceItemForm[] | undefined) =>
                  serviceIssues(v ?? []).length === 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('stationConsole.form.invalid'))),
              },
            ]}
          >
            <ServicesEditor kind={kind} catalogue={catalogue.data ?? []} />
          </Form.Item>
        </Section>

        <Section title={t('stationConsole.form.sectionCapacity')}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
            {t('stationConsole.form.capacityHint')}
          </Typography.Paragraph>
          <Row gutter={12}>
            {STATION_RESOURCES.map((r) => (
              <Col key={r} xs={12} md={8} lg={4} style={{ minWidth: 150 }}>
                <Form.Item name={['capacity', r]} label={labels.resource[r]}>
                  <InputNumber<number>
                    aria-label={`${labels.resource[r]} ${t('stationConsole.form.capacityTotal')}`}
                    min={0}
                    max={10_000}
                    precision={0}
                    placeholder="—"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Section>

        <Section title={t('stationConsole.form.sectionKeepers')}>
          <Form.Item
            name="keeperIds"
            label={t('stationConsole.form.keepers')}
            extra={t('stationConsole.form.keepersHint')}
          >
            <KeepersSelect enabled={open && canManage} current={d?.keepers} />
          </Form.Item>
        </Section>
      </Form>
    </Drawer>
  );
}
