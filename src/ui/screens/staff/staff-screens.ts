import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { KioskInfo, StaffRoleName } from '../../../api/contract.ts';

/** What a staff screen gets: its role's token, and a way to end (sign out) or report that the session ended. */
export interface StaffScreenProps {
  readonly token: string;
  readonly info: KioskInfo;
  /** Any call failed with STAFF_SESSION_EXPIRED, or the person signed out. */
  readonly onEnd: () => void;
}

/**
 * The staff screens by role. Loaded only when opened (the ops screen carries the chart
 * library, which the resident's screens never need). A role without a screen is not offered.
 * The technician's diagnostics (issue 13) are the technician's screen.
 */
export const STAFF_SCREENS: Partial<Record<StaffRoleName, LazyExoticComponent<ComponentType<StaffScreenProps>>>> = {
  ops: lazy(async () => ({ default: (await import('../ops/OpsScreen.tsx')).OpsScreen })),
  technician: lazy(async () => ({ default: (await import('../diagnostics/Diagnostics.tsx')).Diagnostics })),
};
