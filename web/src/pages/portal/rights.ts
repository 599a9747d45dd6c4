/** The portal's built-in wording: used until (or when) /api/portal/info does not answer. */
import type { PortalInfo, PortalRequestType } from '../../api';

export interface RightOption {
  type: PortalRequestType;
  label: string;
  description: string;
}

export const BUILT_IN_RIGHTS: readonly RightOption[] = [
  {
    type: 'access',
    label: 'See my data',
    description: 'Find out what personal data is held about you, why it is used and who it is shared with, and get a copy.',
  },
  {
    type: 'portability',
    label: 'Take my data elsewhere',
    description: 'Receive the data you provided in a structured, machine-readable file you can give to another service.',
  },
  {
    type: 'rectification',
    label: 'Correct my data',
    description: 'Have information about you that is wrong or incomplete put right.',
  },
  {
    type: 'erasure',
    label: 'Delete my data',
    description: 'Ask for your personal data to be erased when there is no longer a good reason to keep it.',
  },
  {
    type: 'restriction',
    label: 'Limit how my data is used',
    description: 'Ask for your data to be kept but not used while a concern, such as whether it is accurate, is resolved.',
  },
  {
    type: 'objection',
    label: 'Object to a use of my data',
    description: 'Object to your data being used for direct marketing, profiling or the organisation’s own interests.',
  },
  {
    type: 'opt_out',
    label: 'Do not sell or share my data',
    description: 'Opt out of your personal information being sold, shared for targeted advertising, or used for profiling.',
  },
  {
    type: 'consent_withdrawal',
    label: 'Withdraw my consent',
    description: 'Take back consent you gave earlier, for example to newsletters. Use before you withdrew it stays lawful.',
  },
];

/** The server's list when it gives one, each type's wording filled from ours where it gives none. */
export function rightsFrom(info: PortalInfo | undefined): readonly RightOption[] {
  const listed = info?.requestTypes?.filter((t) => BUILT_IN_RIGHTS.some((b) => b.type === t.type)) ?? [];
  if (listed.length === 0) return BUILT_IN_RIGHTS;
  return listed.map((t) => {
    const builtIn = BUILT_IN_RIGHTS.find((b) => b.type === t.type)!;
    return { type: t.type, label: t.label || builtIn.label, description: t.description || builtIn.description };
  });
}

export function rightLabel(rights: readonly RightOption[], type: PortalRequestType): string {
  return (rights.find((r) => r.type === type) ?? BUILT_IN_RIGHTS.find((r) => r.type === type))?.label ?? type;
}

/** A short list of where people usually write from; anything else is "another country". */
export const COUNTRIES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Prefer not to say' },
  { value: 'AT', label: 'Austria' },
  { value: 'BE', label: 'Belgium' },
  { value: 'BR', label: 'Brazil' },
  { value: 'CA', label: 'Canada' },
  { value: 'FR', label: 'France' },
  { value: 'DE', label: 'Germany' },
  { value: 'IE', label: 'Ireland' },
  { value: 'IT', label: 'Italy' },
  { value: 'NL', label: 'Netherlands' },
  { value: 'PL', label: 'Poland' },
  { value: 'ES', label: 'Spain' },
  { value: 'SE', label: 'Sweden' },
  { value: 'CH', label: 'Switzerland' },
  { value: 'GB', label: 'United Kingdom' },
  { value: 'US', label: 'United States' },
  { value: 'other', label: 'Another country' },
];

const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** "Wednesday, 23 December 2026"; the raw value when it is not a date. */
export function formatDueDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : longDate.format(date);
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
