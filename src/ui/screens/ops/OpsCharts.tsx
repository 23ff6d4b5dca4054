import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';
import type { OpsOverview } from '../../../api/ops-contract.ts';

// Only what the bar charts need (tree-shaken: the resident's screens never load this file).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS = ['#0b3d91', '#e0b400', '#1a7f37', '#a61b1b', '#6b7a99', '#8a5a00', '#5b2a86', '#00838f'];

/** A stacked bar chart, one bar per day, one colour per series (document type, or error code). */
export function StackedDays(props: { title: string; days: OpsOverview['days']; field: 'printed' | 'failures'; series: readonly string[]; label: (series: string) => string; testId: string }): ReactNode {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { days, field, series, label } = props;
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return undefined;
    const chart = new Chart(element, {
      type: 'bar',
      data: {
        labels: days.map((d) => d.day.slice(5)),
        datasets: series.map((name, i) => ({ label: label(name), data: days.map((d) => d[field][name] ?? 0), backgroundColor: COLOURS[i % COLOURS.length] ?? '#000' })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [days, field, series, label]);
  const total = days.reduce((sum, d) => sum + Object.values(d[field]).reduce((a, b) => a + b, 0), 0);
  return (
    <figure className="ops-chart" data-testid={props.testId} data-total={total}>
      <figcaption>{props.title}</figcaption>
      <div className="ops-chart__canvas">
        <canvas ref={canvas} role="img" aria-label={`${props.title}: ${total}`} />
      </div>
    </figure>
  );
}
