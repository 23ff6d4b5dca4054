import { describe, expect, it } from 'vitest';
import { testReconcileEveryMs } from './test-pause.ts';

describe('ADM_KIOSK_TEST_RECONCILE_MS (the fault matrix reconciles every second)', () => {
  it('is ignored without ADM_KIOSK_TEST_HOOKS=1, so a stray variable never changes a kiosk', () => {
    expect(testReconcileEveryMs({ ADM_KIOSK_TEST_RECONCILE_MS: '1000' }, 'demo')).toBeUndefined();
  });
  it('with the hooks flag, sets the interval; out of range is refused with CONFIG_INVALID', () => {
    expect(testReconcileEveryMs({ ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_RECONCILE_MS: '1000' }, 'demo')).toBe(1000);
    expect(() => testReconcileEveryMs({ ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_RECONCILE_MS: '5' }, 'demo')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
  it('is refused in production mode', () => {
    expect(() => testReconcileEveryMs({ ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_RECONCILE_MS: '1000' }, 'production')).toThrow(/refused in production/);
  });
});
