import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { KioskError } from '../src/core/errors.ts';
import { maskNik } from '../src/core/mask.ts';
import { DOCUMENT_CATALOGUE } from '../src/core/documents.ts';
import { rasterizePdf } from './pdf-raster.ts';
import { defaultTrustedKeys, verifyPayload, type SignedPayload, type TrustedKey } from './signing.ts';

/**
 * `adm-kiosk verify FILE`: finds the verification QR code on a rendered PDF or on a photo or
 * scan of a printed page (PNG, JPEG), decodes it and checks its Ed25519 signature.
 */
export type VerificationStatus = 'valid' | 'invalid' | 'no-qr';

export interface VerificationResult {
  readonly status: VerificationStatus;
  readonly fileKind: 'pdf' | 'png' | 'jpeg';
  /** 1-based page (PDF) where the code was found. */
  readonly page?: number;
  /** The decoded fields, when the code is an ADM payload. */
  readonly payload?: SignedPayload;
  readonly keyId?: string;
  readonly keyLabel?: string;
  /** Signed with the demonstration key: valid, but not an official document. */
  readonly demo?: boolean;
  /** Why the document is not valid. */
  readonly reason?: string;
  /** One sentence for a person: what the signature certifies (NIK masked). */
  readonly summary: string;
}

// jsqr is CommonJS whose module.exports is the function; its types describe an ES default export.
type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

interface Rgba {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

function grayToRgba(gray: Uint8Array, width: number, height: number): Rgba {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0, i = 0; p < gray.length; p += 1, i += 4) {
    const v = gray[p] ?? 255;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { data, width, height };
}

/** Box-filter downscale by an integer factor (phone photos are often far larger than needed). */
function downscale(img: Rgba, factor: number): Rgba {
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const data = new Uint8ClampedArray(width * height * 4);
  const n = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        const row = (y * factor + dy) * img.width;
        for (let dx = 0; dx < factor; dx += 1) {
          const i = (row + x * factor + dx) * 4;
          sum += ((img.data[i] ?? 255) * 299 + (img.data[i + 1] ?? 255) * 587 + (img.data[i + 2] ?? 255) * 114) / 1000;
        }
      }
      const o = (y * width + x) * 4;
      const v = sum / n;
      data[o] = v;
      data[o + 1] = v;
      data[o + 2] = v;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** Hard threshold at the mean gray level: helps with faint or unevenly lit prints. */
function binarize(img: Rgba): Rgba {
  let total = 0;
  const count = img.width * img.height;
  for (let i = 0; i < img.data.length; i += 4) total += img.data[i + 1] ?? 255;
  const threshold = total / count - 10;
  const data = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < img.data.length; i += 4) {
    const v = (img.data[i + 1] ?? 255) < threshold ? 0 : 255;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { data, width: img.width, height: img.height };
}

/** Every QR text jsQR finds, trying the image as is, smaller, and hard-thresholded. */
export function findQrText(img: Rgba): string | undefined {
  const attempts: (() => Rgba)[] = [() => img];
  const longest = Math.max(img.width, img.height);
  if (longest > 2400) attempts.unshift(() => downscale(img, Math.ceil(longest / 2000)));
  attempts.push(() => downscale(img, 2), () => binarize(img), () => binarize(downscale(img, 2)));
  for (const make of attempts) {
    const candidate = make();
    if (candidate.width < 21 || candidate.height < 21) continue;
    const found = jsQR(candidate.data, candidate.width, candidate.height, { inversionAttempts: 'dontInvert' });
    if (found !== null && found.data !== '') return found.data;
  }
  return undefined;
}

function kindOf(bytes: Uint8Array): VerificationResult['fileKind'] | undefined {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}

async function decodeImage(bytes: Uint8Array, kind: 'png' | 'jpeg'): Promise<Rgba> {
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes));
      return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
    }
    const image = await loadImage(Buffer.from(bytes));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height);
    return { data: data.data, width: image.width, height: image.height };
  } catch (cause) {
    throw new KioskError('ARGUMENT_INVALID', `The ${kind.toUpperCase()} image could not be decoded.`, { hint: 'Check that the file is a complete, undamaged image.', cause });
  }
}

function summarize(status: VerificationStatus, payload: SignedPayload | undefined, key: TrustedKey | undefined, reason: string | undefined): string {
  if (status === 'no-qr') return 'No ADM verification QR code was found in the file.';
  if (payload === undefined) return `Not valid: ${reason ?? 'unknown reason'}`;
  const what = `${DOCUMENT_CATALOGUE[payload.type].title} nomor ${payload.type === 'ktp' || payload.type === 'kia' ? maskNik(payload.nomor) : payload.nomor}, NIK ${maskNik(payload.nik)}, issued ${payload.issuedAt}`;
  if (status === 'valid') return `Valid signature by ${key?.label ?? payload.keyId}: ${what}.${key?.demo === true ? ' DEMO key: not an official document.' : ''}`;
  return `Not valid: ${reason ?? 'unknown reason'} (claims: ${what}).`;
}

export interface VerifyOptions {
  readonly trustedKeys?: readonly TrustedKey[];
  /** Rasterizing resolution for PDFs; 200 dpi gives 0.5 mm modules about 4 pixels. */
  readonly dpi?: number;
}

export async function verifyBytes(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerificationResult> {
  const fileKind = kindOf(bytes);
  if (fileKind === undefined) {
    throw new KioskError('ARGUMENT_INVALID', 'The file is neither a PDF nor a PNG or JPEG image.', { hint: 'Give a PDF rendered by adm-kiosk, or a photo or scan of a printed page as PNG or JPEG.' });
  }
  let text: string | undefined;
  let page: number | undefined;
  if (fileKind === 'pdf') {
    for await (const p of rasterizePdf(bytes, options.dpi ?? 200)) {
      text = findQrText(grayToRgba(p.gray, p.width, p.height));
      if (text !== undefined) {
        page = p.pageNumber;
        break;
      }
    }
  } else {
    text = findQrText(await decodeImage(bytes, fileKind));
  }
  if (text === undefined) return { status: 'no-qr', fileKind, summary: summarize('no-qr', undefined, undefined, undefined) };
  const verdict = verifyPayload(text, options.trustedKeys ?? defaultTrustedKeys());
  const base = page === undefined ? { fileKind } : { fileKind, page };
  if (verdict.valid) {
    return { ...base, status: 'valid', payload: verdict.payload, keyId: verdict.key.keyId, keyLabel: verdict.key.label, demo: verdict.key.demo, summary: summarize('valid', verdict.payload, verdict.key, undefined) };
  }
  return {
    ...base,
    status: 'invalid',
    ...(verdict.payload === undefined ? {} : { payload: verdict.payload, keyId: verdict.payload.keyId }),
    reason: verdict.reason,
    summary: summarize('invalid', verdict.payload, undefined, verdict.reason),
  };
}

export async function verifyDocumentFile(path: string, options: VerifyOptions = {}): Promise<VerificationResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (cause) {
    throw new KioskError('ARGUMENT_INVALID', 'The file to verify could not be read.', { hint: 'Check the path and that the file exists.', cause });
  }
  return verifyBytes(bytes, options);
}
