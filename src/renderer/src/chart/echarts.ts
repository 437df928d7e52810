import { BarChart, CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import { AxisPointerComponent, DataZoomComponent, GridComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the chart draws, so the bundle carries no map or pie code.
echarts.use([CandlestickChart, BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, DataZoomComponent, AxisPointerComponent, MarkLineComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export type EChart = ReturnType<typeof echarts.init>;
