import { describe, expect, it } from 'vitest';
import { bestRotation, clampPan, fitScale, fittedView, MAX_ZOOM, zoomAt } from './page-view-math.ts';

const KK = { width: 1400, height: 990 };
const AKTA = { width: 990, height: 1400 };
const PORTRAIT_VIEWER = { width: 984, height: 1150 };
const LANDSCAPE_VIEWER = { width: 1700, height: 600 };

describe('preview geometry', () => {
  it('turns a landscape KK on a portrait screen, where turned it shows clearly larger', () => {
    expect(bestRotation(KK, PORTRAIT_VIEWER)).toBe(90);
    expect(fitScale(KK, PORTRAIT_VIEWER, 90)).toBeGreaterThan(fitScale(KK, PORTRAIT_VIEWER, 0) * 1.15);
    expect(bestRotation(KK, { width: 1700, height: 800 })).toBe(0);
    expect(bestRotation(AKTA, { width: 984, height: 1400 })).toBe(0);
    expect(bestRotation(AKTA, LANDSCAPE_VIEWER)).toBe(90);
  });

  it('zooms about the point touched: that point of the page stays under the finger', () => {
    const start = fittedView(0);
    const at = { x: -200, y: -150 };
    const scale0 = fitScale(KK, PORTRAIT_VIEWER, 0);
    const pageX0 = (at.x - start.panX) / scale0;
    const zoomed = zoomAt(start, 2.5, at, KK, PORTRAIT_VIEWER);
    expect(zoomed.zoom).toBe(2.5);
    expect((at.x - zoomed.panX) / (scale0 * zoomed.zoom)).toBeCloseTo(pageX0, 6);
  });

  it('keeps the page on screen: no panning beyond its edges, none at all when it fits', () => {
    const fitted = clampPan({ rotation: 0, zoom: 1, panX: 300, panY: -300 }, KK, PORTRAIT_VIEWER);
    expect([Math.abs(fitted.panX), Math.abs(fitted.panY)]).toEqual([0, 0]);
    const far = clampPan({ rotation: 0, zoom: 3, panX: 1e6, panY: -1e6 }, KK, PORTRAIT_VIEWER);
    const scale = fitScale(KK, PORTRAIT_VIEWER, 0) * 3;
    expect(far.panX).toBeCloseTo((KK.width * scale - PORTRAIT_VIEWER.width) / 2, 6);
    expect(far.panY).toBeCloseTo(-(KK.height * scale - PORTRAIT_VIEWER.height) / 2, 6);
  });

  it('zoom stays between the fitted page and five times it', () => {
    expect(zoomAt(fittedView(0), 0.2, { x: 0, y: 0 }, KK, PORTRAIT_VIEWER).zoom).toBe(1);
    expect(zoomAt(fittedView(0), 50, { x: 0, y: 0 }, KK, PORTRAIT_VIEWER).zoom).toBe(MAX_ZOOM);
    expect(fitScale(KK, { width: 0, height: 100 }, 0)).toBe(0);
  });
});
