import type { StationVisitsSummaryDto } from '@nuanxin/shared';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { periodsOf } from './visits';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Visits (bars) and distinct workers (line) per day or month. */
export function VisitsChart({
  data,
  names,
  ariaLabel,
}: {
  data: StationVisitsSummaryDto;
  names: { visits: string; workers: string };
  ariaLabel: string;
}) {
  const byPeriod = new Map(data.rows.map((r) => [r.period, r]));
  const periods = periodsOf(data.from, data.to, data.granularity);
  const axis = periods.map((p) => (data.granularity === 'day' ? p.slice(5) : p));
  const option = {
    color: ['#f4a582', '#d4380d'],
    animationDuration: 400,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 24, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: axis },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: names.visits,
        type: 'bar',
        barMaxWidth: 22,
        data: periods.map((p) => byPeriod.get(p)?.visits ?? 0),
      },
      {
        name: names.workers,
        type: 'line',
        smooth: true,
        data: periods.map((p) => byPeriod.get(p)?.workers ?? 0),
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300 }} />
    </div>
  );
}
