import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY_TYPES_FILE, registryTypesSource } from '../../scripts/generate-registry-types.ts';
import { generateDemoData } from './demo/demo-data.ts';
import { registryApi, responseValidator } from './registry-api.ts';

/** The OpenAPI document is the one source of the registry API: it loads, routes, validates, and the generated types match it. */
const api = registryApi();
const data = generateDemoData();

describe('registry-api.yaml', () => {
  it('is OpenAPI 3.1 with the six operations of the contract, each with a 200 and a default (error) response', () => {
    expect(api.document['openapi']).toBe('3.1.0');
    expect([...api.operations.keys()].sort()).toEqual(['confirmPrintAuthorization', 'getRedeemRequest', 'getResident', 'getStatus', 'redeemPrintAuthorization', 'releasePrintAuthorization']);
    for (const op of api.operations.values()) expect(Object.keys(op.responses).sort(), op.operationId).toEqual(['200', 'default']);
  });

  it('routes by method and path template, and refuses what it does not declare', () => {
    expect(api.route('GET', '/residents/3273010101900001')).toMatchObject({ operation: { operationId: 'getResident' }, params: { nik: '3273010101900001' } });
    expect(api.route('POST', '/print-authorizations/DOC-0001/redeem')).toMatchObject({ operation: { operationId: 'redeemPrintAuthorization' }, params: { documentId: 'DOC-0001' } });
    expect(api.route('POST', '/print-authorizations/AUTH-1/confirm')?.operation.operationId).toBe('confirmPrintAuthorization');
    expect(api.route('DELETE', '/residents/3273010101900001')).toBeNull();
    expect(api.route('GET', '/residents/3273010101900001/extra')).toBeNull();
  });

  it('its schemas accept every demo family and document, and refuse a surprising field or a missing one', () => {
    const family = api.schema('Family');
    for (const f of data.families) expect(family(f), family.problems().join('; ')).toBe(true);
    const document = api.schema('PrintableDocument');
    for (const d of data.documents) expect(document(d.document)).toBe(true);
    const [first] = data.families;
    expect(family({ ...first, secret: 1 })).toBe(false);
    expect(family.problems()).toContain('(body) additionalProperties secret');
    const { noKk: _dropped, ...missing } = first ?? {};
    expect(family(missing)).toBe(false);
    expect(family.problems()).toContain('(body) required');
  });

  it('validates error bodies with their structured details for every status the operations do not list', () => {
    const redeem = api.operation('redeemPrintAuthorization');
    const error = responseValidator(redeem, 423);
    expect(error?.({ error: { code: 'PIN_LOCKED', message: 'Locked.', details: { lockedUntil: '2026-11-20T07:15:00.000Z' } } })).toBe(true);
    expect(error?.({ error: { code: 'PIN_LOCKED', message: 'Locked.', details: { lockedUntil: 'soon' } } })).toBe(false);
    expect(redeem.body?.({ requestId: '0123456789', nik: '3273010101900001', pin: '123456' })).toBe(true);
    expect(redeem.body?.({ requestId: '0123456789', nik: '3273010101900001', pin: '123456', documentId: 'x' })).toBe(false);
  });

  it('the committed TypeScript types are the ones generated from it (npm run gen:registry-types)', async () => {
    expect(readFileSync(REGISTRY_TYPES_FILE, 'utf8')).toBe(await registryTypesSource());
  });
});
