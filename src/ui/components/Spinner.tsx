import type { ReactNode } from 'react';

/**
 * A rotating ring; the words next to it carry the meaning (it is hidden from screen readers).
 * The ring turns inside a round box that clips it, so its corners never poke out of the line.
 */
export function Spinner(props: { size?: 'small' | 'large' }): ReactNode {
  return (
    <span className={`spinner-box spinner-box--${props.size ?? 'large'}`} aria-hidden="true" data-overflow-ok="">
      <span className="spinner" />
    </span>
  );
}
