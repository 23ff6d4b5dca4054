import { describe, expect, it } from 'vitest';
import { takeLaunchToken, TOKEN_STORAGE_KEY } from './api-client.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('takeLaunchToken', () => {
  it('takes the token from the fragment, keeps it for reloads and clears the address bar', () => {
    const storage = memoryStorage();
    let cleared = 0;
    expect(takeLaunchToken({ hash: '#token=abc_DEF-123', storage, clearHash: () => (cleared += 1) })).toBe('abc_DEF-123');
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(cleared).toBe(1);
  });

  it('after a reload (no fragment) uses the stored token', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'stored' });
    expect(takeLaunchToken({ hash: '', storage, clearHash: () => undefined })).toBe('stored');
  });

  it('a new fragment token replaces a stored one', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeLaunchToken({ hash: '#token=new', storage, clearHash: () => undefined })).toBe('new');
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('is null without any token', () => {
    expect(takeLaunchToken({ hash: '#other=1', storage: memoryStorage(), clearHash: () => undefined })).toBeNull();
  });
});
