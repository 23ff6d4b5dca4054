/**
 * The masked form of a NIK for logs and screens that must not show it whole:
 * region code kept (it says where, not who), the rest hidden but for the last two digits.
 * `3201014101900001` -> `320101********01`.
 */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return '****************';
  return `${nik.slice(0, 6)}********${nik.slice(14)}`;
}

/** Initials only, for places where a name must be hinted at without being shown. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0] ?? ''}.`)
    .join(' ');
}
