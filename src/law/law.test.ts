import { describe, expect, it } from 'vitest';
import {
  adequacy,
  isAdequate,
  isValidLegalBasis,
  jurisdictions,
  legalBasis,
  loadLegalBases,
  loadTransferMechanisms,
  parseLegalBases,
  parseTransferMechanisms,
  requiresTransferMechanism,
  specialCategoryRule,
  transferMechanisms,
} from './law.js';

const CITES = /Art\.|§|s\. \d|reg\. \d|Decision|Regulations|Sch\.|Res\./;

describe('legal bases', () => {
  it('covers the jurisdictions the data map needs', () => {
    expect(jurisdictions().map((j) => j.id)).toEqual(expect.arrayContaining(['GDPR', 'UK_GDPR', 'PIPL', 'CCPA', 'LGPD', 'PDPA_SG']));
  });

  it('cites something on every basis, condition and special-category rule', () => {
    for (const [id, j] of Object.entries(loadLegalBases().jurisdictions)) {
      expect(j.citation_root.length).toBeGreaterThan(5);
      expect({ id, citation: j.special_category_rule.citation }).toEqual({ id, citation: expect.stringMatching(CITES) });
      for (const b of [...j.bases, ...(j.special_conditions ?? [])]) expect({ id, basis: b.id, citation: b.citation }).toEqual({ id, basis: b.id, citation: expect.stringMatching(CITES) });
    }
  });

  it('pins GDPR Art. 6(1) and Art. 9(2)', () => {
    expect(legalBasis('GDPR', 'consent')?.citation).toBe('GDPR Art. 6(1)(a)');
    expect(legalBasis('GDPR', 'contract')?.citation).toBe('GDPR Art. 6(1)(b)');
    expect(legalBasis('GDPR', 'legal_obligation')?.citation).toBe('GDPR Art. 6(1)(c)');
    expect(legalBasis('GDPR', 'vital_interests')?.citation).toBe('GDPR Art. 6(1)(d)');
    expect(legalBasis('GDPR', 'public_task')?.citation).toBe('GDPR Art. 6(1)(e)');
    expect(legalBasis('GDPR', 'legitimate_interests')?.citation).toBe('GDPR Art. 6(1)(f)');
    const conditions = loadLegalBases().jurisdictions.GDPR!.special_conditions!;
    expect(conditions.map((c) => c.citation)).toEqual('abcdefghij'.split('').map((l) => `GDPR Art. 9(2)(${l})`));
    expect(legalBasis('GDPR', 'explicit_consent')?.citation).toBe('GDPR Art. 9(2)(a)');
  });

  it('pins the UK recognised legitimate interest, PIPL Art. 13, LGPD Arts. 7 and 11 and PDPA s. 13', () => {
    expect(legalBasis('UK_GDPR', 'recognised_legitimate_interests')?.citation).toMatch(/^UK GDPR Art\. 6\(1\)\(ea\)/);
    expect(loadLegalBases().jurisdictions.PIPL!.bases.map((b) => b.citation)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `PIPL Art. 13 ¶1(${n})`));
    expect(legalBasis('PIPL', 'separate_consent')?.citation).toMatch(/^PIPL Art\. 29/);
    expect(loadLegalBases().jurisdictions.LGPD!.bases).toHaveLength(10);
    expect(legalBasis('LGPD', 'credit_protection')?.citation).toBe('LGPD Art. 7(X)');
    expect(specialCategoryRule('LGPD').citation).toMatch(/Art\. 11$/);
    expect(legalBasis('LGPD', 'fraud_prevention_security')?.citation).toBe('LGPD Art. 11(II)(g)');
    expect(legalBasis('PDPA_SG', 'consent')?.citation).toMatch(/^PDPA s\. 13\(a\)/);
  });

  it('models CCPA business purposes, not lawful bases, and says so', () => {
    const ccpa = loadLegalBases().jurisdictions.CCPA!;
    expect(ccpa.note).toMatch(/no lawful-basis regime/);
    expect(ccpa.bases.every((b) => b.citation.startsWith('Cal. Civ. Code §1798.140(e)'))).toBe(true);
    expect(isValidLegalBasis('CCPA', 'performing_services')).toBe(true);
    expect(isValidLegalBasis('CCPA', 'consent')).toBe(false);
  });

  it('checks special-category processing against the special conditions', () => {
    expect(isValidLegalBasis('GDPR', 'consent')).toBe(true);
    expect(isValidLegalBasis('GDPR', 'consent', { special: true })).toBe(false);
    expect(isValidLegalBasis('GDPR', 'explicit_consent', { special: true })).toBe(true);
    expect(isValidLegalBasis('GDPR', 'explicit_consent')).toBe(false);
    expect(isValidLegalBasis('LGPD', 'legitimate_interests', { special: true })).toBe(false);
    expect(isValidLegalBasis('LGPD', 'specific_consent', { special: true })).toBe(true);
    expect(isValidLegalBasis('PIPL', 'consent', { special: true })).toBe(false);
    expect(isValidLegalBasis('PIPL', 'separate_consent', { special: true })).toBe(true);
    expect(isValidLegalBasis('PIPL', 'contract_or_hr', { special: true })).toBe(true);
    // no statutory special category: the ordinary bases apply
    expect(isValidLegalBasis('PDPA_SG', 'consent', { special: true })).toBe(true);
    expect(isValidLegalBasis('GDPR', 'made_up')).toBe(false);
  });

  it('rejects an unknown jurisdiction by name', () => {
    expect(() => isValidLegalBasis('MARS', 'consent')).toThrow(/unknown jurisdiction MARS/);
    expect(() => transferMechanisms('toString')).toThrow(/unknown jurisdiction/);
  });
});

describe('transfer mechanisms', () => {
  it('cites every mechanism and adequacy entry, and carries a verified_on date', () => {
    const file = loadTransferMechanisms();
    expect(file.verified_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [id, j] of Object.entries(file.jurisdictions)) {
      for (const m of j.mechanisms) expect({ id, m: m.id, citation: m.citation }).toEqual({ id, m: m.id, citation: expect.stringMatching(CITES) });
      for (const a of j.adequacy) expect({ id, c: a.country, citation: a.citation }).toEqual({ id, c: a.country, citation: expect.stringMatching(CITES) });
    }
  });

  it('pins GDPR Chapter V, UK IDTA, PIPL Art. 38, LGPD Art. 33 and PDPA s. 26', () => {
    const cite = (j: string, id: string) => transferMechanisms(j).find((m) => m.id === id)?.citation;
    expect(cite('GDPR', 'adequacy')).toBe('GDPR Art. 45');
    expect(cite('GDPR', 'scc')).toMatch(/^GDPR Art\. 46\(2\)\(c\); Commission Implementing Decision \(EU\) 2021\/914/);
    expect(cite('GDPR', 'bcr')).toBe('GDPR Art. 46(2)(b); Art. 47');
    expect(cite('GDPR', 'derogation_explicit_consent')).toBe('GDPR Art. 49(1)(a)');
    expect(cite('UK_GDPR', 'idta')).toMatch(/s\. 119A/);
    expect(cite('PIPL', 'security_assessment')).toBe('PIPL Art. 38 ¶1(1); Art. 40');
    expect(cite('PIPL', 'certification')).toBe('PIPL Art. 38 ¶1(2)');
    expect(cite('PIPL', 'standard_contract')).toBe('PIPL Art. 38 ¶1(3)');
    expect(cite('LGPD', 'standard_clauses')).toMatch(/^LGPD Art\. 33\(II\)\(b\)/);
    expect(cite('PDPA_SG', 'legally_enforceable_obligations')).toMatch(/^PDPA s\. 26\(1\)/);
    expect(transferMechanisms('CCPA')).toEqual([]);
  });

  it('knows the GDPR adequacy list, with the US conditional on DPF certification', () => {
    for (const c of ['JP', 'GB', 'CH', 'KR', 'NZ', 'BR', 'CA', 'ad']) expect({ c, adequate: isAdequate('GDPR', c) }).toEqual({ c, adequate: true });
    for (const c of ['CN', 'IN', 'SG', 'US']) expect({ c, adequate: isAdequate('GDPR', c) }).toEqual({ c, adequate: false });
    expect(adequacy('GDPR', 'US')).toMatchObject({ scope: 'conditional', citation: expect.stringContaining('2023/1795') });
    expect(isAdequate('GDPR', 'US', { recipientCertified: true })).toBe(true);
    expect(adequacy('GDPR', 'CA')?.scope).toBe('partial');
    expect(loadTransferMechanisms().jurisdictions.GDPR!.adequacy).toHaveLength(16);
  });

  it('knows the UK adequacy regulations', () => {
    for (const c of ['FR', 'NO', 'GI', 'KR', 'JP', 'CH']) expect({ c, adequate: isAdequate('UK_GDPR', c) }).toEqual({ c, adequate: true });
    expect(isAdequate('UK_GDPR', 'US')).toBe(false);
    expect(isAdequate('UK_GDPR', 'US', { recipientCertified: true })).toBe(true);
    expect(isAdequate('UK_GDPR', 'BR')).toBe(false);
  });

  it('decides whether a transfer needs a mechanism', () => {
    expect(requiresTransferMechanism('GDPR', 'DE', 'FR')).toBe(false);
    expect(requiresTransferMechanism('GDPR', 'DE', 'NO')).toBe(false);
    expect(requiresTransferMechanism('GDPR', 'DE', 'JP')).toBe(false);
    expect(requiresTransferMechanism('GDPR', 'DE', 'US')).toBe(true);
    expect(requiresTransferMechanism('GDPR', 'DE', 'US', { recipientCertified: true })).toBe(false);
    expect(requiresTransferMechanism('GDPR', 'FR', 'CN')).toBe(true);
    expect(requiresTransferMechanism('UK_GDPR', 'GB', 'DE')).toBe(false);
    expect(requiresTransferMechanism('UK_GDPR', 'GB', 'IN')).toBe(true);
    expect(requiresTransferMechanism('PIPL', 'CN', 'DE')).toBe(true);
    expect(requiresTransferMechanism('PIPL', 'CN', 'HK')).toBe(true);
    expect(requiresTransferMechanism('PIPL', 'CN', 'CN')).toBe(false);
    expect(requiresTransferMechanism('LGPD', 'BR', 'PT')).toBe(false);
    expect(requiresTransferMechanism('LGPD', 'BR', 'US')).toBe(true);
    expect(requiresTransferMechanism('PDPA_SG', 'SG', 'MY')).toBe(true);
    expect(requiresTransferMechanism('CCPA', 'US', 'CN')).toBe(false);
  });
});

describe('law files', () => {
  const base = 'version: 1\nverified_on: "2026-01-01"\njurisdictions:\n';
  it('rejects a rule without a citation, a duplicate id, a bad country code and bad YAML', () => {
    const rule = '    special_category_rule: { rule: r, citation: "X Art. 1" }\n';
    expect(() => parseLegalBases(`${base}  X:\n    name: X\n    citation_root: "X Act 2020"\n${rule}    bases:\n      - { id: consent, label: Consent }`)).toThrow(/bases\.0\.citation/);
    expect(() =>
      parseLegalBases(`${base}  X:\n    name: X\n    citation_root: "X Act 2020"\n${rule}    bases:\n      - { id: consent, label: C, citation: "X Art. 1" }\n      - { id: consent, label: C, citation: "X Art. 2" }`),
    ).toThrow(/duplicate id consent/);
    expect(() => parseTransferMechanisms(`${base}  X:\n    restricts_transfers: true\n    citation: "X Art. 9"\n    territory: [XX]\n    mechanisms: []\n    adequacy:\n      - { country: usa, name: U, scope: full, citation: "X Art. 9" }`)).toThrow(/adequacy\.0\.country/);
    expect(() => parseLegalBases('version: [')).toThrow(/not valid YAML/);
  });
});
