// Client script: the per-day bar charts (uPlot). Each element with
// data-chart="<id>" is drawn from the JSON data block with that id
// ({days: YYYY-MM-DD[], counts: number[], label}); the page has the same
// figures as a table, so nothing is lost without this script.
import uPlot from "uplot";

interface DaySeries {
  days: string[];
  counts: number[];
  label: string;
}

const HEIGHT = 180;
const BAR_COLOUR = "#1d4ed8";
const BAR_FILL = "rgba(29, 78, 216, 0.35)";
const SECONDS_PER_MS = 1000;
const DAY_S = 24 * 3600;
/** Steps between labelled days: a day, two, a week, two weeks, a month, a quarter, half a year, a year. */
const DAY_STEPS = [1, 2, 7, 14, 30, 91, 182, 365].map((d) => d * DAY_S);
const MIN_LABEL_SPACE_PX = 90;
/** Room for the last day's label, centred on the right edge. */
const RIGHT_PADDING_PX = 40;
const MAX_BAR_PX = 24;
/** Room on each side of the first and last day: a day, or a twentieth of the span. */
const edge = (min: number, max: number) => Math.max(DAY_S, (max - min) / 20);

const dayLabel = (s: number) => new Date(s * SECONDS_PER_MS).toISOString().slice(0, 10);

function seriesOf(el: HTMLElement): DaySeries | null {
  const block = el.dataset.chart ? document.getElementById(el.dataset.chart) : null;
  if (!block?.textContent) return null;
  return JSON.parse(block.textContent) as DaySeries;
}

function draw(el: HTMLElement): void {
  const data = seriesOf(el);
  if (!data || !data.days.length) return;
  const xs = data.days.map((d) => Date.parse(`${d}T00:00:00Z`) / SECONDS_PER_MS);
  const bars = uPlot.paths.bars?.({ size: [0.8, MAX_BAR_PX] });
  const plot = new uPlot(
    {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      padding: [8, RIGHT_PADDING_PX, 0, 0],
      scales: {
        x: { time: true, range: (_u, min, max) => [min - edge(min, max), max + edge(min, max)] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        { incrs: DAY_STEPS, space: MIN_LABEL_SPACE_PX, values: (_u, splits) => splits.map(dayLabel) },
        { size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [{}, { label: data.label, stroke: BAR_COLOUR, fill: BAR_FILL, paths: bars, points: { show: false } }],
    },
    [xs, data.counts],
    el,
  );
  el.dataset.drawn = "true";
  window.addEventListener("resize", () => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
}

document.querySelectorAll<HTMLElement>("[data-chart]").forEach(draw);
