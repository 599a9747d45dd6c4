/**
 * The catalogue: every entity type the engine can report, with its data category (fideslang keys,
 * see /work/shared/reference/fides.md) and whether a checksum backs it. Names follow Presidio's
 * where Presidio has one, so results compare one to one.
 */
export interface EntityDefinition {
  type: string;
  category: string;
  description: string;
  checksum: boolean;
  locales?: string[];
}

const GOV = 'user.government_id.national_identification_number';

function e(type: string, category: string, checksum: boolean, description: string, locales?: string[]): EntityDefinition {
  return locales ? { type, category, description, checksum, locales } : { type, category, description, checksum };
}

export const ENTITIES: readonly EntityDefinition[] = Object.freeze([
  e('EMAIL_ADDRESS', 'user.contact.email', false, 'E-mail address (RFC 5321 shape, known TLD shape)'),
  e('PHONE_NUMBER', 'user.contact.phone_number', true, 'Phone number of any country, validated with libphonenumber metadata'),
  e('CREDIT_CARD', 'user.financial.credit_card', true, 'Payment card number: brand range, length, Luhn'),
  e('IBAN_CODE', 'user.financial.bank_account', true, 'IBAN: per-country length and mod-97'),
  e('US_SSN', GOV, true, 'US Social Security Number: area/group/serial rules', ['US']),
  e('US_ITIN', GOV, true, 'US Individual Taxpayer Identification Number: 9xx and IRS group ranges', ['US']),
  e('US_PASSPORT', 'user.government_id.passport_number', false, 'US passport number (with context)', ['US']),
  e('US_DRIVER_LICENSE', 'user.government_id.drivers_license_number', false, 'US driver licence (with context)', ['US']),
  e('US_BANK_NUMBER', 'user.financial.bank_account', false, 'US bank account number, 8-17 digits (with context)', ['US']),
  e('ABA_ROUTING_NUMBER', 'user.financial.bank_account', true, 'ABA routing transit number: 3-7-1 checksum and Fed prefix', ['US']),
  e('UK_NHS', 'user.health_and_medical.insurance_beneficiary_id', true, 'NHS number: mod 11', ['GB']),
  e('UK_NINO', GOV, false, 'UK National Insurance number: HMRC prefix and suffix rules', ['GB']),
  e('CN_RESIDENT_ID', GOV, true, 'Chinese resident identity number: region, birth date, GB 11643 check', ['CN']),
  e('CN_BANK_CARD', 'user.financial.bank_account', true, 'Chinese bank card (UnionPay 62…, 16-19 digits, Luhn; context)', ['CN']),
  e('HK_ID', GOV, true, 'Hong Kong identity card: mod-11 check digit', ['HK']),
  e('TW_ID', GOV, true, 'Taiwan national id: letter code and weighted mod 10', ['TW']),
  e('SG_NRIC_FIN', GOV, true, 'Singapore NRIC/FIN: weighted mod-11 check letter', ['SG']),
  e('BR_CPF', GOV, true, 'Brazilian CPF: two mod-11 check digits', ['BR']),
  e('BR_CNPJ', 'user.government_id', true, 'Brazilian CNPJ: two mod-11 check digits', ['BR']),
  e('CA_SIN', GOV, true, 'Canadian Social Insurance Number: Luhn', ['CA']),
  e('JP_MY_NUMBER', GOV, true, 'Japanese My Number: check digit', ['JP']),
  e('IN_AADHAAR', GOV, true, 'Indian Aadhaar: Verhoeff', ['IN']),
  e('IN_PAN', GOV, false, 'Indian PAN: structure and holder type', ['IN']),
  e('DE_TAX_ID', GOV, true, 'German Steuer-ID: digit-repetition rule and ISO 7064 MOD 11,10', ['DE']),
  e('EU_VAT', 'user.government_id', true, 'EU/UK/CH VAT identification number: per-country format and check', ['EU']),
  e('PASSPORT', 'user.government_id.passport_number', false, 'Passport number of any country (with context)'),
  e('IP_ADDRESS', 'user.device.ip_address', false, 'IPv4 or IPv6 address'),
  e('MAC_ADDRESS', 'user.device.device_id', false, 'MAC address (colon, hyphen or Cisco dotted)'),
  e('URL', 'user.contact.url', false, 'URL with scheme or www.'),
  e('CRYPTO', 'user.financial', true, 'Crypto wallet: BTC Base58Check/bech32(m), ETH (EIP-55 when mixed case)'),
  e('COORDINATES', 'user.location.precise', false, 'Latitude/longitude pair'),
  e('DATE_OF_BIRTH', 'user.demographic.date_of_birth', false, 'A real calendar date with birth context'),
  e('PERSON', 'user.name', false, 'Person name: name dictionaries (Latin and Chinese), titles, context'),
  e('STREET_ADDRESS', 'user.contact.address.street', false, 'Street address (EN/DE/PT/FR/ES forms, Chinese addresses)'),
  e('POSTAL_CODE', 'user.contact.address.postal_code', false, 'Postal code per country (with context unless the format is distinctive)'),
  e('LOCATION', 'user.location.imprecise', false, 'City, region or country (in context)'),
  e('GENDER', 'user.demographic.gender', false, 'Gender or sex value (in context)'),
  e('NATIONALITY', 'user.demographic', false, 'Nationality or citizenship (in context)'),
  e('RELIGION', 'user.demographic.religious_belief', false, 'Religious belief (GDPR Art. 9, PIPL Art. 28; in context)'),
  e('ETHNICITY', 'user.demographic.race_ethnicity', false, 'Racial or ethnic origin (special category; in context)'),
  e('POLITICAL_OPINION', 'user.demographic.political_opinion', false, 'Political opinion or party (special category; in context)'),
  e('HEALTH', 'user.health_and_medical', false, 'Health condition, diagnosis, medication (special category; in context)'),
  e('SEXUAL_ORIENTATION', 'user.demographic.sexual_orientation', false, 'Sexual orientation (special category; in context)'),
  e('BIOMETRIC', 'user.biometric', false, 'Biometric data: fingerprint, face, iris, voice templates (in context)'),
  e('GENETIC', 'user.health_and_medical.genetic', false, 'Genetic data: DNA, genotype, SNP results (in context)'),
  e('PASSWORD', 'user.authorization.password', false, 'Password or password hash (bcrypt, argon2, scrypt, PBKDF2, crypt)'),
  e('API_KEY', 'user.authorization.credentials', false, 'API key or token of a well-known format (AWS, GitHub, Stripe, Slack, Google …)'),
  e('PRIVATE_KEY', 'user.authorization.credentials', false, 'PEM/OpenSSH private key block'),
  e('JWT', 'user.authorization.credentials', false, 'JSON Web Token (three base64url parts, JSON header)'),
  e('LICENSE_PLATE', 'user.government_id.vehicle_registration', false, 'Vehicle licence plate (with context; CN plates by shape)'),
]);

const BY_TYPE = new Map(ENTITIES.map((d) => [d.type, d]));

export function entityDefinition(type: string): EntityDefinition | undefined {
  return BY_TYPE.get(type);
}

export function categoryOf(type: string): string {
  return BY_TYPE.get(type)?.category ?? 'user';
}
