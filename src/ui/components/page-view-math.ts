/**
 * The geometry of the preview viewer, kept pure so it is tested without a DOM. Coordinates
 * are CSS pixels relative to the viewer's centre; `zoom` 1 is "the page fits the viewer".
 */
export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface View {
  /** 0 as the PDF has it, 90 turned a quarter clockwise. */
  readonly rotation: 0 | 90;
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 5;
/** A tap on the page zooms this far in (from the fitted page). */
export const TAP_ZOOM = 2.5;
/** Margin kept around the fitted page. */
const FIT_MARGIN = 0.96;
/** Turn the page only when that shows it clearly larger. */
const ROTATE_GAIN = 1.05;

/** The page as it lies on screen (width and height swapped when turned). */
function turned(page: Size, rotation: 0 | 90): Size {
  return rotation === 90 ? { width: page.height, height: page.width } : page;
}

/** CSS pixels per page pixel when the page, turned or not, fits the viewer. */
export function fitScale(page: Size, viewer: Size, rotation: 0 | 90): number {
  const box = turned(page, rotation);
  if (box.width <= 0 || box.height <= 0 || viewer.width <= 0 || viewer.height <= 0) return 0;
  return Math.min(viewer.width / box.width, viewer.height / box.height) * FIT_MARGIN;
}

/** Turned a quarter when that fills the viewer clearly better (a landscape KK on a portrait screen). */
export function bestRotation(page: Size, viewer: Size): 0 | 90 {
  return fitScale(page, viewer, 90) >= fitScale(page, viewer, 0) * ROTATE_GAIN ? 90 : 0;
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Keeps the page covering the viewer where it is larger, centred where it is smaller. */
export function clampPan(view: View, page: Size, viewer: Size): View {
  const box = turned(page, view.rotation);
  const scale = fitScale(page, viewer, view.rotation) * view.zoom;
  const maxX = Math.max(0, (box.width * scale - viewer.width) / 2);
  const maxY = Math.max(0, (box.height * scale - viewer.height) / 2);
  return { ...view, panX: Math.min(maxX, Math.max(-maxX, view.panX)), panY: Math.min(maxY, Math.max(-maxY, view.panY)) };
}

/** Zooms to `zoom` keeping the page point under `at` (relative to the viewer's centre) where it is. */
export function zoomAt(view: View, zoom: number, at: { x: number; y: number }, page: Size, viewer: Size): View {
  const next = clampZoom(zoom);
  const ratio = next / view.zoom;
  return clampPan({ ...view, zoom: next, panX: at.x - (at.x - view.panX) * ratio, panY: at.y - (at.y - view.panY) * ratio }, page, viewer);
}

export function fittedView(rotation: 0 | 90): View {
  return { rotation, zoom: 1, panX: 0, panY: 0 };
}
