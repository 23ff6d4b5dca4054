import type { ReactNode } from 'react';

/** A progress bar; `fraction` null means "under way, amount unknown". */
export function ProgressBar(props: { fraction: number | null; label: string; valueText: string }): ReactNode {
  const percent = props.fraction === null ? null : Math.round(Math.min(1, Math.max(0, props.fraction)) * 100);
  return (
    <div
      className={`progress${percent === null ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={props.valueText}
      data-testid="print-progress"
    >
      <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
