/**
 * What the notice and the PIPL record need to know about a jurisdiction: which keys name it, what
 * its law is called, which rights a data subject has there, and whom they complain to.
 * Rights lists cite the articles of each law; unknown jurisdictions get no list, and the notice asks
 * counsel to supply it.
 */
import type { Labeled } from './report.types.js';

export interface Right {
  name: string;
  ref: string;
  /** Shown only when the condition holds for the activities in the notice. */
  when?: 'consent' | 'automated' | 'marketing';
}

export interface JurisdictionProfile {
  id: 'eu' | 'uk' | 'cn' | 'us-ca';
  law: string;
  aliases: readonly string[];
  rights: Right[];
  complaint: string;
  /** What the law calls special data. */
  specialTerm: string;
}

const GDPR_RIGHTS: Right[] = [
  { name: 'Access your personal data and receive a copy', ref: 'Art. 15' },
  { name: 'Have inaccurate data rectified', ref: 'Art. 16' },
  { name: 'Have your data erased', ref: 'Art. 17' },
  { name: 'Restrict processing', ref: 'Art. 18' },
  { name: 'Receive your data in a portable format', ref: 'Art. 20' },
  { name: 'Object to processing based on legitimate interests or public interest', ref: 'Art. 21(1)' },
  { name: 'Object at any time to direct marketing', ref: 'Art. 21(2)', when: 'marketing' },
  { name: 'Not be subject to a decision based solely on automated processing with legal or similarly significant effects', ref: 'Art. 22', when: 'automated' },
  { name: 'Withdraw consent at any time, without affecting processing before withdrawal', ref: 'Art. 7(3)', when: 'consent' },
];

export const JURISDICTIONS: readonly JurisdictionProfile[] = [
  {
    id: 'eu',
    law: 'General Data Protection Regulation (EU) 2016/679 (GDPR)',
    aliases: ['eu', 'eea', 'gdpr', 'eu-gdpr'],
    rights: GDPR_RIGHTS.map((right) => ({ ...right, ref: `GDPR ${right.ref}` })),
    complaint: 'You may lodge a complaint with a supervisory authority, in particular in the Member State of your habitual residence, place of work or place of the alleged infringement (GDPR Art. 77).',
    specialTerm: 'special categories of personal data (GDPR Art. 9)',
  },
  {
    id: 'uk',
    law: 'UK GDPR and the Data Protection Act 2018',
    aliases: ['uk', 'gb', 'uk-gdpr'],
    rights: GDPR_RIGHTS.map((right) => ({ ...right, ref: `UK GDPR ${right.ref}` })),
    complaint: "You may lodge a complaint with the Information Commissioner's Office (UK GDPR Art. 77).",
    specialTerm: 'special category data (UK GDPR Art. 9)',
  },
  {
    id: 'cn',
    law: "Personal Information Protection Law of the People's Republic of China (PIPL)",
    aliases: ['cn', 'prc', 'pipl', 'cn-pipl', 'china'],
    rights: [
      { name: 'Know and decide on the processing of your personal information, and restrict or refuse it', ref: 'PIPL Art. 44' },
      { name: 'Consult and copy your personal information', ref: 'PIPL Art. 45(1)' },
      { name: 'Request transfer of your personal information to another processor you designate, where the conditions set by the national cyberspace authority are met', ref: 'PIPL Art. 45(3)' },
      { name: 'Correct or supplement inaccurate or incomplete personal information', ref: 'PIPL Art. 46' },
      { name: 'Request deletion of your personal information', ref: 'PIPL Art. 47' },
      { name: 'Request an explanation of our personal information processing rules', ref: 'PIPL Art. 48' },
      { name: 'Withdraw consent, conveniently and at any time', ref: 'PIPL Art. 15', when: 'consent' },
      { name: 'Request an explanation of, and refuse, decisions made solely through automated decision-making that significantly affect your rights and interests', ref: 'PIPL Art. 24', when: 'automated' },
      { name: 'Next of kin of a deceased person may exercise certain of these rights for their own lawful and legitimate interests', ref: 'PIPL Art. 49' },
    ],
    complaint: 'If we refuse your request we will give reasons; you may then bring a lawsuit before a people’s court (PIPL Art. 50), and you may complain to or report to the departments performing personal information protection duties (PIPL Art. 65).',
    specialTerm: 'sensitive personal information (PIPL Art. 28)',
  },
  {
    id: 'us-ca',
    law: 'California Consumer Privacy Act as amended by the CPRA (Cal. Civ. Code §1798.100 et seq.)',
    aliases: ['us-ca', 'ca', 'ccpa', 'cpra', 'california'],
    rights: [
      { name: 'Know what personal information we collect, use and disclose, and access it', ref: 'Cal. Civ. Code §1798.110, §1798.115' },
      { name: 'Delete personal information we collected from you', ref: 'Cal. Civ. Code §1798.105' },
      { name: 'Correct inaccurate personal information', ref: 'Cal. Civ. Code §1798.106' },
      { name: 'Opt out of the sale or sharing of your personal information', ref: 'Cal. Civ. Code §1798.120' },
      { name: 'Limit the use and disclosure of sensitive personal information', ref: 'Cal. Civ. Code §1798.121' },
      { name: 'Not be discriminated against for exercising these rights', ref: 'Cal. Civ. Code §1798.125' },
    ],
    complaint: 'You may contact the California Privacy Protection Agency or the California Attorney General.',
    specialTerm: 'sensitive personal information (Cal. Civ. Code §1798.140(ae))',
  },
];

export function findJurisdiction(key: string | undefined): JurisdictionProfile | undefined {
  if (!key) return undefined;
  const wanted = key.trim().toLowerCase();
  return JURISDICTIONS.find((profile) => profile.aliases.includes(wanted));
}

/** Whether a labeled jurisdiction (of a legal basis or transfer) is the one asked for. */
export function sameJurisdiction(label: Labeled, key: string): boolean {
  const wanted = key.trim().toLowerCase();
  const profile = findJurisdiction(wanted);
  const own = label.key.trim().toLowerCase();
  return own === wanted || (profile !== undefined && profile.aliases.includes(own));
}
