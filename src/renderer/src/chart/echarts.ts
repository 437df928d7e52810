import { BarChart, CandlestickChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the charts draw (the K-line chart, reports, heatmaps), so the bundle carries no map or pie code.
echarts.use([
  CandlestickChart,
  BarChart,
  LineChart,
  ScatterChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  DataZoomComponent,
  AxisPointerComponent,
  MarkLineComponent,
  VisualMapComponent,
  LegendComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChart = ReturnType<typeof echarts.init>;
