import { Button, Picker } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../features/appeals/api/appeals';

/**
 * The worker app's 区县 / 镇街 choice: two buttons side by side and their pickers. The township
 * list loads for the chosen county; "whole county" (the first entry) leaves the township unset.
 * Choosing another county clears the township.
 */
export function RegionPickerMobile(props: {
  county: string | undefined;
  township: string | undefined;
  onChange: (county: string | undefined, township: string | undefined) => void;
  labels: { county: string; township: string; wholeCounty: string };
}) {
  const { t } = useTranslation();
  const { county, township, onChange, labels } = props;
  const counties = useRegions();
  const townships = useRegions(county, Boolean(county));
  const [pickCounty, setPickCounty] = useState(false);
  const [pickTownship, setPickTownship] = useState(false);
  const countyOptions = (counties.data ?? []).filter((r) => r.level === 'county');
  const countyName = countyOptions.find((r) => r.code === county)?.name;
  const townshipName = (townships.data ?? []).find((r) => r.code === township)?.name;

  return (
    <>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button
          style={{ flex: 1 }}
          shape="rounded"
          aria-label={labels.county}
          onClick={() => setPickCounty(true)}
          loading={counties.isLoading}
        >
          {countyName ?? labels.county}
        </Button>
        <Button
          style={{ flex: 1 }}
          shape="rounded"
          aria-label={labels.township}
          disabled={!county}
          onClick={() => setPickTownship(true)}
        >
          {townshipName ?? labels.township}
        </Button>
      </div>
      <Picker
        title={labels.county}
        columns={[countyOptions.map((r) => ({ label: r.name, value: r.code }))]}
        visible={pickCounty}
        onClose={() => setPickCounty(false)}
        value={county ? [county] : []}
        onConfirm={(v) => {
          const c = typeof v[0] === 'string' ? v[0] : undefined;
          onChange(c, c !== county ? undefined : township);
        }}
        confirmText={t('common.confirm')}
        cancelText={t('common.cancel')}
      />
      <Picker
        title={labels.township}
        columns={[
          [
            { label: labels.wholeCounty, value: '' },
            ...(townships.data ?? []).map((r) => ({ label: r.name, value: r.code })),
          ],
        ]}
        loading={townships.isLoading}
        visible={pickTownship}
        onClose={() => setPickTownship(false)}
        value={[township ?? '']}
        onConfirm={(v) => onChange(county, typeof v[0] === 'string' && v[0] ? v[0] : undefined)}
        confirmText={t('common.confirm')}
        cancelText={t('common.cancel')}
      />
    </>
  );
}
