import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';
import { bestRotation, clampPan, fitScale, fittedView, MAX_ZOOM, TAP_ZOOM, zoomAt, type Size, type View } from './page-view-math.ts';

/**
 * One preview page the resident can actually check: it fills the viewer (turned a quarter
 * when that shows it larger), a tap zooms in where it lands (another tap fits it again), a
 * drag pans, two fingers pinch; buttons do the same for one finger or a screen reader.
 */
const TAP_MOVE_PX = 12;
const TAP_MS = 500;
const BUTTON_STEP = 1.5;

interface Gesture {
  readonly startX: number;
  readonly startY: number;
  readonly startAt: number;
  readonly view: View;
  moved: boolean;
  pinch: { readonly distance: number; readonly view: View } | null;
}

export function PageViewer(props: { src: string; page: Size; alt: string }): ReactNode {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<Size>({ width: 0, height: 0 });
  const { width: viewerWidth, height: viewerHeight } = viewer;
  const [view, setView] = useState<View | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<Gesture | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (element === null) return undefined;
    const measure = () => setViewer({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new size (orientation change) starts again from the best fit.
  const { width: pageWidth, height: pageHeight } = props.page;
  useEffect(() => {
    const size = { width: viewerWidth, height: viewerHeight };
    if (viewerWidth > 0 && viewerHeight > 0) setView(fittedView(bestRotation({ width: pageWidth, height: pageHeight }, size)));
  }, [viewerWidth, viewerHeight, pageWidth, pageHeight]);

  const current = view ?? fittedView(0);
  const scale = fitScale(props.page, viewer, current.rotation) * current.zoom;
  const centre = (event: { clientX: number; clientY: number }) => {
    const rect = frame.current?.getBoundingClientRect();
    return rect === undefined ? { x: 0, y: 0 } : { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 };
  };
  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a === undefined || b === undefined ? 0 : Math.hypot(a.x - b.x, a.y - b.y);
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, centre(event));
    if (pointers.current.size === 1) {
      gesture.current = { startX: event.clientX, startY: event.clientY, startAt: performance.now(), view: current, moved: false, pinch: null };
    } else if (pointers.current.size === 2 && gesture.current !== null) {
      gesture.current.moved = true;
      gesture.current.pinch = { distance: distance(), view: current };
    }
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (g === null || !pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, centre(event));
    if (g.pinch !== null && pointers.current.size >= 2) {
      const [a, b] = [...pointers.current.values()];
      if (a === undefined || b === undefined || g.pinch.distance === 0) return;
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      setView(zoomAt(g.pinch.view, g.pinch.view.zoom * (distance() / g.pinch.distance), mid, props.page, viewer));
      return;
    }
    const dx = event.clientX - g.startX;
    const dy = event.clientY - g.startY;
    if (Math.hypot(dx, dy) > TAP_MOVE_PX) g.moved = true;
    if (g.moved && g.view.zoom > 1) setView(clampPan({ ...g.view, panX: g.view.panX + dx, panY: g.view.panY + dy }, props.page, viewer));
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    const at = centre(event);
    pointers.current.delete(event.pointerId);
    if (pointers.current.size > 0) return;
    gesture.current = null;
    if (g === null || g.moved || event.type === 'pointercancel' || performance.now() - g.startAt > TAP_MS) return;
    setView(current.zoom > 1 ? fittedView(current.rotation) : zoomAt(current, TAP_ZOOM, at, props.page, viewer));
  };

  const zoomBy = (factor: number) => setView(zoomAt(current, current.zoom * factor, { x: 0, y: 0 }, props.page, viewer));
  const rotate = () => setView(fittedView(current.rotation === 90 ? 0 : 90));

  return (
    <div className="page-viewer">
      <div
        ref={frame}
        className="page-viewer__frame"
        data-testid="page-viewer"
        data-overflow-ok=""
        data-rotation={current.rotation}
        data-zoom={current.zoom.toFixed(2)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        {scale > 0 && (
          <div
            className="page-viewer__page"
            style={{
              width: `${props.page.width * scale}px`,
              height: `${props.page.height * scale}px`,
              transform: `translate(-50%, -50%) translate(${current.panX}px, ${current.panY}px) rotate(${current.rotation}deg)`,
            }}
          >
            <img src={props.src} width={props.page.width} height={props.page.height} alt={props.alt} draggable={false} data-testid="preview-image" />
          </div>
        )}
      </div>
      <div className="page-viewer__tools" role="group" aria-label={t('previewing.zoomLevel', { percent: Math.round(current.zoom * 100) })}>
        <button type="button" className="button button--secondary button--tool" data-testid="zoom-out" disabled={current.zoom <= 1} onClick={() => zoomBy(1 / BUTTON_STEP)}>
          <span aria-hidden="true">−</span> {t('previewing.zoomOut')}
        </button>
        <button type="button" className="button button--secondary button--tool" data-testid="zoom-in" disabled={current.zoom >= MAX_ZOOM} onClick={() => zoomBy(BUTTON_STEP)}>
          <span aria-hidden="true">+</span> {t('previewing.zoomIn')}
        </button>
        <button type="button" className="button button--secondary button--tool" data-testid="rotate" onClick={rotate}>
          <span aria-hidden="true">↻</span> {t('previewing.rotate')}
        </button>
      </div>
    </div>
  );
}
