import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick { seriesName?: string; dataIndex: number; name?: string; value?: unknown }

let firstChartMarked = false;

/**
 * An ECharts canvas. The first chart drawn on a page load sets the performance mark
 * `outpost:first-chart` (the e2e run measures dashboard load to first chart with it).
 */
export function EChart({ option, label, height = 320, onClick }: {
  option: ChartOption;
  label: string;
  height?: number;
  onClick?: (p: ChartClick) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      if (!firstChartMarked) {
        firstChartMarked = true;
        performance.mark('outpost:first-chart');
      }
      el.current?.setAttribute('data-drawn', 'true');
    });
    c.on('click', (p) => clickRef.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className="chart" role="img" aria-label={label} style={{ height }} />;
}
