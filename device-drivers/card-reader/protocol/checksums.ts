/**
 * The protocol's two checks. HCS: CRC-8 (polynomial 0x07, initial 0x00, no reflection, no
 * final XOR; "CRC-8/SMBUS") over TYPE, SEQ, LEN. CRC: CRC-16 (polynomial 0x1021, initial
 * 0xFFFF, no reflection, no final XOR; "CRC-16/CCITT-FALSE") over TYPE through the last
 * payload byte. Check values (ASCII "123456789"): CRC-8 0xF4, CRC-16 0x29B1.
 */

const CRC16_TABLE = new Uint16Array(256);
const CRC8_TABLE = new Uint8Array(256);
for (let n = 0; n < 256; n += 1) {
  let c16 = n << 8;
  let c8 = n;
  for (let bit = 0; bit < 8; bit += 1) {
    c16 = c16 & 0x8000 ? ((c16 << 1) ^ 0x1021) & 0xffff : (c16 << 1) & 0xffff;
    c8 = c8 & 0x80 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
  }
  CRC16_TABLE[n] = c16;
  CRC8_TABLE[n] = c8;
}

export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i += 1) crc = ((crc << 8) & 0xffff) ^ (CRC16_TABLE[((crc >> 8) ^ (bytes[i] as number)) & 0xff] as number);
  return crc;
}

export function crc8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i += 1) crc = CRC8_TABLE[crc ^ (bytes[i] as number)] as number;
  return crc;
}
