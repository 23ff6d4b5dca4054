import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listProfileIds, listProfiles, loadProfile, parseProfile } from './profiles.ts';

const scratch = mkdtempSync(join(tmpdir(), 'adm-profiles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shipped profiles', () => {
  it('lists the shipped models, all valid', () => {
    expect(listProfileIds()).toEqual(['custom-kpm216h', 'generic-80mm-203', 'generic-a4-203', 'generic-a4-203-gs-l']);
    const profiles = listProfiles();
    expect(profiles.map((p) => p.widthDots)).toEqual([1728, 576, 1728, 1728]);
    for (const profile of profiles) {
      expect(profile.cropBands).toBe(true);
      // Widest band must fit what its raster command can carry in one go.
      if (profile.raster.command === 'gs-8-l') expect((profile.widthDots / 8) * profile.raster.maxBandHeight + 10).toBeLessThanOrEqual(65535);
    }
  });

  it('loads the KPM216H with its dialect', () => {
    const kpm = loadProfile('custom-kpm216h');
    expect(kpm.dpi).toBe(204);
    expect(kpm.verticalUnitsPerDot).toBe(2);
    expect(kpm.raster.command).toBe('gs-v-0');
    expect(kpm.bufferClear).toBe('none');
  });

  it('the A4 default sends ESC * pieces placed with ESC $ and clears the buffer after a fault; GS ( L stays available', () => {
    const a4 = loadProfile('generic-a4-203');
    expect(a4.raster).toEqual({ command: 'esc-star', maxBandHeight: 240, segments: true });
    expect(a4.escStarDots).toBe(24);
    expect(a4.bufferClear).toBe('dle-dc4-8');
    const gsL = loadProfile('generic-a4-203-gs-l');
    expect(gsL.raster).toEqual({ command: 'gs-8-l', maxBandHeight: 240, segments: false });
    expect(gsL.bufferClear).toBe('none');
  });

  it('names the known ids when the id is unknown', () => {
    expect(() => loadProfile('epson-tm-t99')).toThrow(
      expect.objectContaining({ code: 'PRINTER_PROFILE_UNKNOWN', message: expect.stringContaining('custom-kpm216h, generic-80mm-203, generic-a4-203, generic-a4-203-gs-l') as string }) as Error,
    );
  });
});

describe('validation', () => {
  const good = loadProfile('generic-80mm-203');

  it('names the bad key', () => {
    expect(() => parseProfile({ ...good, raster: { command: 'gs-v-1', maxBandHeight: 240 } }, 'test.json')).toThrow(/raster\.command/);
    expect(() => parseProfile({ ...good, serial: { baudRate: 115201, flowControl: 'rtscts' } }, 'test.json')).toThrow(/serial\.baudRate/);
    expect(() => parseProfile({ ...good, widthDots: 577 }, 'test.json')).toThrow(/widthDots: must be a multiple of 8/);
    expect(() => parseProfile({ ...good, colour: true }, 'test.json')).toThrow(/colour/);
    expect(() => parseProfile({ ...good, raster: { command: 'gs-v-0', maxBandHeight: 240, segments: true } }, 'test.json')).toThrow(/raster\.segments: segments need raster\.command esc-star/);
    expect(() => parseProfile({ ...good, bufferClear: 'dle-enq-2' }, 'test.json')).toThrow(/bufferClear/);
    const { dpi: _dpi, ...noDpi } = good;
    expect(() => parseProfile(noDpi, 'test.json')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('dpi') as string }) as Error);
  });

  it('fills defaults for the optional keys', () => {
    const { statusPollIntervalMs: _a, responseTimeoutMs: _b, verticalUnitsPerDot: _c, escStarDots: _d, cutFeedDots: _e, statusCommand: _f, ...minimal } = good;
    const parsed = parseProfile(minimal, 'minimal.json');
    expect(parsed.responseTimeoutMs).toBe(1000);
    expect(parsed.verticalUnitsPerDot).toBe(1);
    expect(parsed.statusCommand).toBe('dle-eot');
    expect(parsed.bufferClear).toBe('none');
    expect(parsed.raster.segments).toBe(false);
  });

  it('reads profiles from another folder and checks the id against the file name', () => {
    writeFileSync(join(scratch, 'my-printer.json'), JSON.stringify({ ...good, id: 'my-printer' }));
    expect(loadProfile('my-printer', scratch).id).toBe('my-printer');
    writeFileSync(join(scratch, 'other.json'), JSON.stringify(good));
    expect(() => loadProfile('other', scratch)).toThrow(/id: must equal the file name "other"/);
    writeFileSync(join(scratch, 'broken.json'), '{ "id": ');
    expect(() => loadProfile('broken', scratch)).toThrow(/not valid JSON/);
  });
});
