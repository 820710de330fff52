// Chart.js from its webjar, loaded when a chart is first shown (the UMD build is self-contained and
// sets globalThis.Chart when imported as a module), and a small component around one chart.
import { h, onMounted, onBeforeUnmount, watch, ref } from 'vue';

const CHART_JS = '/webjars/chart.js/4.4.7/dist/chart.umd.js';
let loading = null;

/** The Chart constructor, once its script has loaded. */
export function loadChartJs() {
  if (!loading) {
    loading = import(CHART_JS).then(() => {
      if (!globalThis.Chart) throw new Error('Chart.js did not load');
      return globalThis.Chart;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

export const PALETTE = { primary: '#4338ca', primarySoft: 'rgba(67, 56, 202, .18)', success: '#067647', warn: '#b54708',
  info: '#0e7490', muted: '#98a2b3', grid: '#eef0f3' };

/**
 * One chart: {@code config()} answers Chart.js's configuration and is watched; the chart is updated
 * in place when it changes. A label describes it for screen readers.
 */
export const ChartCanvas = {
  name: 'ChartCanvas',
  props: { config: { type: Function, required: true }, label: { type: String, required: true }, testid: String },
  emits: ['failed'],
  setup(props, { emit }) {
    const canvas = ref(null);
    let chart = null;
    let gone = false;

    function draw() {
      loadChartJs().then((Chart) => {
        if (gone || !canvas.value) return;
        const config = props.config();
        if (chart) {
          chart.data = config.data;
          chart.options = config.options;
          chart.update();
        } else {
          chart = new Chart(canvas.value, config);
        }
      }).catch(() => emit('failed'));
    }

    onMounted(draw);
    watch(() => props.config(), draw);
    onBeforeUnmount(() => {
      gone = true;
      if (chart) chart.destroy();
    });
    return () => h('div', { class: 'chart-box', 'data-testid': props.testid },
      [h('canvas', { ref: canvas, role: 'img', 'aria-label': props.label })]);
  },
};
