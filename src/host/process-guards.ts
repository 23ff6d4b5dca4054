import type { AppLog } from './app-log.ts';

/**
 * The last net under a running kiosk: an unhandled rejection or an uncaught exception is
 * written to the application log (class and stack, never its message) and the kiosk goes on
 * serving. Every promise the kiosk starts has its own handler; this catches what a bug lets
 * through, instead of a dead kiosk in a public place. Returns the function that removes it.
 */
export function installProcessGuards(appLog: AppLog): () => void {
  const onRejection = (reason: unknown) => appLog.error('unhandled promise rejection', reason);
  const onException = (error: Error) => appLog.error('uncaught exception', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
