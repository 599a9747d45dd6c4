/**
 * The five customer populations of the demo shop. Each locale owns one seeded Faker (with an
 * English fallback chain, because not every locale defines every dataset) and knows how to produce
 * a coherent person for its country: name, phone format, address with a valid-looking postal code,
 * and the national identifier that is natural to collect there. Faker has no Singapore locale, so
 * Singapore names, addresses and phone numbers are built here from small tables.
 */
import { Faker, base, de, en, en_US, pt_BR, zh_CN, type LocaleDefinition } from '@faker-js/faker';
import {
  generateChineseResidentId,
  generateCpf,
  generateGermanTaxId,
  generateSingaporeNric,
  generateSsn,
  type CardBrand,
  type IntSource,
  type NationalIdType,
} from './demo.ids.js';
import type { TicketLanguage } from './demo.text.js';

/** A fixed "now" so that dates (birthdays, order times) do not depend on when the demo runs. */
export const DEMO_REFERENCE_DATE = new Date('2025-06-30T12:00:00.000Z');

export type Sex = 'female' | 'male';
export type DemoLocaleKey = 'en_US' | 'de_DE' | 'pt_BR' | 'zh_CN' | 'en_SG';

export interface LocalAddress {
  street: string;
  street2: string | null;
  city: string;
  postalCode: string;
  region: string | null;
}

export interface DemoLocale {
  key: DemoLocaleKey;
  /** Share of the customer base. */
  weight: number;
  country: string;
  currency: string;
  /** Units of this currency per euro (the catalogue is priced in EUR). */
  eurRate: number;
  taxRate: number;
  faker: Faker;
  ticketLanguages: { value: TicketLanguage; weight: number }[];
  languages: { value: string; weight: number }[];
  cardBrands: { value: CardBrand; weight: number }[];
  /** Share of customers who gave a national id, i.e. how natural it is to collect one there. */
  nationalIdRate: number;
  nationalIdType: NationalIdType;
  name(sex: Sex): { firstName: string; lastName: string };
  address(): LocalAddress;
  /** E.164 most of the time, national formatting otherwise, as real sign-up forms collect both. */
  phone(): string;
  nationalId(dateOfBirth: string, sex: Sex | undefined): string;
}

function makeFaker(chain: LocaleDefinition[]): Faker {
  const faker = new Faker({ locale: [...chain, en, base] });
  faker.setDefaultRefDate(DEMO_REFERENCE_DATE);
  return faker;
}

export function intSource(faker: Faker): IntSource {
  return (min, max) => faker.number.int({ min, max });
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function fakerPhone(faker: Faker): string {
  return faker.phone.number({ style: faker.datatype.boolean(0.7) ? 'international' : 'national' });
}

function fakerName(faker: Faker, sex: Sex): { firstName: string; lastName: string } {
  return { firstName: faker.person.firstName(sex), lastName: faker.person.lastName() };
}

function unitSuffix(faker: Faker, probability: number): string | null {
  return faker.datatype.boolean(probability) ? faker.location.secondaryAddress() : null;
}

function usLocale(): DemoLocale {
  const faker = makeFaker([en_US]);
  const rand = intSource(faker);
  return {
    key: 'en_US',
    weight: 35,
    country: 'US',
    currency: 'USD',
    eurRate: 1.08,
    taxRate: 0.07,
    faker,
    ticketLanguages: [{ value: 'en', weight: 1 }],
    languages: [
      { value: 'en-US', weight: 92 },
      { value: 'es-US', weight: 8 },
    ],
    cardBrands: [
      { value: 'visa', weight: 55 },
      { value: 'mastercard', weight: 30 },
      { value: 'amex', weight: 15 },
    ],
    // An online shop rarely needs an SSN; the few that have one came through a credit application.
    nationalIdRate: 0.25,
    nationalIdType: 'US_SSN',
    name: (sex) => fakerName(faker, sex),
    address: () => {
      const state = faker.location.state({ abbreviated: true });
      return {
        street: faker.location.streetAddress(),
        street2: unitSuffix(faker, 0.2),
        city: faker.location.city(),
        postalCode: faker.location.zipCode({ state }),
        region: state,
      };
    },
    phone: () => fakerPhone(faker),
    nationalId: () => generateSsn(rand),
  };
}

function germanLocale(): DemoLocale {
  const faker = makeFaker([de]);
  const rand = intSource(faker);
  return {
    key: 'de_DE',
    weight: 20,
    country: 'DE',
    currency: 'EUR',
    eurRate: 1,
    taxRate: 0.19,
    faker,
    ticketLanguages: [
      { value: 'de', weight: 85 },
      { value: 'en', weight: 15 },
    ],
    languages: [
      { value: 'de-DE', weight: 90 },
      { value: 'en-GB', weight: 6 },
      { value: 'tr-DE', weight: 4 },
    ],
    cardBrands: [
      { value: 'visa', weight: 50 },
      { value: 'mastercard', weight: 45 },
      { value: 'amex', weight: 5 },
    ],
    // Collected for invoices that customers claim as business expenses.
    nationalIdRate: 0.2,
    nationalIdType: 'DE_TAX_ID',
    name: (sex) => fakerName(faker, sex),
    address: () => ({
      street: `${faker.location.street()} ${faker.location.buildingNumber()}`,
      street2: unitSuffix(faker, 0.1),
      city: faker.location.city(),
      postalCode: faker.location.zipCode(),
      region: faker.location.state(),
    }),
    phone: () => fakerPhone(faker),
    nationalId: () => generateGermanTaxId(rand),
  };
}

const BR_AREA_CODES = [11, 21, 31, 41, 51, 61, 71, 81, 85, 19, 27, 48, 62, 92];

function brazilLocale(): DemoLocale {
  const faker = makeFaker([pt_BR]);
  const rand = intSource(faker);
  return {
    key: 'pt_BR',
    weight: 15,
    country: 'BR',
    currency: 'BRL',
    eurRate: 5.9,
    taxRate: 0.17,
    faker,
    ticketLanguages: [{ value: 'pt', weight: 1 }],
    languages: [{ value: 'pt-BR', weight: 1 }],
    cardBrands: [
      { value: 'mastercard', weight: 50 },
      { value: 'visa', weight: 45 },
      { value: 'amex', weight: 5 },
    ],
    // The CPF is printed on every nota fiscal, so Brazilian shops collect it from everyone.
    nationalIdRate: 1,
    nationalIdType: 'BR_CPF',
    name: (sex) => fakerName(faker, sex),
    address: () => ({
      street: `${faker.location.street()}, ${rand(1, 2999)}`,
      street2: unitSuffix(faker, 0.3),
      city: faker.location.city(),
      postalCode: faker.location.zipCode(),
      region: faker.location.state({ abbreviated: true }),
    }),
    // Brazilian mobiles: two-digit area code, then nine digits starting with 9.
    phone: () => {
      const area = faker.helpers.arrayElement(BR_AREA_CODES);
      const line = `9${pad(rand(0, 9999), 4)}${pad(rand(0, 9999), 4)}`;
      return faker.datatype.boolean(0.6) ? `+55${area}${line}` : `(${area}) ${line.slice(0, 5)}-${line.slice(5)}`;
    },
    nationalId: () => generateCpf(rand),
  };
}

/** Real cities with their postal code and GB/T 2260 division code, so resident ids look local. */
const CN_CITIES = [
  { province: '北京市', city: '北京市', district: '朝阳区', postal: '100020', division: '110105' },
  { province: '上海市', city: '上海市', district: '浦东新区', postal: '200120', division: '310115' },
  { province: '广东省', city: '广州市', district: '天河区', postal: '510620', division: '440106' },
  { province: '广东省', city: '深圳市', district: '南山区', postal: '518052', division: '440305' },
  { province: '浙江省', city: '杭州市', district: '西湖区', postal: '310013', division: '330106' },
  { province: '江苏省', city: '南京市', district: '玄武区', postal: '210018', division: '320102' },
  { province: '四川省', city: '成都市', district: '武侯区', postal: '610041', division: '510107' },
  { province: '湖北省', city: '武汉市', district: '洪山区', postal: '430070', division: '420111' },
  { province: '陕西省', city: '西安市', district: '雁塔区', postal: '710061', division: '610113' },
  { province: '天津市', city: '天津市', district: '和平区', postal: '300041', division: '120101' },
  { province: '重庆市', city: '重庆市', district: '渝中区', postal: '400010', division: '500103' },
  { province: '山东省', city: '青岛市', district: '市南区', postal: '266001', division: '370202' },
] as const;
const CN_STREETS = ['中山路', '人民路', '解放路', '建设路', '和平路', '新华路', '长江路', '文化路', '胜利路', '建国路'];

function chinaLocale(): DemoLocale {
  const faker = makeFaker([zh_CN]);
  const rand = intSource(faker);
  return {
    key: 'zh_CN',
    weight: 15,
    country: 'CN',
    currency: 'CNY',
    eurRate: 7.8,
    taxRate: 0.13,
    faker,
    ticketLanguages: [
      { value: 'zh', weight: 70 },
      { value: 'en', weight: 30 },
    ],
    languages: [
      { value: 'zh-CN', weight: 95 },
      { value: 'en-US', weight: 5 },
    ],
    cardBrands: [
      { value: 'unionpay', weight: 70 },
      { value: 'visa', weight: 20 },
      { value: 'mastercard', weight: 10 },
    ],
    // Cross-border parcels into China clear customs against the recipient's resident id.
    nationalIdRate: 0.9,
    nationalIdType: 'CN_RIC',
    name: (sex) => fakerName(faker, sex),
    address: () => {
      const place = faker.helpers.arrayElement(CN_CITIES);
      const building = faker.datatype.boolean(0.6) ? `${rand(1, 30)}栋${rand(1, 28)}${pad(rand(1, 4), 2)}室` : null;
      return {
        street: `${place.district}${faker.helpers.arrayElement(CN_STREETS)}${rand(1, 500)}号`,
        street2: building,
        city: place.city,
        postalCode: place.postal,
        region: place.province,
      };
    },
    // Mainland mobiles: 11 digits starting 13-19.
    phone: () => {
      const mobile = `1${rand(3, 9)}${pad(rand(0, 999_999_999), 9)}`;
      return faker.datatype.boolean(0.5) ? `+86${mobile}` : mobile;
    },
    nationalId: (dateOfBirth, sex) => {
      // The division code is where the card was issued, usually but not always where one lives now.
      const division = faker.helpers.arrayElement(CN_CITIES).division;
      return generateChineseResidentId(rand, division, dateOfBirth, sex);
    },
  };
}

/** HDB estates with their two-digit postal sector: an HDB postal code is sector + block number. */
const SG_STREETS: [string, string][] = [
  ['Ang Mo Kio Avenue 3', '56'],
  ['Tampines Street 21', '52'],
  ['Bedok North Road', '46'],
  ['Jurong West Street 42', '64'],
  ['Yishun Ring Road', '76'],
  ['Lorong 1 Toa Payoh', '31'],
  ['Clementi Avenue 3', '12'],
  ['Punggol Field', '82'],
  ['Woodlands Drive 16', '73'],
  ['Hougang Avenue 8', '53'],
  ['Bukit Batok Street 21', '65'],
  ['Pasir Ris Drive 6', '51'],
  ['Bishan Street 13', '57'],
];
const SG_NAMES = {
  chineseSurnames: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Low', 'Sim'],
  chineseGiven: {
    male: ['Wei Ming', 'Jun Jie', 'Zhi Hao', 'Jun Wei', 'Yong Sheng', 'Wen Jie', 'Kai Wen', 'Jia Le'],
    female: ['Jia Hui', 'Li Ting', 'Xin Yi', 'Hui Min', 'Shu Fen', 'Mei Ling', 'Zi Xuan', 'Pei Shan'],
  },
  malaySurnames: ['Rahman', 'Ismail', 'Hassan', 'Abdullah', 'Osman', 'Yusof', 'Ibrahim', 'Salleh'],
  malayGiven: {
    male: ['Muhammad Hafiz', 'Ahmad Faizal', 'Muhammad Irfan', 'Hakim', 'Syafiq', 'Firdaus'],
    female: ['Nur Aisyah', 'Siti Nurhaliza', 'Nurul Huda', 'Farhana', 'Aisyah', 'Nabilah'],
  },
  indianSurnames: ['Kumar', 'Nair', 'Pillai', 'Raj', 'Menon', 'Singh', 'Krishnan', 'Subramaniam'],
  indianGiven: {
    male: ['Arun', 'Rajesh', 'Suresh', 'Vikram', 'Karthik', 'Pradeep'],
    female: ['Priya', 'Kavitha', 'Deepa', 'Anitha', 'Lakshmi', 'Meena'],
  },
};

function singaporeLocale(): DemoLocale {
  const faker = makeFaker([]);
  const rand = intSource(faker);
  const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items);
  return {
    key: 'en_SG',
    weight: 15,
    country: 'SG',
    currency: 'SGD',
    eurRate: 1.45,
    taxRate: 0.09,
    faker,
    ticketLanguages: [{ value: 'en', weight: 1 }],
    languages: [
      { value: 'en-SG', weight: 80 },
      { value: 'zh-SG', weight: 15 },
      { value: 'ms-SG', weight: 5 },
    ],
    cardBrands: [
      { value: 'visa', weight: 50 },
      { value: 'mastercard', weight: 40 },
      { value: 'amex', weight: 10 },
    ],
    // Collected for age-restricted goods and delivery hand-over checks.
    nationalIdRate: 0.5,
    nationalIdType: 'SG_NRIC',
    name: (sex) => {
      const group = faker.helpers.weightedArrayElement([
        { value: 'chinese', weight: 75 },
        { value: 'malay', weight: 14 },
        { value: 'indian', weight: 11 },
      ] as const);
      if (group === 'chinese') return { firstName: pick(SG_NAMES.chineseGiven[sex]), lastName: pick(SG_NAMES.chineseSurnames) };
      if (group === 'malay') return { firstName: pick(SG_NAMES.malayGiven[sex]), lastName: pick(SG_NAMES.malaySurnames) };
      return { firstName: pick(SG_NAMES.indianGiven[sex]), lastName: pick(SG_NAMES.indianSurnames) };
    },
    address: () => {
      const [street, sector] = pick(SG_STREETS);
      const block = rand(100, 699);
      return {
        street: `Blk ${block} ${street}`,
        street2: `#${pad(rand(2, 25), 2)}-${pad(rand(1, 350), 3)}`,
        city: 'Singapore',
        postalCode: `${sector}0${block}`,
        region: null,
      };
    },
    // Singapore mobiles: eight digits starting 8 or 9.
    phone: () => {
      const mobile = `${rand(8, 9)}${pad(rand(0, 9_999_999), 7)}`;
      return faker.datatype.boolean(0.6) ? `+65${mobile}` : `${mobile.slice(0, 4)} ${mobile.slice(4)}`;
    },
    nationalId: (dateOfBirth) => generateSingaporeNric(rand, Number(dateOfBirth.slice(0, 4))),
  };
}

export function createDemoLocales(): DemoLocale[] {
  return [usLocale(), germanLocale(), brazilLocale(), chinaLocale(), singaporeLocale()];
}
