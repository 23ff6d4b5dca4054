/** The printer part's public surface; see README.md for the contract. */
export type { BufferClearOutcome, Printer, PrinterLink, PrinterLinkEvent, PrinterLinkKind, PrinterProfile, PrinterProfileInput, PrinterStatus, PrinterStatusReport, RasterCommand, StatusCommand, StatusSource } from './contract.ts';
export { createMonoBitmap, getDot, setDot, type MonoBitmap } from './bitmap.ts';
export * as escpos from './escpos-encoder.ts';
export { encoderFor, type ProfileEncoder, type StripPiece } from './escpos-encoder.ts';
export { candidateDialects, dialectFor, type BandCosts, type RasterDialect, type StripCosts } from './dialects/index.ts';
export { combineStatus, describeStatus, describeStatusWithCause, parsePaperSensorStatus, parseStatusByte, statusError } from './status-parser.ts';
export { DEFAULT_PROFILE_ID, listProfileIds, listProfiles, loadProfile, loadProfileFile, parseProfile, type LoadedPrinterProfile } from './profiles.ts';
export { printerProfileSchema, RASTER_COMMANDS, STATUS_COMMANDS } from './profile-schema.ts';
export { EscPosEmulator, parseFaultSpec, type EmulatedPage, type EmulatorFault, type EmulatorFaultKind } from './escpos-emulator.ts';
export { EscPosPrinter, type BufferClearSupport, type EscPosPrinterOptions } from './escpos-printer.ts';
export { emulatorPrinter, filePrinter, serialPrinter, usbPrinter, type SerialPrinterOptions } from './printers.ts';
export { EmulatorLink, type EmulatorLinkOptions } from './links/emulator-link.ts';
export { FileLink } from './links/file-link.ts';
export { SerialLink, type SerialLinkOptions, type SerialPortFactory, type SerialPortLike } from './links/serial-link.ts';
export { UsbLpLink, type UsbLpLinkOptions } from './links/usblp-link.ts';
export { openPrinter, parsePrinterUri, PRINTER_URI_FORMS, type PrinterAddress } from './printer-uri.ts';
