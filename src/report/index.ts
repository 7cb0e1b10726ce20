export { profileHtml } from './profile-html.js';
export { histogramSvg, barsSvg, type HistogramSvgOptions, type BarsSvgOptions, type BarItem } from './svg-bars.js';
export { htmlPage, REPORT_CSS } from './page.js';
export { escapeHtml, truncate } from './escape.js';
export { formatCount, formatNumber, formatPercent, formatDate } from './format.js';
export { lineChartSvg, confusionSvg, type LineSeries, type LineChartOptions } from './svg-standalone.js';
