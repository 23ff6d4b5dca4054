import { z } from 'zod';

/**
 * The `cardReader` configuration for the HID driver, ready to join the kiosk's config
 * schema (`z.discriminatedUnion('kind', [..., hidCardReaderConfigSchema])`). Ids are numbers
 * (4609) or hex strings ("0x1209", "1209"); `serialNumber` or `path` pick one reader when
 * several with the same ids are attached.
 */
export const DEFAULT_VENDOR_ID = 0x1209;
export const DEFAULT_PRODUCT_ID = 0x0001;

const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'a USB id: a number, or 1-4 hex digits with or without 0x')
    .transform((text) => Number.parseInt(text.replace(/^0x/i, ''), 16)),
]);

export const hidCardReaderConfigSchema = z
  .object({
    kind: z.literal('hid'),
    vendorId: usbId.default(DEFAULT_VENDOR_ID),
    productId: usbId.default(DEFAULT_PRODUCT_ID),
    /** The reader's USB serial number (shown by `adm-kiosk diag` / lsusb -v). */
    serialNumber: z.string().min(1).max(64).optional(),
    /** The hidraw path (e.g. /dev/hidraw3); prefer serialNumber, paths change between boots. */
    path: z.string().min(1).optional(),
  })
  .strict();

export type HidCardReaderConfig = z.infer<typeof hidCardReaderConfigSchema>;
