import { z } from 'zod';

/**
 * Messages between Electron's main process (the supervisor) and the kiosk core (a utility
 * process in the packaged app, a Node child from a checkout). Plain data, parsed on arrival
 * with these schemas: whatever the other side sends that does not fit is dropped and logged.
 *
 * The launch URL (with the per-launch token) travels only here, over the process's private
 * channel: never in a command line, an environment variable or a file.
 */
export const mainToCoreSchema = z.discriminatedUnion('type', [
  /** Close the kiosk (the open print job honestly, per the transaction table) and exit 0. */
  z.object({ type: z.literal('stop'), reason: z.string().max(200) }).strict(),
  /** The window was reloaded after a renderer failure: back to the attract screen (a print under way goes on). */
  z.object({ type: z.literal('end-session'), reason: z.string().max(200) }).strict(),
  /** A fresh URL for the next page load. */
  z.object({ type: z.literal('launch-url') }).strict(),
  /** A supervisor event for the application log (no personal data: the supervisor knows none). */
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn']), message: z.string().max(2000) }).strict(),
]);
export type MainToCore = z.infer<typeof mainToCoreSchema>;

const errorDataSchema = z.object({ code: z.string().max(64), message: z.string().max(2000), hint: z.string().max(2000).optional() }).strict();

export const coreToMainSchema = z.discriminatedUnion('type', [
  /** The kiosk serves its UI; `url` is the page to open (loopback, token in the fragment). */
  z.object({ type: z.literal('ready'), url: z.string().url().max(2000) }).strict(),
  z.object({ type: z.literal('launch-url'), url: z.string().url().max(2000) }).strict(),
  /** Sent every few seconds while the core's event loop runs: silence means a hung core. */
  z.object({ type: z.literal('heartbeat') }).strict(),
  /** The kiosk could not start (bad configuration: exit code 2; anything else: 1). */
  z.object({ type: z.literal('failed'), error: errorDataSchema, exitCode: z.number().int().min(1).max(255) }).strict(),
]);
export type CoreToMain = z.infer<typeof coreToMainSchema>;

/** Exit code of a core (and of the whole app) whose configuration cannot run: restarting will not help. */
export const EXIT_CONFIG = 2;

/** How often the core says it is alive. */
export const CORE_HEARTBEAT_MS = 2000;
