import { drawFitted, fitText, type FittedText } from './fit.ts';
import type { FontName } from './fonts.ts';
import type { Doc } from './pdf.ts';

/** Ruled tables whose rows grow to hold fitted (shrunk, then wrapped) cell text. */
export interface Column {
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

export interface CellStyle {
  readonly font: FontName;
  readonly size: number;
  readonly minSize: number;
  readonly padX: number;
  readonly padY: number;
  readonly minRowHeight: number;
  /** A fixed row height (a printed form's ruled rows): cells shrink, then wrap to the lines it holds, else RENDER_FAILED. */
  readonly fixedRowHeight?: number;
  /** Line pitch as a multiple of the size; default 1.18. */
  readonly leading?: number;
}

export interface MeasuredRow {
  readonly cells: readonly FittedText[];
  readonly height: number;
}

export function measureRow(doc: Doc, columns: readonly Column[], values: readonly string[], style: CellStyle): MeasuredRow {
  const cells: FittedText[] = [];
  const fixed = style.fixedRowHeight;
  const leading = style.leading ?? 1.18;
  const maxLines = fixed === undefined ? undefined : Math.max(1, Math.floor((fixed - 2 * style.padY + 0.01) / (style.minSize * leading)));
  let height = fixed ?? style.minRowHeight;
  for (let i = 0; i < columns.length; i += 1) {
    const col = columns[i] as Column;
    const cell = fitText(doc, values[i] ?? '-', { font: style.font, size: style.size, minSize: style.minSize, width: col.width - 2 * style.padX, maxLines, leading });
    cells.push(cell);
    if (fixed === undefined) height = Math.max(height, cell.height + 2 * style.padY);
  }
  return { cells, height };
}

export function drawRow(doc: Doc, columns: readonly Column[], row: MeasuredRow, x: number, y: number, style: CellStyle): void {
  let cx = x;
  for (let i = 0; i < columns.length; i += 1) {
    const col = columns[i] as Column;
    const cell = row.cells[i];
    if (cell !== undefined) {
      drawFitted(doc, cell, cx + style.padX, y, col.width - 2 * style.padX, { align: col.align ?? 'left', valign: 'middle', height: row.height });
    }
    cx += col.width;
  }
}

/** Grid lines for a block of rows: outer box, column separators, row separators. */
export function drawGrid(doc: Doc, columns: readonly Column[], x: number, y: number, rowHeights: readonly number[], lineWidth = 0.5): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const height = rowHeights.reduce((s, h) => s + h, 0);
  doc.save().lineWidth(lineWidth).strokeColor('#000000');
  doc.rect(x, y, total, height);
  let cx = x;
  for (const col of columns.slice(0, -1)) {
    cx += col.width;
    doc.moveTo(cx, y).lineTo(cx, y + height);
  }
  let cy = y;
  for (const h of rowHeights.slice(0, -1)) {
    cy += h;
    doc.moveTo(x, cy).lineTo(x + total, cy);
  }
  doc.stroke().restore();
}
