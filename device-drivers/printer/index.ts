/** The printer part's public surface; see README.md for the contract. */
export type { Printer, PrinterProfile, PrinterStatus, RasterCommand } from './contract.ts';
export { createMonoBitmap, getDot, setDot, type MonoBitmap } from './bitmap.ts';
export * as escpos from './escpos-encoder.ts';
export { encoderFor, rasterBand, rasterStrip, type ProfileEncoder, type RasterOptions, type StripOptions, type StripPiece } from './escpos-encoder.ts';
export { combineStatus, describeStatus, parseStatusByte, statusError } from './status-parser.ts';
export { DEFAULT_PROFILE_ID, listProfileIds, listProfiles, loadProfile, loadProfileFile, parseProfile, type LoadedPrinterProfile } from './profiles.ts';
export { EscPosEmulator, parseFaultSpec, type EmulatedPage, type EmulatorFault, type EmulatorFaultKind } from './escpos-emulator.ts';
export { EmulatorPrinter } from './emulator-printer.ts';
export { FilePrinter } from './file-printer.ts';
export { SerialPrinter, type SerialPortFactory, type SerialPortLike } from './serial-printer.ts';
export { openPrinter, parsePrinterUri, PRINTER_URI_FORMS, type PrinterAddress } from './printer-uri.ts';
