/**
 * The protocol's two checks. HCS: CRC-8 (polynomial 0x07, initial 0x00, no reflection, no
 * final XOR; "CRC-8/SMBUS") over TYPE, SEQ, LEN. CRC: CRC-32 (the one of Ethernet, zlib and
 * PNG: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF; "CRC-32/ISO-HDLC")
 * over TYPE through the last payload byte. Check values over ASCII "123456789": CRC-8 0xF4,
 * CRC-32 0xCBF43926.
 */

const CRC32_TABLE = new Uint32Array(256);
const CRC8_TABLE = new Uint8Array(256);
for (let n = 0; n < 256; n += 1) {
  let c32 = n;
  let c8 = n;
  for (let bit = 0; bit < 8; bit += 1) {
    c32 = c32 & 1 ? (c32 >>> 1) ^ 0xedb88320 : c32 >>> 1;
    c8 = c8 & 0x80 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
  }
  CRC32_TABLE[n] = c32 >>> 0;
  CRC8_TABLE[n] = c8;
}

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i += 1) crc = (crc >>> 8) ^ (CRC32_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number);
  return (crc ^ 0xffffffff) >>> 0;
}

export function crc8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i += 1) crc = CRC8_TABLE[crc ^ (bytes[i] as number)] as number;
  return crc;
}
