import type { CardFault } from '../../device-drivers/card-reader/card-fault.ts';
import type { CardReader } from '../../device-drivers/card-reader/contract.ts';
import type { Clock } from '../core/clock.ts';
import type { DocumentType } from '../core/documents.ts';
import type { SessionTimeouts } from '../core/session.ts';
import type { Registry } from '../records/contract.ts';
import type { Availability, DemoCard, KioskInfo } from './contract.ts';
import type { ErrorReporter, PauseHook, Previewer, PrintLogPort, PrintRunner, Renderer } from './ports.ts';

/** What the kiosk service (service.ts) is built from. The demo card picker's hooks (demo mode only): */
export interface DemoHooks {
  listCards(): DemoCard[];
  /** Puts the demo card on the simulated reader; with `fault`, it fails to be read that way. */
  tapCard(nik: string, fault?: CardFault): void;
}

/** The health monitor as the service sees it (src/host/health.ts). */
export interface AvailabilitySource {
  current(): Availability;
  onChange(listener: (availability: Availability) => void): () => void;
}

/** Staff sign-in as the service sees it (src/host/staff/staff-access.ts). */
export interface StaffPort {
  signIn(role: 'ops' | 'technician', pin: string): Promise<{ token: string; expiresAt: string }>;
  signOut(token: string): boolean;
  /** True while a staff screen is open: a resident's card starts nothing then. */
  isActive(): boolean;
}

export interface KioskServiceDeps {
  readonly info: KioskInfo;
  readonly registry: Registry;
  readonly cardReader: CardReader;
  readonly printLog: PrintLogPort;
  readonly render: Renderer;
  readonly preview: Previewer;
  readonly print: PrintRunner;
  readonly printerDescription: string;
  readonly clock: Clock;
  readonly timeouts?: SessionTimeouts;
  /** Absent: always in service. */
  readonly health?: AvailabilitySource;
  /** Whether the printer prints this document type legibly; others are not offered. Absent: all. */
  readonly printable?: (type: DocumentType) => boolean;
  /** Present only in demo mode. */
  readonly demo?: DemoHooks;
  /** Technical errors (never personal data) for the application log. */
  readonly report?: ErrorReporter;
  /**
   * Sheets of paper left as far as the kiosk can tell (null: unknown), asked once when a
   * document is previewed; a document with more pages gets `paperShort` on the preview.
   */
  readonly paperLeft?: () => number | null;
  /** Staff sign-in; absent: no role can sign in. */
  readonly staff?: StaffPort;
  /** Test hook (kill tests): pauses the transaction at named points. */
  readonly pause?: PauseHook;
}
