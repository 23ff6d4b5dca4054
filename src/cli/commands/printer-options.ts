import { loadConfig, parseConfig, type KioskConfig } from '../../host/config.ts';

/** The configuration with a printer (and profile) given on the command line in place of the configured one. */
export function configWithPrinter(configFile: string | undefined, printer: string | undefined, profile: string | undefined): KioskConfig {
  const base = loadConfig(configFile);
  const merged = {
    ...base.printer,
    ...(printer === undefined ? {} : { uri: printer }),
    ...(profile === undefined ? {} : { profile }),
  };
  return parseConfig({ ...base, printer: merged }, configFile ?? 'command line');
}
