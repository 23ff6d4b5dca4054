import QRCode from 'qrcode';

/**
 * QR symbols for the verification payload, built by `qrcode` through its public API: one
 * byte-mode segment, error correction M, the mask qrcode chooses itself. The modules are
 * read with the symbol's public `modules.get(row, col)`.
 */

/** A QR symbol's modules: `size` x `size`, row-major, 1 = dark. */
export interface QrModules {
  readonly size: number;
  readonly version: number;
  readonly mask: number;
  readonly data: Uint8Array;
}

export function encodeQr(bytes: Uint8Array): QrModules {
  const symbol = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const n = symbol.modules.size;
  const data = new Uint8Array(n * n);
  for (let r = 0; r < n; r += 1) for (let c = 0; c < n; c += 1) data[r * n + c] = symbol.modules.get(r, c) ? 1 : 0;
  return { size: n, version: symbol.version, mask: symbol.maskPattern ?? 0, data };
}
