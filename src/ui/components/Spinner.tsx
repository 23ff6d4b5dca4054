import type { ReactNode } from 'react';

/** A rotating ring; the words next to it carry the meaning (it is hidden from screen readers). */
export function Spinner(props: { size?: 'small' | 'large' }): ReactNode {
  return <span className={`spinner spinner--${props.size ?? 'large'}`} aria-hidden="true" />;
}
