import QRCode from 'qrcode';

/**
 * QR symbols for the verification payload: `qrcode` builds the symbol (segments, Reed-Solomon,
 * module placement), this module picks the data mask. qrcode picks it by applying each of the
 * 8 masks to its matrix and scoring it with the standard penalty rules (N1-N4); that is most
 * of the time of a QR code (about 1 ms of a KK render), mostly method calls per module. Here the
 * same rules, with the same scores and the same tie-break (the lowest mask wins), run over
 * plain arrays: the chosen mask and every module are the ones qrcode makes itself
 * (`qr.test.ts` compares both, module by module, over many payloads and all symbol sizes a
 * payload can take).
 */

/** qrcode's penalty scores (lib/core/mask-pattern.js). */
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** Error correction level M: its 2-bit indicator in the format information. */
const EC_M_BITS = 0;

/** The 15 format bits for error correction M and `mask` (BCH(15,5), XOR 0x5412), as qrcode computes them. */
export function formatBits(mask: number): number {
  const G15 = 0b10100110111;
  const data = (EC_M_BITS << 3) | mask;
  let d = data << 10;
  const degree = (v: number) => 32 - Math.clz32(v);
  while (degree(d) - 11 >= 0) d ^= G15 << (degree(d) - 11);
  return ((data << 10) | d) ^ 0b101010000010010;
}

/** Whether mask `p` flips the module at row `i`, column `j` (ISO/IEC 18004 table 10, as qrcode writes it). */
function maskAt(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/** The 8 mask patterns for one symbol size (geometry only, kept for the process), 1 = flip. */
const maskCache = new Map<number, readonly Uint8Array[]>();
function maskTables(n: number): readonly Uint8Array[] {
  let tables = maskCache.get(n);
  if (tables === undefined) {
    tables = Array.from({ length: 8 }, (_, p) => {
      const t = new Uint8Array(n * n);
      for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) t[i * n + j] = maskAt(p, i, j) ? 1 : 0;
      return t;
    });
    maskCache.set(n, tables);
  }
  return tables;
}

/** Writes the format bits of `mask` into `m` where qrcode's setupFormatInfo puts them. */
function writeFormat(m: Uint8Array, n: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i += 1) {
    const v = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : n - 15 + i;
    m[row * n + 8] = v;
    const col = i < 8 ? n - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * n + col] = v;
  }
  m[(n - 8) * n + 8] = 1;
}

/** 1 for a 2x2 block of one colour (sum of its modules 0 or 4): a table instead of a branch. */
const SAME_BLOCK = Uint8Array.of(1, 0, 0, 0, 1);

/**
 * Sum of qrcode's four penalties for a finished candidate symbol (values 0/1, row-major).
 * Written without data-dependent branches where the modules are random (runs, 2x2 blocks):
 * the scores are the same as qrcode's, a mispredicted branch per module is what made it slow.
 */
export function penalty(m: Uint8Array, n: number): number {
  let points = 0;
  let dark = 0;
  for (let a = 0; a < n; a += 1) {
    // N1 (runs of 5 or more of one colour score N1 + run - 5 = run - 2) and N3, along row a and column a.
    const rowBase = a * n;
    let r = m[rowBase] as number;
    let c = m[a] as number;
    let runR = 1;
    let runC = 1;
    let bitsR = r;
    let bitsC = c;
    dark += r;
    for (let b = 1; b < n; b += 1) {
      const r2 = m[rowBase + b] as number;
      const c2 = m[b * n + a] as number;
      dark += r2;
      const sameR = 1 ^ r ^ r2;
      const sameC = 1 ^ c ^ c2;
      points += (1 - sameR) * ((4 - runR) >>> 31) * (runR - 2) + (1 - sameC) * ((4 - runC) >>> 31) * (runC - 2);
      runR = runR * sameR + 1;
      runC = runC * sameC + 1;
      r = r2;
      c = c2;
      bitsR = ((bitsR << 1) & 0x7ff) | r2;
      bitsC = ((bitsC << 1) & 0x7ff) | c2;
      if (b >= 10) {
        if (bitsR === 0x5d0 || bitsR === 0x05d) points += N3;
        if (bitsC === 0x5d0 || bitsC === 0x05d) points += N3;
      }
    }
    points += ((4 - runR) >>> 31) * (runR - 2) + ((4 - runC) >>> 31) * (runC - 2);
  }
  // N2: 2x2 blocks of one colour.
  let blocks = 0;
  for (let row = 0; row < n - 1; row += 1) {
    const top = row * n;
    const below = top + n;
    let left = (m[top] as number) + (m[below] as number);
    for (let col = 1; col < n; col += 1) {
      const right = (m[top + col] as number) + (m[below + col] as number);
      blocks += SAME_BLOCK[left + right] as number;
      left = right;
    }
  }
  points += blocks * N2;
  // N4: deviation of the dark share from 50 %, in steps of 5 %.
  points += Math.abs(Math.ceil((dark * 100) / (n * n) / 5) - 10) * N4;
  return points;
}

/** A QR symbol's modules: `size` x `size`, row-major, 1 = dark. */
export interface QrModules {
  readonly size: number;
  readonly version: number;
  readonly mask: number;
  readonly data: Uint8Array;
}

/**
 * Encodes `bytes` as one byte-mode segment, error correction M, with the mask qrcode would
 * choose. qrcode builds the symbol once with mask 0; the candidates for the other masks are
 * derived from it (data modules flipped back and forth, format bits rewritten).
 */
export function encodeQr(bytes: Uint8Array): QrModules {
  const symbol = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 });
  const modules = symbol.modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const n = modules.size;
  const reserved = modules.reservedBit;
  const masked0 = modules.data;
  const masks = maskTables(n);
  const mask0 = masks[0] as Uint8Array;
  // The data modules before masking (reserved modules: as qrcode set them).
  const plain = new Uint8Array(n * n);
  for (let k = 0; k < n * n; k += 1) plain[k] = reserved[k] ? (masked0[k] as number) : (masked0[k] as number) ^ (mask0[k] as number);
  let best: Uint8Array | undefined;
  let bestMask = 0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p += 1) {
    const mask = masks[p] as Uint8Array;
    const m = new Uint8Array(n * n);
    for (let k = 0; k < n * n; k += 1) m[k] = reserved[k] ? (plain[k] as number) : (plain[k] as number) ^ (mask[k] as number);
    writeFormat(m, n, p);
    const score = penalty(m, n);
    if (score < lowest) {
      lowest = score;
      bestMask = p;
      best = m;
    }
  }
  return { size: n, version: symbol.version, mask: bestMask, data: best as Uint8Array };
}
