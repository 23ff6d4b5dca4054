/** The staff roles that can sign in on the kiosk screen. */
export const STAFF_ROLES = ['ops', 'technician'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Demo mode's documented PINs (README, the demo card picker's panel). Production refuses them. */
export const DEMO_STAFF_PINS: Readonly<Record<StaffRole, string>> = { ops: '246810', technician: '135790' };

/** The demo PINs' hashes (scrypt, fixed salts), the demo configuration's embedded defaults. */
export const DEMO_STAFF_PIN_HASHES: Readonly<Record<StaffRole, string>> = {
  ops: 'scrypt$32768$8$1$YWRtLWtpb3NrLWRlbW8tb3BzLXBpbi1zYWx0$V4ucfPPlAzm54SB/LdKXkgUi9uxvauA0QhF/V569tvk=',
  technician: 'scrypt$32768$8$1$YWRtLWtpb3NrLWRlbW8tdGVjaC1waW4tc2FsdA==$W3kqkv1WI2p2ThQUVnnrsLGvMn0jycoOVfFwDIwqXQs=',
};
