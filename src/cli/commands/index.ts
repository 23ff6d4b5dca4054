import type { Command } from '../command.ts';
import { demoCitizensCommand, demoResetCommand } from './demo.ts';
import { emulatorCommand } from './emulator.ts';
import { logExportCommand, logStatsCommand } from './log.ts';
import { printCommand } from './print.ts';
import { renderCommand } from './render.ts';
import { startCommand } from './start.ts';
import { verifyCommand } from './verify.ts';

/** Every adm-kiosk command, in the order `adm-kiosk --help` lists them. */
export const commands: readonly Command[] = [
  startCommand,
  demoCitizensCommand,
  demoResetCommand,
  renderCommand,
  verifyCommand,
  printCommand,
  emulatorCommand,
  logExportCommand,
  logStatsCommand,
];
