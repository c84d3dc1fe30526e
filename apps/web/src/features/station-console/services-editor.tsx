import { LockOutlined } from '@ant-design/icons';
import type { StationServiceTypeDto } from '@nuanxin/shared';
import type { StationKind } from '@nuanxin/shared/stations.labels';
import { Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hoursIssues } from './hours';
import { HoursEditor } from './hours-editor';
import { ServiceIcon, serviceName, useStationLabels } from './labels';
import {
  BASIC_CODES,
  basicsRequired,
  isBasic,
  newServiceItem,
  type ServiceItemForm,
  withBasics,
} from './services';

/**
 * The "5+N" services of a station: the five basic services (always on for a 铜心驿站, the
 * server's rule) and extras picked from the catalogue, each with optional own hours and a note.
 */
export function ServicesEditor({
  value,
  onChange,
  kind,
  catalogue,
}: {
  value?: ServiceItemForm[];
  onChange?: (v: ServiceItemForm[]) => void;
  kind: StationKind | undefined;
  catalogue: readonly StationServiceTypeDto[];
}) {
  const { t } = useTranslation();
  const { locale } = useStationLabels();
  const required = basicsRequired(kind);
  const items = withBasics(value ?? [], kind);
  const byCode = new Map(catalogue.map((c) => [c.code, c]));
  const name = (code: string) => serviceName(code, locale, byCode.get(code));
  const chosen = new Set(items.map((i) => i.code));
  const extras = items.filter((i) => !isBasic(i.code));
  const set = (next: ServiceItemForm[]) => onChange?.(withBasics(next, kind));
  const update = (code: string, patch: Partial<ServiceItemForm>) =>
    set(items.map((i) => (i.code === code ? { ...i, ...patch } : i)));

  const extraOptions = catalogue
    .filter((c) => !c.basic && (c.enabled || chosen.has(c.code)))
    .sort((a, b) => a.sort - b.sort)
    .map((c) => ({ value: c.code, label: name(c.code) }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div>
        <Typography.Text strong>
          {required ? t('stationConsole.services.basic') : t('stationConsole.services.basicOptional')}
        </Typography.Text>
        {required ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 6 }}>
            {t('stationConsole.services.basicAlwaysOn')}
          </Typography.Text>
        ) : null}
        {required ? (
          // Always on for a 铜心驿站: shown as fixed chips rather than greyed-out checkboxes.
          <ul
            data-testid="basic-services"
            aria-label={t('stationConsole.services.basic')}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', margin: 0, padding: 0 }}
          >
            {BASIC_CODES.map((code) => (
              <li key={code}>
                <Tag
                  color="volcano"
                  icon={<LockOutlined />}
                  style={{ marginInlineEnd: 0, padding: '3px 10px', fontSize: 13 }}
                >
                  <Space size={4}>
                    <ServiceIcon code={code} />
                    {name(code)}
                  </Space>
                </Tag>
              </li>
            ))}
          </ul>
        ) : (
          <Space wrap size={[8, 8]} style={{ marginTop: 6 }}>
            {BASIC_CODES.map((code) => (
              <Checkbox
                key={code}
                checked={chosen.has(code)}
                onChange={(e) =>
                  set(
                    e.target.checked
                      ? [...items, newServiceItem(code)]
                      : items.filter((i) => i.code !== code),
                  )
                }
              >
                <Space size={4}>
                  <ServiceIcon code={code} />
                  {name(code)}
                </Space>
              </Checkbox>
            ))}
          </Space>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('stationConsole.services.extras')}</Typography.Text>
        <Select
          mode="multiple"
          aria-label={t('stationConsole.services.extras')}
          placeholder={t('stationConsole.services.extrasPlaceholder')}
          value={extras.map((i) => i.code)}
          onChange={(codes: string[]) => {
            const keep = items.filter((i) => isBasic(i.code));
            const old = new Map(extras.map((i) => [i.code, i]));
            set([...keep, ...codes.map((c) => old.get(c) ?? newServiceItem(c))]);
          }}
          options={extraOptions}
          optionFilterProp="label"
          style={{ width: '100%', marginTop: 6 }}
        />
      </div>
      {extras.map((i) => {
        const bad = i.ownHours && hoursIssues(i.hours).length > 0;
        return (
          <div
            key={i.code}
            data-testid={`service-${i.code}`}
            style={{
              border: `1px solid ${bad ? '#ffccc7' : '#f0e6e0'}`,
              borderRadius: 8,
              padding: '10px 12px',
              display: 'flex',
              flexDirection: 'column',
              gap: 8,
            }}
          >
            <Space wrap size={[12, 8]} align="center">
              <Tag color="volcano" style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}>
                <Space size={4}>
                  <ServiceIcon code={i.code} />
                  {name(i.code)}
                </Space>
              </Tag>
              <Checkbox checked={i.ownHours} onChange={(e) => update(i.code, { ownHours: e.target.checked })}>
                {t('stationConsole.services.ownHours')}
              </Checkbox>
              {i.ownHours ? null : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stationConsole.services.ownHoursHint')}
                </Typography.Text>
              )}
            </Space>
            {i.ownHours ? (
              <HoursEditor
                compact
                idPrefix={`svc-${i.code}`}
                value={i.hours}
                onChange={(hours) => update(i.code, { hours })}
              />
            ) : null}
            <Input
              aria-label={`${name(i.code)} ${t('stationConsole.services.note')}`}
              prefix={<Typography.Text type="secondary">{t('stationConsole.services.note')}</Typography.Text>}
              placeholder={t('stationConsole.services.notePlaceholder')}
              maxLength={200}
              value={i.note}
              onChange={(e) => update(i.code, { note: e.target.value })}
            />
          </div>
        );
      })}
    </Space>
  );
}
