import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/**
 * One picture per step, next to the step's one-sentence instruction: inline SVG (nothing is
 * loaded from the network), labelled for screen readers, in the kiosk's colours.
 */
export type IllustrationKind = 'card' | 'card-problem' | 'documents' | 'keypad' | 'lock' | 'magnifier' | 'printer' | 'printer-fault' | 'done' | 'help' | 'out-of-service';

const NAVY = '#0b3d91';
const INK = '#1f2a44';
const LIGHT = '#dbe8ff';
const GOLD = '#e0b400';
const PAPER = '#ffffff';

const LABELS: Record<IllustrationKind, MessageKey> = {
  card: 'reading.illustration',
  'card-problem': 'cardProblem.illustration',
  'out-of-service': 'outOfService.illustration',
  documents: 'choosing.illustration',
  keypad: 'authorizing.illustration',
  lock: 'locked.illustration',
  magnifier: 'previewing.illustration',
  printer: 'printing.illustration',
  'printer-fault': 'fault.illustration',
  done: 'done.illustration',
  help: 'error.illustration',
};

function Card(props: { x: number; y: number; scale?: number }): ReactNode {
  const s = props.scale ?? 1;
  return (
    <g transform={`translate(${props.x} ${props.y}) scale(${s})`}>
      <rect width="160" height="100" rx="10" fill={LIGHT} stroke={NAVY} strokeWidth="4" />
      <rect x="16" y="20" width="36" height="46" rx="4" fill="#9fb7e0" />
      <rect x="64" y="22" width="80" height="8" rx="4" fill={NAVY} />
      <rect x="64" y="40" width="64" height="8" rx="4" fill={NAVY} />
      <rect x="64" y="58" width="72" height="8" rx="4" fill={NAVY} />
      <rect x="16" y="76" width="40" height="14" rx="3" fill={GOLD} />
    </g>
  );
}

/** A yellow warning triangle centred on (x, y). */
function Warning(props: { x: number; y: number }): ReactNode {
  return (
    <g transform={`translate(${props.x} ${props.y})`}>
      <path d="M0 -6 L36 58 L-36 58 Z" fill={GOLD} stroke={INK} strokeWidth="4" strokeLinejoin="round" />
      <rect x="-4" y="14" width="8" height="24" rx="3" fill={INK} />
      <circle cx="0" cy="47" r="5" fill={INK} />
    </g>
  );
}

function Printer(props: { fault?: boolean }): ReactNode {
  return (
    <g>
      <rect x="70" y="40" width="180" height="60" rx="6" fill={PAPER} stroke={NAVY} strokeWidth="4" />
      <rect x="40" y="90" width="240" height="100" rx="16" fill={INK} />
      <rect x="70" y="170" width="180" height="14" rx="4" fill="#3a4a6b" />
      <circle cx="250" cy="120" r="9" fill={props.fault === true ? '#e5484d' : '#2ecc71'} />
      {props.fault === true ? (
        <Warning x={160} y={200} />
      ) : (
        <g className="illustration__paper">
          <rect x="90" y="176" width="140" height="78" fill={PAPER} stroke={NAVY} strokeWidth="4" />
          <rect x="108" y="194" width="90" height="7" rx="3" fill={NAVY} />
          <rect x="108" y="210" width="104" height="7" rx="3" fill="#9fb7e0" />
          <rect x="108" y="226" width="70" height="7" rx="3" fill="#9fb7e0" />
        </g>
      )}
    </g>
  );
}

function Picture(props: { kind: IllustrationKind }): ReactNode {
  switch (props.kind) {
    case 'card':
      return (
        <>
          <rect x="40" y="170" width="240" height="70" rx="14" fill={INK} />
          <rect x="70" y="150" width="180" height="34" rx="8" fill="#3a4a6b" />
          <circle cx="160" cy="214" r="8" fill="#2ecc71" />
          <Card x={80} y={50} />
        </>
      );
    case 'card-problem':
      return (
        <>
          <rect x="20" y="170" width="220" height="70" rx="14" fill={INK} />
          <rect x="45" y="150" width="170" height="34" rx="8" fill="#3a4a6b" />
          <circle cx="130" cy="214" r="8" fill="#e5484d" />
          <Card x={50} y={50} />
          <Warning x={262} y={150} />
        </>
      );
    case 'out-of-service':
      return (
        <>
          <rect x="105" y="14" width="110" height="226" rx="12" fill={INK} />
          <rect x="118" y="30" width="84" height="66" rx="6" fill="#3a4a6b" />
          <rect x="130" y="112" width="60" height="12" rx="6" fill="#3a4a6b" />
          <rect x="130" y="136" width="60" height="30" rx="4" fill="#3a4a6b" />
          <g>
            <rect x="30" y="170" width="12" height="70" fill={INK} />
            <rect x="278" y="170" width="12" height="70" fill={INK} />
            <rect x="20" y="150" width="280" height="40" rx="6" fill={GOLD} stroke={INK} strokeWidth="4" />
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <path key={i} d={`M${44 + i * 44} 152 l-22 36 l16 0 l22 -36 z`} fill={INK} />
            ))}
          </g>
        </>
      );
    case 'documents':
      return (
        <>
          {[0, 1, 2].map((i) => (
            <g key={i} transform={`translate(50 ${24 + i * 74})`}>
              <rect width="220" height="60" rx="10" fill={i === 0 ? NAVY : PAPER} stroke={NAVY} strokeWidth="4" />
              <rect x="18" y="14" width="26" height="32" rx="3" fill={i === 0 ? PAPER : LIGHT} stroke={i === 0 ? PAPER : NAVY} strokeWidth="3" />
              <rect x="58" y="18" width="120" height="9" rx="4" fill={i === 0 ? PAPER : NAVY} />
              <rect x="58" y="35" width="80" height="8" rx="4" fill={i === 0 ? LIGHT : '#9fb7e0'} />
            </g>
          ))}
          <path d="M222 70 l0 -24 a10 10 0 0 1 20 0 l0 40 l10 -6 a10 10 0 0 1 12 14 l-24 34 l-30 0 l-8 -40 a10 10 0 0 1 20 -6 z" fill={GOLD} stroke={INK} strokeWidth="4" strokeLinejoin="round" />
        </>
      );
    case 'keypad':
      return (
        <>
          <rect x="70" y="20" width="180" height="44" rx="10" fill={LIGHT} stroke={NAVY} strokeWidth="4" />
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <circle key={i} cx={94 + i * 26} cy="42" r="8" fill={i < 4 ? NAVY : PAPER} stroke={NAVY} strokeWidth="3" />
          ))}
          {[0, 1, 2].flatMap((row) =>
            [0, 1, 2].map((col) => <rect key={`${row}-${col}`} x={88 + col * 52} y={80 + row * 52} width="40" height="40" rx="8" fill={row === 1 && col === 1 ? NAVY : PAPER} stroke={NAVY} strokeWidth="4" />),
          )}
        </>
      );
    case 'lock':
      return (
        <>
          <path d="M115 120 v-36 a45 45 0 0 1 90 0 v36" fill="none" stroke={INK} strokeWidth="16" />
          <rect x="90" y="116" width="140" height="118" rx="16" fill={GOLD} stroke={INK} strokeWidth="5" />
          <circle cx="160" cy="166" r="14" fill={INK} />
          <rect x="154" y="172" width="12" height="34" rx="5" fill={INK} />
        </>
      );
    case 'magnifier':
      return (
        <>
          <rect x="60" y="20" width="160" height="220" rx="6" fill={PAPER} stroke={NAVY} strokeWidth="4" />
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <rect key={i} x="82" y={48 + i * 28} width={i % 2 === 0 ? 110 : 84} height="9" rx="4" fill={i === 0 ? NAVY : '#9fb7e0'} />
          ))}
          <circle cx="200" cy="140" r="52" fill="rgb(219 232 255 / 70%)" stroke={INK} strokeWidth="10" />
          <path d="M238 178 L282 222" stroke={INK} strokeWidth="18" strokeLinecap="round" />
        </>
      );
    case 'printer':
      return <Printer />;
    case 'printer-fault':
      return <Printer fault />;
    case 'done':
      return (
        <>
          <g transform="translate(-30 -10) scale(0.8)">
            <Printer />
          </g>
          <g transform="translate(200 150)">
            <rect x="-10" y="40" width="120" height="46" rx="10" fill={INK} />
            <Card x={0} y={0} scale={0.62} />
          </g>
        </>
      );
    case 'help':
      return (
        <>
          <circle cx="160" cy="80" r="44" fill={LIGHT} stroke={NAVY} strokeWidth="5" />
          <path d="M80 240 a80 80 0 0 1 160 0 z" fill={NAVY} />
          <rect x="148" y="170" width="24" height="40" rx="4" fill={GOLD} />
          <g transform="translate(240 40)">
            <circle r="34" fill={GOLD} stroke={INK} strokeWidth="4" />
            <text y="14" textAnchor="middle" fontSize="44" fontWeight="700" fill={INK}>
              ?
            </text>
          </g>
        </>
      );
  }
}

export function Illustration(props: { kind: IllustrationKind; className?: string }): ReactNode {
  const { t } = useI18n();
  return (
    <svg className={`illustration ${props.className ?? ''}`} viewBox="0 0 320 260" role="img" aria-label={t(LABELS[props.kind])} data-testid="illustration" data-kind={props.kind}>
      <Picture kind={props.kind} />
    </svg>
  );
}
