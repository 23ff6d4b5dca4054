import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../records/demo/demo-data.ts';
import { entitlementOf } from './entitlements.ts';
import type { Family, Person, PrintableDocument } from './record.ts';

/** The entitlement rules, on the whole demo population and on families built to break them. */
const data = generateDemoData();
const families = new Map(data.families.flatMap((f) => f.members.map((m) => [m.nik, f] as const)));
const familyOf = (nik: string): Family => {
  const family = families.get(nik);
  if (family === undefined) throw new Error('no family');
  return family;
};
const doc = (type: PrintableDocument['type'], subjectNik: string, nomor: string) => ({ type, subjectNik, nomor });
const member = (family: Family, test: (p: Person) => boolean): Person => {
  const found = family.members.find(test);
  if (found === undefined) throw new Error('no such member');
  return found;
};

describe('entitlementOf', () => {
  it('every demo document is printable by its holder, on the family of its subject', () => {
    for (const d of data.documents) expect(entitlementOf(d.holderNik, d.document, familyOf(d.document.subjectNik)), d.document.id).toEqual({ ok: true });
  });

  it('no demo document is printable by a resident of another family (a guessed id)', () => {
    const holders = data.cards.map((c) => c.nik);
    for (const d of data.documents.slice(0, 60)) {
      const family = familyOf(d.document.subjectNik);
      const stranger = holders.find((nik) => !family.members.some((m) => m.nik === nik));
      if (stranger === undefined) throw new Error('no stranger');
      expect(entitlementOf(stranger, d.document, family).ok, d.document.id).toBe(false);
    }
  });

  it("refuses another member's KTP-el, a KIA for a sibling, a KK with another family's number, a living person's akta kematian", () => {
    const family = data.families.find((f) => f.members.filter((m) => m.statusHubungan === 'ANAK').length >= 2 && f.members.some((m) => m.kematian === null && m.statusHubungan === 'ISTRI'));
    if (family === undefined) throw new Error('no family with two children and a wife');
    const head = member(family, (m) => m.nik === family.kepalaKeluargaNik);
    const [child, sibling] = family.members.filter((m) => m.statusHubungan === 'ANAK') as [Person, Person];
    const wife = member(family, (m) => m.statusHubungan === 'ISTRI');
    expect(entitlementOf(wife.nik, doc('ktp', head.nik, head.nik), family)).toMatchObject({ ok: false, reason: 'a KTP-el prints only for its own holder' });
    expect(entitlementOf(head.nik, doc('ktp', head.nik, head.nik), family)).toEqual({ ok: true });
    expect(entitlementOf(sibling.nik, doc('kia', child.nik, child.nik), family).ok).toBe(false);
    expect(entitlementOf(wife.nik, doc('kia', child.nik, child.nik), family)).toEqual({ ok: true });
    expect(entitlementOf(head.nik, doc('kk', head.nik, '3273011111110001'), family).ok).toBe(false);
    expect(entitlementOf(child.nik, doc('kk', head.nik, family.noKk), family)).toEqual({ ok: true });
    expect(entitlementOf(head.nik, doc('akta-kematian', wife.nik, '3273-KM-01012024-0001'), family)).toMatchObject({ ok: false, reason: 'an akta kematian needs a deceased subject' });
    expect(entitlementOf(child.nik, doc('akta-kelahiran', child.nik, 'X'), family)).toEqual({ ok: true });
    expect(entitlementOf(child.nik, doc('akta-kelahiran', sibling.nik, 'X'), family).ok).toBe(false);
  });

  it('refuses a holder who is not in the family record handed back, and a subject who is not in it', () => {
    const [a, b] = data.families as [Family, Family];
    const outsider = b.members[0] as Person;
    expect(entitlementOf(outsider.nik, doc('kk', a.kepalaKeluargaNik, a.noKk), a)).toMatchObject({ ok: false, reason: 'the cardholder is not a member of the family the document belongs to' });
    expect(entitlementOf(a.kepalaKeluargaNik, doc('ktp', outsider.nik, outsider.nik), a)).toMatchObject({ ok: false, reason: 'the person the document is about is not a member of the family' });
  });

  it('refuses a deceased holder and allows the akta kematian of a deceased member to a living one', () => {
    const family = data.families.find((f) => f.members.some((m) => m.kematian !== null));
    if (family === undefined) throw new Error('no family with a deceased member');
    const dead = member(family, (m) => m.kematian !== null);
    const living = member(family, (m) => m.kematian === null);
    expect(entitlementOf(living.nik, doc('akta-kematian', dead.nik, dead.kematian?.nomorAkta ?? ''), family)).toEqual({ ok: true });
    expect(entitlementOf(dead.nik, doc('kk', family.kepalaKeluargaNik, family.noKk), family)).toMatchObject({ ok: false, reason: 'the cardholder is recorded as deceased' });
  });
});
