import { KioskError } from '../../src/core/errors.ts';
import { drawFitted, drawInBox, fitText, type FittedText } from '../fit.ts';
import type { FontName } from '../fonts.ts';
import type { Doc } from '../pdf.ts';

/** "Label : value" lists for the card fronts, laid out so the whole list fits its box. */
export interface CardField {
  readonly label: string;
  readonly value: string;
  /** Indented label (RT/RW, Kel/Desa, Kecamatan under Alamat on the KTP-el). */
  readonly indent?: boolean;
  /** Most lines the value may wrap to; default 1. */
  readonly maxLines?: number;
  /** A second "label : value" on the same line, at the right (Gol. Darah on the KTP-el). */
  readonly right?: { readonly label: string; readonly value: string; readonly width: number };
  readonly bold?: boolean;
}

export interface FieldListBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly labelWidth: number;
  readonly size: number;
  readonly minSize: number;
  /** Line pitch wanted; it tightens (never below 1.08 x size) when wrapped values need room. */
  readonly pitch: number;
}

const LABEL_FONT: FontName = 'condensed';

export function drawFieldList(doc: Doc, fields: readonly CardField[], box: FieldListBox): void {
  const valueX = box.x + box.labelWidth + 5;
  const fitted: FittedText[] = fields.map((f) => {
    const rightW = f.right === undefined ? 0 : f.right.width;
    return fitText(doc, f.value, { font: f.bold === true ? 'condensedBold' : 'condensed', size: box.size, minSize: box.minSize, width: box.x + box.width - valueX - rightW, maxLines: f.maxLines ?? 1, leading: 1.12 });
  });
  const lines = fitted.reduce((s, f) => s + f.lines.length, 0);
  const pitch = Math.min(box.pitch, box.height / lines);
  if (pitch < box.minSize * 1.08) {
    throw new KioskError('RENDER_FAILED', 'The card fields need more lines than the card holds.', {
      hint: 'The record holds unusually long text; ask the Dukcapil office to check the record or print the card at the counter.',
    });
  }
  let y = box.y;
  fields.forEach((field, i) => {
    const value = fitted[i];
    if (value === undefined) return;
    const indent = field.indent === true ? 8 : 0;
    drawInBox(doc, field.label, { x: box.x + indent, y, width: box.labelWidth - indent - 1 }, { font: LABEL_FONT, size: box.size, minSize: box.minSize, maxLines: 1 });
    doc.font(LABEL_FONT).fontSize(box.size).text(':', box.x + box.labelWidth, y, { lineBreak: false });
    drawFitted(doc, { ...value, lineHeight: pitch, height: pitch * value.lines.length }, valueX, y, box.width, {});
    if (field.right !== undefined) {
      const rx = box.x + box.width - field.right.width;
      drawInBox(doc, `${field.right.label} : ${field.right.value}`, { x: rx, y, width: field.right.width }, { font: LABEL_FONT, size: box.size, minSize: box.minSize, maxLines: 1 });
    }
    y += pitch * value.lines.length;
  });
}
