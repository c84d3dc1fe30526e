import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { BreakdownRow, MetricKey } from './api';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Cases registered per period (bars) and two rates (lines), one axis each. */
export function TrendChart({
  series,
  names,
  countLabel,
  onPick,
}: {
  series: BreakdownRow[];
  names: Record<MetricKey, string>;
  countLabel: string;
  onPick?: (bucket: string) => void;
}) {
  const val = (r: BreakdownRow, k: MetricKey) => r.metrics.find((m) => m.key === k);
  const rate = (k: MetricKey) =>
    series.map((r) => {
      const v = val(r, k)?.value;
      return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
    });
  const option = {
    color: ['#c7d2fe', '#d4380d', '#389e0d', '#1677ff'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: series.map((r) => r.key.slice(5)) },
    yAxis: [
      { type: 'value', name: countLabel, minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        name: countLabel,
        type: 'bar',
        barMaxWidth: 24,
        data: series.map((r) => val(r, 'response')?.denominator ?? 0),
      },
      {
        name: names.on_time_resolve,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: rate('on_time_resolve'),
      },
      {
        name: names.satisfaction,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: rate('satisfaction'),
      },
      { name: names.handled, type: 'line', yAxisIndex: 1, connectNulls: true, data: rate('handled') },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 300 }}
      onEvents={{
        click: (p: { dataIndex: number }) => {
          const row = series[p.dataIndex];
          if (row && onPick) onPick(row.key);
        },
      }}
    />
  );
}
