import { describe, expect, it } from 'vitest';
import { gradeCategory, highestLevel, loadDefaultPolicy, parsePolicy } from './grading.js';

describe('default sensitivity policy', () => {
  it('cites something on every rule', () => {
    for (const rule of loadDefaultPolicy().rules) expect(rule.citation).toMatch(/Art\.|§|Recital|GB\/T/);
  });

  it('grades GDPR Art. 9 special categories and PIPL Art. 28 sensitive information as L4', () => {
    for (const category of [
      'user.health_and_medical',
      'user.health_and_medical.genetic',
      'user.biometric.fingerprint',
      'user.demographic.religious_belief',
      'user.demographic.race_ethnicity',
      'user.demographic.sexual_orientation',
      'user.demographic.political_opinion',
      'user.financial.bank_account',
      'user.financial.credit_card',
      'user.government_id.national_identification_number',
      'user.government_id.passport_number',
      'user.location.precise',
      'user.authorization.credentials',
      'user.childrens',
      'user.criminal_history',
    ]) {
      expect({ category, level: gradeCategory(category).level }).toEqual({ category, level: 'L4' });
    }
  });

  it('grades contact data L3, online identifiers L2, system data L1', () => {
    expect(gradeCategory('user.contact.email')).toMatchObject({ level: 'L3', rule: 'user' });
    expect(gradeCategory('user.name')).toMatchObject({ level: 'L3' });
    expect(gradeCategory('user.device.ip_address')).toMatchObject({ level: 'L2', rule: 'user.device' });
    expect(gradeCategory('user.contact.address.city').level).toBe('L2');
    expect(gradeCategory('user.contact.address.street').level).toBe('L3');
    expect(gradeCategory('system.operations').level).toBe('L1');
  });

  it('takes the highest level of a set', () => {
    expect(highestLevel(['L2', 'L4', 'L3'])).toBe('L4');
    expect(highestLevel([])).toBeNull();
  });

  it('rejects a policy with a bad level or no citation, naming the field', () => {
    const levels = 'levels: { L1: { name: a, description: b }, L2: { name: a, description: b }, L3: { name: a, description: b }, L4: { name: a, description: b } }';
    expect(() => parsePolicy(`version: 1\n${levels}\nrules:\n  - { category: user, level: L9, citation: "GDPR Art. 4" }`)).toThrow(/rules\.0\.level/);
    expect(() => parsePolicy(`version: 1\n${levels}\nrules:\n  - { category: user, level: L3 }`)).toThrow(/rules\.0\.citation/);
    expect(() => parsePolicy(`version: 1\nlevels: {}\nrules:\n  - { category: user, level: L3, citation: "GDPR Art. 4" }`)).toThrow(/levels/);
    expect(() => parsePolicy('version: [')).toThrow(/not valid YAML/);
  });
});
