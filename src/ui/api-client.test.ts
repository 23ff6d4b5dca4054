import { describe, expect, it } from 'vitest';
import { exchangeAndKeep, takeLaunchCredentials, TOKEN_STORAGE_KEY, TOKENS_STORAGE_KEY } from './api-client.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('takeLaunchCredentials', () => {
  it('takes the one-time nonce from the fragment and clears the address bar', () => {
    let cleared = 0;
    expect(takeLaunchCredentials({ hash: '#bootstrap=abc_DEF-123', storage: memoryStorage(), clearHash: () => (cleared += 1) })).toEqual({ kind: 'nonce', nonce: 'abc_DEF-123' });
    expect(cleared).toBe(1);
  });

  it('after a reload (no fragment) uses the tokens kept in sessionStorage', () => {
    const storage = memoryStorage({ [TOKENS_STORAGE_KEY]: JSON.stringify({ '/api': 'stored' }) });
    expect(takeLaunchCredentials({ hash: '', storage, clearHash: () => undefined })).toEqual({ kind: 'tokens', tokens: { '/api': 'stored' } });
  });

  it('a token in the fragment (the old start link) is not taken: the token never rides in a URL', () => {
    expect(takeLaunchCredentials({ hash: '#token=abc', storage: memoryStorage(), clearHash: () => undefined })).toEqual({ kind: 'none' });
  });

  it('nothing, or a damaged entry, is none', () => {
    expect(takeLaunchCredentials({ hash: '#other=1', storage: memoryStorage(), clearHash: () => undefined })).toEqual({ kind: 'none' });
    expect(takeLaunchCredentials({ hash: '', storage: memoryStorage({ [TOKENS_STORAGE_KEY]: '{' }), clearHash: () => undefined })).toEqual({ kind: 'none' });
  });
});

describe('exchangeAndKeep', () => {
  it('keeps the tokens the kiosk grants for reloads', async () => {
    const storage = memoryStorage();
    const granted = { ok: true, value: { tokens: { '/api': 'T' } } };
    const tokens = await exchangeAndKeep('http://127.0.0.1:1', 'n', storage, () => Promise.resolve(new Response(JSON.stringify(granted))));
    expect(tokens).toEqual({ '/api': 'T' });
    expect(storage.items.get(TOKENS_STORAGE_KEY)).toBe(JSON.stringify({ '/api': 'T' }));
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('T');
  });

  it('a refused nonce is the kiosk\'s error, with nothing stored', async () => {
    const storage = memoryStorage();
    const refused = { ok: false, error: { code: 'API_UNAUTHORIZED', message: 'This start link was already used.' } };
    await expect(exchangeAndKeep('http://127.0.0.1:1', 'n', storage, () => Promise.resolve(new Response(JSON.stringify(refused), { status: 403 })))).rejects.toMatchObject({ code: 'API_UNAUTHORIZED' });
    expect(storage.items.size).toBe(0);
  });
});
