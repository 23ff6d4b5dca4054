import { describe, expect, it } from 'vitest';
import { KioskError } from '../src/core/errors.ts';
import { fitText, MIN_READABLE_SIZE } from './fit.ts';
import { createDoc } from './pdf.ts';

const doc = createDoc({ size: [595, 842], createdAt: new Date(0), compress: false, title: 't', subject: 's' });
doc.addPage();

describe('fitText', () => {
  it('keeps short text at the preferred size on one line', () => {
    const f = fitText(doc, 'ISLAM', { font: 'condensed', size: 7, minSize: 5.5, width: 80 });
    expect(f.size).toBe(7);
    expect(f.lines).toEqual(['ISLAM']);
  });

  it('shrinks text that is slightly too wide, without wrapping', () => {
    const f = fitText(doc, 'KEPERCAYAAN TERHADAP TUHAN YME', { font: 'condensed', size: 7, minSize: 5, width: 100 });
    expect(f.lines).toHaveLength(1);
    expect(f.size).toBeLessThan(7);
    expect(f.size).toBeGreaterThanOrEqual(5);
    expect(f.lineWidths[0]).toBeLessThanOrEqual(100);
  });

  it('wraps at the minimum size when shrinking is not enough, and loses no character', () => {
    const text = "RADEN MAS MUHAMMAD ṢALĀḤUDDĪN AL-AYYŪBI PRAWIRANEGARA KUSUMAWARDHANA MUH. SYAFI'I";
    const f = fitText(doc, text, { font: 'condensed', size: 7, minSize: 5.5, width: 120 });
    expect(f.size).toBe(5.5);
    expect(f.lines.length).toBeGreaterThan(1);
    for (const w of f.lineWidths) expect(w).toBeLessThanOrEqual(120);
    expect(f.lines.join(' ').replace(/- /g, '-').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('breaks a single word wider than the box inside the word', () => {
    const f = fitText(doc, 'X'.repeat(80), { font: 'regular', size: 8, minSize: 6, width: 50 });
    expect(f.lines.length).toBeGreaterThan(2);
    expect(f.lines.join('')).toBe('X'.repeat(80));
  });

  it('never goes below the readable floor', () => {
    const f = fitText(doc, 'A very long text that cannot fit in a tiny box at all', { font: 'regular', size: 8, minSize: 2, width: 40 });
    expect(f.size).toBe(MIN_READABLE_SIZE);
  });

  it('fails loudly instead of cutting text that needs more lines than allowed', () => {
    expect(() => fitText(doc, 'A very long text that cannot fit in a tiny box at all', { font: 'regular', size: 8, minSize: 6, width: 40, maxLines: 2 })).toThrow(KioskError);
  });
});
