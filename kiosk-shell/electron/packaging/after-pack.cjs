// electron-builder's afterPack hook (electron-builder.yml): flips Electron's fuses in the
// packaged binary to fuses.json beside this file, then reads them back and fails the build
// if any did not take. electron-builder 25 (pinned: decision 0002) has no `electronFuses`
// key; fuses.json uses that key's names, so at electron-builder 26 it moves there verbatim.
// Why each fuse is set as it is: docs/electron-security.md, "Fuses".
'use strict';

const { join } = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses');
const KIOSK_FUSES = require('./fuses.json');

/** A fuse's state on Electron's fuse wire: the characters '1' (on) and '0' (off). */
const ON = 0x31;
const OFF = 0x30;

/** fuses.json's names (electron-builder 26's electronFuses keys) to the fuse wire's positions. */
const WIRE = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** Flips `fuses` in the Electron binary at `binary`; rejects on an unknown name or a fuse that did not take. */
async function flipKioskFuses(binary, fuses = KIOSK_FUSES, resetAdHocDarwinSignature = false) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, enabled] of Object.entries(fuses)) {
    if (!(name in WIRE)) throw new Error(`fuses.json: unknown fuse "${name}" (known: ${Object.keys(WIRE).join(', ')})`);
    if (typeof enabled !== 'boolean') throw new Error(`fuses.json: "${name}" must be true or false`);
    config[WIRE[name]] = enabled;
  }
  await flipFuses(binary, config);
  const wire = await getCurrentFuseWire(binary);
  for (const [name, enabled] of Object.entries(fuses)) {
    const state = wire[WIRE[name]];
    if (state !== (enabled ? ON : OFF)) throw new Error(`fuse ${name} did not take in ${binary} (state ${state})`);
  }
  return wire;
}

/** The Electron binary electron-builder just packed. */
function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.executableName;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, name);
}

module.exports = async function afterPack(context) {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipKioskFuses(packedBinary(context), KIOSK_FUSES, darwin);
};
module.exports.flipKioskFuses = flipKioskFuses;
module.exports.packedBinary = packedBinary;
module.exports.KIOSK_FUSES = KIOSK_FUSES;
