import { describe, expect, it } from 'vitest';
import { detect, ENTITIES } from './index.js';
import { candidates, resolve } from './engine.js';

function found(text: string, options = {}): Array<[string, string]> {
  return detect(text, options).map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('catalogue', () => {
  it('has at least 40 entity types, each with a category key', () => {
    expect(ENTITIES.length).toBeGreaterThanOrEqual(40);
    for (const e of ENTITIES) expect(e.category).toMatch(/^user(\.[a-z_]+)*$/);
    expect(new Set(ENTITIES.map((e) => e.type)).size).toBe(ENTITIES.length);
  });
});

describe('English', () => {
  it('finds contact data, cards and network ids', () => {
    const text = 'Contact John Smith at john.smith@example.com or +1 (415) 555-2671. Card 4111 1111 1111 1111 exp 12/27. Server 192.168.1.10, MAC 00:1A:2B:3C:4D:5E, site https://example.com/profile?id=7.';
    expect(found(text)).toEqual([
      ['PERSON', 'John Smith'],
      ['EMAIL_ADDRESS', 'john.smith@example.com'],
      ['PHONE_NUMBER', '+1 (415) 555-2671'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
      ['IP_ADDRESS', '192.168.1.10'],
      ['MAC_ADDRESS', '00:1A:2B:3C:4D:5E'],
      ['URL', 'https://example.com/profile?id=7'],
    ]);
  });
  it('finds US ids with context and a date of birth', () => {
    const text = 'SSN 536-22-1234, routing number 021000021, passport number 512345678, born on 1990-01-15, lives at 221 Baker Street.';
    const f = found(text);
    expect(f).toContainEqual(['US_SSN', '536-22-1234']);
    expect(f).toContainEqual(['ABA_ROUTING_NUMBER', '021000021']);
    expect(f).toContainEqual(['PASSPORT', '512345678']);
    expect(f).toContainEqual(['DATE_OF_BIRTH', '1990-01-15']);
    expect(f).toContainEqual(['STREET_ADDRESS', '221 Baker Street']);
  });
  it('finds credentials', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const text = `key AKIAIOSFODNN7EXAMPLE token ghp_1234567890abcdefghijklmnopqrstuvwxyzAB jwt ${jwt} password: hunter2secret\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----`;
    const types = found(text).map(([t]) => t);
    expect(types).toEqual(['API_KEY', 'API_KEY', 'JWT', 'PASSWORD', 'PRIVATE_KEY']);
  });
  it('finds special categories when a label says so', () => {
    const f = found('gender: female; religion: Catholic; diagnosed with type 2 diabetes; sexual orientation: bisexual; ethnicity: Hispanic');
    expect(f).toEqual([
      ['GENDER', 'female'],
      ['RELIGION', 'Catholic'],
      ['HEALTH', 'type 2 diabetes'],
      ['SEXUAL_ORIENTATION', 'bisexual'],
      ['ETHNICITY', 'Hispanic'],
    ]);
  });
  it('finds crypto wallets and coordinates', () => {
    const f = found('Send BTC to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 or 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed; meet at 48.8566, 2.3522');
    expect(f.map(([t]) => t)).toEqual(['CRYPTO', 'CRYPTO', 'COORDINATES']);
  });
});

describe('German', () => {
  it('finds a name after a title, a tax id, an address and a birth date', () => {
    const text = 'Sehr geehrte Frau Müller, Ihre Steuer-ID 65929970489 und Anschrift Hauptstraße 5, 10115 Berlin. Geburtsdatum: 15.03.1985. IBAN DE89 3704 0044 0532 0130 00.';
    expect(found(text)).toEqual([
      ['PERSON', 'Müller'],
      ['DE_TAX_ID', '65929970489'],
      ['STREET_ADDRESS', 'Hauptstraße 5, 10115 Berlin'],
      ['DATE_OF_BIRTH', '15.03.1985'],
      ['IBAN_CODE', 'DE89 3704 0044 0532 0130 00'],
    ]);
  });
});

describe('Portuguese', () => {
  it('finds name, CPF, CNPJ, address and phone', () => {
    const text = 'Olá, meu nome é João da Silva, CPF 529.982.247-25, empresa CNPJ 11.222.333/0001-81, moro na Rua das Flores, 123. Telefone (11) 98765-4321.';
    expect(found(text)).toEqual([
      ['PERSON', 'João da Silva'],
      ['BR_CPF', '529.982.247-25'],
      ['BR_CNPJ', '11.222.333/0001-81'],
      ['STREET_ADDRESS', 'Rua das Flores, 123'],
      ['PHONE_NUMBER', '(11) 98765-4321'],
    ]);
  });
});

describe('Chinese', () => {
  it('finds name, mobile, resident id, address and plate', () => {
    const text = '客户张伟的手机号是13812345678，身份证号11010519491231002X，地址：北京市朝阳区建国路88号，车牌京A12345。';
    expect(found(text)).toEqual([
      ['PERSON', '张伟'],
      ['PHONE_NUMBER', '13812345678'],
      ['CN_RESIDENT_ID', '11010519491231002X'],
      ['STREET_ADDRESS', '北京市朝阳区建国路88号'],
      ['LICENSE_PLATE', '京A12345'],
    ]);
  });
  it('finds a name given as a labelled value', () => {
    expect(found('姓名：王小明')).toEqual([['PERSON', '王小明']]);
  });
});

describe('Singapore and other Asian ids', () => {
  it('finds NRIC, HKID, Taiwan id, Aadhaar with context', () => {
    const text = 'NRIC S1234567D, HKID A123456(3), 身分證 A123456789, Aadhaar 2341 2341 2346, PAN ABCPE1234F, NHS number 943 476 5919, NINO AB 12 34 56 C';
    expect(found(text).map(([t]) => t)).toEqual(['SG_NRIC_FIN', 'HK_ID', 'TW_ID', 'IN_AADHAAR', 'IN_PAN', 'UK_NHS', 'UK_NINO']);
  });
});

describe('hard negatives', () => {
  it.each([
    'Order #123456789 shipped on 2024-01-15.',
    'UUID 550e8400-e29b-41d4-a716-446655440000',
    'ISBN 978-3-16-148410-0',
    'Updated at 2024-05-01T12:33:10Z and 2024-05-01 10:30:00',
    'Total price $1,234.56 (EUR 1.234,56), qty 12',
    'SKU-88231-XL and part AB-1234-567',
    'version 1.2.3.4 and v10.0.19041.1',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'Card 4111 1111 1111 1112 fails Luhn',
    'invoice 4532015112830367',
    'The meeting is on March 3, 2024 in room 12.',
  ])('reports nothing in %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('scores', () => {
  it('context raises a score, a hint raises it further', () => {
    const bare = detect('536 22 1234', { minScore: 0 }).find((s) => s.type === 'US_SSN')!.score;
    const ctx = detect('SSN 536 22 1234', { minScore: 0 }).find((s) => s.type === 'US_SSN')!.score;
    const hinted = detect('536 22 1234', { minScore: 0, hints: ['ssn'] }).find((s) => s.type === 'US_SSN')!.score;
    expect(ctx).toBeGreaterThan(bare);
    expect(hinted).toBeGreaterThan(bare);
  });
  it('a column hint turns a plain number into a phone number', () => {
    expect(found('13812345678')).toEqual([]);
    expect(found('13812345678', { hints: ['手机号'] })).toEqual([['PHONE_NUMBER', '13812345678']]);
  });
  it('a date is a date of birth only with context', () => {
    expect(found('1990-01-15')).toEqual([]);
    expect(found('1990-01-15', { hints: ['dob'] })).toEqual([['DATE_OF_BIRTH', '1990-01-15']]);
    expect(found('geboren am 15.03.1985')).toEqual([['DATE_OF_BIRTH', '15.03.1985']]);
  });
  it('entities restricts the output and minScore filters it', () => {
    const text = 'mail a@example.com card 4111111111111111';
    expect(found(text, { entities: ['CREDIT_CARD'] })).toEqual([['CREDIT_CARD', '4111111111111111']]);
    expect(detect(text, { minScore: 1.01 })).toEqual([]);
  });
});

describe('overlaps and offsets', () => {
  it('keeps the best of overlapping candidates', () => {
    const kept = resolve([
      { start: 0, end: 10, type: 'PHONE_NUMBER', score: 0.6 },
      { start: 0, end: 10, type: 'UK_NHS', score: 0.9 },
      { start: 5, end: 20, type: 'PERSON', score: 0.5 },
      { start: 30, end: 35, type: 'EMAIL_ADDRESS', score: 0.9 },
    ]);
    expect(kept.map((c) => c.type)).toEqual(['UK_NHS', 'EMAIL_ADDRESS']);
  });
  it('an email is one span, not a name plus a URL', () => {
    expect(found('write to mary.johnson@example.org today')).toEqual([['EMAIL_ADDRESS', 'mary.johnson@example.org']]);
  });
  it('offsets are JS string indices after surrogate pairs', () => {
    const text = '😀👍🏽 é 𝒳 mail: a.b@example.com';
    const [span] = detect(text);
    expect(span).toBeDefined();
    expect(text.slice(span!.start, span!.end)).toBe('a.b@example.com');
    expect(span!.start).toBe(text.indexOf('a.b@'));
  });
  it('spans are sorted by start and carry categories', () => {
    const spans = detect('4111111111111111 and a@example.com');
    expect(spans.map((s) => s.category)).toEqual(['user.financial.credit_card', 'user.contact.email']);
    expect(spans[0]!.start).toBeLessThan(spans[1]!.start);
  });
});

describe('bad input', () => {
  it('never throws', () => {
    const nasty = ['', '\uD800\uDC00\uD800', '\u0000\u0001\uFFFF'.repeat(1000), 'a'.repeat(100_000) + '@', '1'.repeat(50_000), '@@@@....----'.repeat(1000), '-----BEGIN PRIVATE KEY-----'.repeat(100)];
    for (const s of nasty) expect(() => detect(s)).not.toThrow();
    expect(detect(undefined as unknown as string)).toEqual([]);
    expect(detect(42 as unknown as string)).toEqual([]);
  });
  it('handles binary-looking text and lone surrogates around a match', () => {
    const text = '\uDC00\u0000\u00ff 4111111111111111 \uD800';
    expect(found(text)).toEqual([['CREDIT_CARD', '4111111111111111']]);
  });
  it('stays fast on long digit and letter runs', () => {
    const t = performance.now();
    detect('9'.repeat(1_000_000));
    detect('A1'.repeat(500_000));
    detect('John '.repeat(200_000));
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('coordinates and IPv4 read from character codes before their regexes', () => {
  it('finds coordinate pairs with degrees, hemispheres and every separator', () => {
    expect(found('GPS 40.7128° N, 74.0060° W')).toEqual([['COORDINATES', '40.7128° N, 74.0060° W']]);
    expect(found('lat/lon 48.8566;2.3522')).toEqual([['COORDINATES', '48.8566;2.3522']]);
    expect(found('position 48.8566 N 2.3522 E')).toEqual([['COORDINATES', '48.8566 N 2.3522 E']]);
    expect(found('location: -33.8688 151.2093')).toEqual([['COORDINATES', '-33.8688 151.2093']]);
    expect(found('grid AB-48.8566, 2.3522')).toEqual([['COORDINATES', '48.8566, 2.3522']]);
  });
  it('reads no prices, versions or broken addresses as coordinates or IP addresses', () => {
    expect(found('total 1.234,56 € and 12.345, 67.89')).toEqual([]);
    expect(found('release v1.2.3 and 1.2.3.4.5')).toEqual([]);
    expect(found('ip 256.1.1.1 bad, at 1.2.3.4a')).toEqual([]);
    expect(found('host 10.0.0.1/24 up')).toEqual([['IP_ADDRESS', '10.0.0.1/24']]);
  });
});

describe('capitalised words in German and Spanish prose', () => {
  it('reads the name after a title, in any case and with ñ, and none in capitalised nouns', () => {
    expect(found('Vielen Dank für Ihre Anfrage, Frau Müller.')).toEqual([['PERSON', 'Müller']]);
    expect(found('Die Lieferung für Herrn Weber kommt am Montag.')).toEqual([['PERSON', 'Weber']]);
    expect(found('Señor Pérez llamó ayer')).toEqual([['PERSON', 'Pérez']]);
    expect(found('MRS Smith called')).toEqual([['PERSON', 'Smith']]);
    expect(found('Ihre Anfrage Maria Schmidt')).toEqual([['PERSON', 'Maria Schmidt']]);
    expect(found('Die Lieferung verzögert sich leider um einige Tage wegen des Feiertags.')).toEqual([]);
  });
});

describe('version numbers', () => {
  it('does not read a product version in a user agent as an IP address, but finds a bare one', () => {
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
    expect(detect(ua).filter((s) => s.type === 'IP_ADDRESS')).toEqual([]);
    expect(detect('the server at 10.1.2.3 is down').map((s) => s.type)).toContain('IP_ADDRESS');
  });
});

describe('MAC addresses, places and speed-path changes', () => {
  it('finds MAC addresses in colon, hyphen, Cisco and labelled forms', () => {
    expect(found('MAC 00-1A-2B-3C-4D-5E')).toEqual([['MAC_ADDRESS', '00-1A-2B-3C-4D-5E']]);
    expect(found('hwaddr=AA-BB-CC-DD-EE-01')).toEqual([['MAC_ADDRESS', 'AA-BB-CC-DD-EE-01']]);
    expect(found('mac:00:1a:2b:3c:4d:5e up')).toEqual([['MAC_ADDRESS', '00:1a:2b:3c:4d:5e']]);
    expect(found('bssid a4:5e:60:d2:1f:90')).toEqual([['MAC_ADDRESS', 'a4:5e:60:d2:1f:90']]);
    expect(found('switch port 001a.2b3c.4d5e')).toEqual([['MAC_ADDRESS', '001a.2b3c.4d5e']]);
    expect(found('MAC address 001A2B3C4D5E')).toEqual([['MAC_ADDRESS', '001A2B3C4D5E']]);
  });
  it('does not read times, versions or bare hex without context as MAC or IP', () => {
    expect(found('at:12:30:45 the job 3f2a9b7c1d0e ran, build 1a-2b')).toEqual([]);
    expect(found('commit 3f2a9b7c1d0e merged')).toEqual([]);
  });
  it('finds phone numbers written the usual ways, not order numbers, dates or prices', () => {
    for (const p of ['+44 20 7946 0958', '(020) 7946 0958', '+49 (0)30 1234567', '555.123.4567', '0151/23456789', '+86 138 0013 8000', '(11) 98765-4321', '+33 1 23 45 67 89', '+81 3-1234-5678']) {
      expect(found(`Tel: ${p}`)).toEqual([['PHONE_NUMBER', p]]);
    }
    expect(found('Reach me on +1-415-555-2671 ext. 123')).toContainEqual(['PHONE_NUMBER', '+1-415-555-2671 ext. 123']);
    expect(found('Order 4155552671 shipped')).toEqual([]);
    expect(found('Price 1234.56 EUR on 2024-01-05 at 10:30')).toEqual([]);
    expect(found('Invoice #20240105 total 1,234,567')).toEqual([]);
  });
  it('finds places from the gazetteer in context, multi-word names and Chinese places', () => {
    expect(found('He moved from Munich to Hamburg last year.')).toEqual([['LOCATION', 'Munich'], ['LOCATION', 'Hamburg']]);
    expect(found('Ela mora em Belo Horizonte.')).toEqual([['LOCATION', 'Belo Horizonte']]);
    expect(found('I visited São Paulo in May.')).toEqual([['LOCATION', 'São Paulo']]);
    expect(found('他住在上海市浦东新区。')).toEqual([['LOCATION', '上海市']]);
    expect(found('她来自广州。')).toEqual([['LOCATION', '广州']]);
    // A place name that is part of a longer capitalised name is not a place.
    expect(found('We sell the Berlin Chair in oak.').filter(([t]) => t === 'LOCATION')).toEqual([]);
  });
  it('reads full English addresses with a directional or a UK postcode', () => {
    expect(found('Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500')).toContainEqual(['STREET_ADDRESS', '1600 Pennsylvania Avenue NW, Washington, DC 20500']);
    expect(found('Address: 10 Downing Street, London SW1A 2AA')).toEqual([['STREET_ADDRESS', '10 Downing Street, London SW1A 2AA']]);
  });
  it('skips the digit groups of a spaced IBAN (no phone or card inside it)', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00')).toEqual([['IBAN_CODE', 'DE89 3704 0044 0532 0130 00']]);
  });
});

describe('phone numbers by country, and numbers that are not phones', () => {
  const phones = (text: string): string[] => found(text).filter(([t]) => t === 'PHONE_NUMBER').map(([, v]) => v);
  it('finds national and international forms of the US, UK, DE, BR, CN, SG, IN, JP, CA, HK and TW', () => {
    const cases: Array<[string, string]> = [
      ['Call me at (415) 555-2671 tomorrow.', '(415) 555-2671'],
      ['My number is 415-555-2671.', '415-555-2671'],
      ['reach me on 1-800-555-0199', '1-800-555-0199'],
      ['The front desk is 0207 946 0958.', '0207 946 0958'],
      ['mobile: 07911 123456', '07911 123456'],
      ['Telefon: 030 / 1234 5678', '030 / 1234 5678'],
      ['Handy: 0151 23456789', '0151 23456789'],
      ['Rufen Sie uns an unter +49 (0)89 1234567.', '+49 (0)89 1234567'],
      ['celular: (11) 98765-4321', '(11) 98765-4321'],
      ['WhatsApp: +55 11 98765-4321', '+55 11 98765-4321'],
      ['联系电话 +86 138 1234 5678', '+86 138 1234 5678'],
      ['电话：010-12345678', '010-12345678'],
      ['请拨打 0755-8888 6666', '0755-8888 6666'],
      ['(+65) 6123 4567', '(+65) 6123 4567'],
      ['Mobile: 9123 4567', '9123 4567'],
      ['India: +91 98765 43210', '+91 98765 43210'],
      ['Office: 98765 43215', '98765 43215'],
      ['携帯 090-1234-5678', '090-1234-5678'],
      ['Canada: (604) 555-0123', '(604) 555-0123'],
      ['Hong Kong: +852 2123 4567', '+852 2123 4567'],
      ['台北 (02) 2345-6789', '(02) 2345-6789'],
      ['Phone: +1 415 555 2671 ext. 23', '+1 415 555 2671 ext. 23'],
      ['Phone: +1-415-555-2671 x123', '+1-415-555-2671 x123'],
    ];
    for (const [text, phone] of cases) expect(phones(text), text).toEqual([phone]);
  });
  it('reads no phone inside a longer number, in another identifier\'s shape or label, or in an amount', () => {
    for (const text of [
      'CPF 537.972.251-81', 'CNPJ 30.765.624/1648-41', 'Aadhaar 0166 9018 6176', 'card number 4583 7300 1547 1338',
      'IBAN NL26 3146 2875 7661 7793 66', 'Tracking 5056 5478 1220 1354 1050 85', 'NHS number 702 766 5629', 'SIN 257-455-578',
      'Customer ID 899-286-7893', 'Case 869-865-5623', 'INV 0240/41868 due next week', 'Downloads: 642 844 525',
      'R$ 0.672.700,54', 'Price 0 392 313,50', 'release 2290.92.74', '订单号：2699-6658-65 has shipped.',
    ]) expect(phones(text), text).toEqual([]);
  });
  it('keeps the phone reading next to another labelled value', () => {
    expect(phones('John Smith, card 4111 1111 1111 1111, 415-555-2671')).toEqual(['415-555-2671']);
    expect(phones('SSN 536-22-1234 415-555-2671')).toEqual(['415-555-2671']);
    expect(phones('maria,415-555-2671,2024-01-05,ok')).toEqual(['415-555-2671']);
    expect(found('John Smith 415-555-2671 123 Main St, Springfield, IL 62701')).toEqual([
      ['PERSON', 'John Smith'], ['PHONE_NUMBER', '415-555-2671'], ['STREET_ADDRESS', '123 Main St, Springfield, IL 62701'],
    ]);
  });
});

describe('person names and street addresses', () => {
  const of = (type: string, text: string): string[] => found(text).filter(([t]) => t === type).map(([, v]) => v);
  it('reads no name in capitalised words after an article (catalogue prose of a held-out sample database)', () => {
    expect(of('PERSON', 'A Boring Epistle of a Butler And a Cat who must Fight a Pastry Chef in The Sahara Desert')).toEqual([]);
    expect(of('PERSON', 'A Fanciful Documentary of a Frisbee And a Lumberjack who must Chase a Monkey in A Shark Tank')).toEqual([]);
    expect(of('PERSON', 'A Thoughtful Panorama of a Database Administrator who must Outgun a Mad Scientist in A Jet Boat')).toEqual([]);
    expect(of('PERSON', 'Please call John Smith about an order.')).toEqual(['John Smith']);
  });
  it('takes the full name after salutations, phrases, titles and roles, with particles, hyphens and initials', () => {
    expect(of('PERSON', 'Hi Maria, your order shipped.')).toEqual(['Maria']);
    expect(of('PERSON', 'Hallo Jonas Weber, wie geht es?')).toEqual(['Jonas Weber']);
    expect(of('PERSON', 'My name is Ludwig van der Berg and I live here.')).toEqual(['Ludwig van der Berg']);
    expect(of('PERSON', 'Ich heiße Katharina von Bülow.')).toEqual(['Katharina von Bülow']);
    expect(of('PERSON', 'Anne-Marie O\'Connor will attend.')).toEqual(['Anne-Marie O\'Connor']);
    expect(of('PERSON', 'According to Oliver Schmidt-Hansen the shipment is late.')).toEqual(['Oliver Schmidt-Hansen']);
    expect(of('PERSON', 'Signed, Emily K. Johnson')).toEqual(['Emily K. Johnson']);
    expect(of('PERSON', 'Patient Wang Fang was admitted yesterday.')).toEqual(['Wang Fang']);
    expect(of('PERSON', 'Yesterday Zhang Wei called about the refund.')).toEqual(['Zhang Wei']);
    expect(of('PERSON', '尊敬的王伟先生，您好。')).toEqual(['王伟']);
    expect(of('PERSON', 'Apple Watch Series and Microsoft Teams were updated.')).toEqual([]);
    expect(of('PERSON', 'Hello team, meeting at 3.')).toEqual([]);
  });
  it('covers the street line through city and postcode', () => {
    for (const a of [
      'Goethestr. 12a, 60313 Frankfurt am Main', 'Am Markt 3, 28195 Bremen', 'Unter den Linden 77, 10117 Berlin',
      'Av. Paulista, 1578, Bela Vista, São Paulo - SP, 01310-200', '1 Raffles Place, #20-01, Singapore 048616',
      '55 Water Street, 12th Floor, New York, NY 10041', '12 rue de la Paix, 75002 Paris', 'Calle Mayor 10, 28013 Madrid',
      '台北市信義區信義路五段7號', '香港九龍尖沙咀彌敦道100號', '上海市徐汇区漕溪北路88弄3号1201室',
    ]) expect(of('STREET_ADDRESS', `Address: ${a}.`), a).toEqual([a]);
    expect(of('STREET_ADDRESS', 'In 2020 we moved. Am Ende 5 Leute.')).toEqual([]);
  });
});

describe('CA_SIN, MAC_ADDRESS and JP_MY_NUMBER rules', () => {
  const of = (type: string, text: string): string[] => detect(text).filter((s) => s.type === type).map((s) => text.slice(s.start, s.end));
  it('finds SINs in the three written forms with English and French context', () => {
    for (const v of ['130 692 544', '130-692-544', '130692544']) {
      for (const t of [`SIN: ${v}`, `My SIN is ${v}.`, `social insurance number ${v}`, `Social Insurance No. ${v}`, `NAS : ${v}`, `numéro d'assurance sociale ${v}`, `Numéro d’assurance sociale : ${v}`, `S.I.N. ${v}`, `SIN #${v}`, `SIN#${v}`, `social-insurance number ${v}`, `Social Ins. No.: ${v}`]) {
        expect(found(t), t).toEqual([['CA_SIN', v]]);
      }
    }
  });
  it('does not take a SIN that an SSN word names, nor the reverse', () => {
    expect(found('SSN: 536221234')).toEqual([['US_SSN', '536221234']]);
    expect(found('his social is 536-22-1234')).toEqual([['US_SSN', '536-22-1234']]);
    // 130692544 passes both the SSN rules and Luhn: the words decide.
    expect(found('social insurance number 130692544')).toEqual([['CA_SIN', '130692544']]);
    expect(found('SSN 130692544')).toEqual([['US_SSN', '130692544']]);
    expect(found('Social Security number 130692544')).toEqual([['US_SSN', '130692544']]);
  });
  it('rejects SIN near misses and plain 9-digit numbers without context', () => {
    expect(of('CA_SIN', 'SIN: 130 692 545')).toEqual([]); // Luhn fails
    expect(of('CA_SIN', 'SIN: 046 454 286')).toEqual([]); // 0 is never issued
    expect(of('CA_SIN', 'SIN: 812 345 676')).toEqual([]); // 8: business numbers
    expect(of('CA_SIN', 'SIN: 13069254')).toEqual([]); // 8 digits
    expect(found('Please update record 130692544 today')).toEqual([]);
    expect(found('Total 130.692.544 paid')).toEqual([]);
    expect(found('SIN 130.692.544')).toEqual([['CA_SIN', '130.692.544']]);
    expect(found('ticket #130692544 closed')).toEqual([]);
  });
  it('finds MAC addresses after labels, in all forms, without trailing punctuation', () => {
    const cases: Array<[string, string]> = [
      ['MAC: 00:1A:2B:3C:4D:5E.', '00:1A:2B:3C:4D:5E'],
      ['Wi-Fi MAC 00-1a-2b-3c-4d-5e, ok', '00-1a-2b-3c-4d-5e'],
      ['MAC-Adresse 001A.2B3C.4D5E.', '001A.2B3C.4D5E'],
      ['endereço MAC 001A2B3C4D5E.', '001A2B3C4D5E'],
      ['hwaddr 001a2b3c4d5e', '001a2b3c4d5e'],
      ['ether 00:1a:2b:3c:4d:5e)', '00:1a:2b:3c:4d:5e'],
      ['BSSID=A4:5E:60:D2:1F:90;', 'A4:5E:60:D2:1F:90'],
      ['mac address 00:1a:2b:3c:4d:5e: link up', '00:1a:2b:3c:4d:5e'],
      ['Adresse MAC : 00-1A-2B-3C-4D-5E-', '00-1A-2B-3C-4D-5E'],
    ];
    for (const [t, v] of cases) expect(found(t), t).toEqual([['MAC_ADDRESS', v]]);
  });
  it('rejects broadcast and zero MACs, 7-group and 5-group near misses, and bare hex without a label', () => {
    for (const t of ['MAC ff:ff:ff:ff:ff:ff', 'MAC 00-00-00-00-00-00', 'MAC ffff.ffff.ffff', 'MAC 000000000000', 'MAC FFFFFFFFFFFF']) expect(of('MAC_ADDRESS', t), t).toEqual([]);
    expect(of('MAC_ADDRESS', 'MAC 00:1a:2b:3c:4d:5e:6f')).toEqual([]);
    expect(of('MAC_ADDRESS', 'MAC 00:1a:2b:3c:4d')).toEqual([]);
    expect(of('MAC_ADDRESS', 'sha 001a2b3c4d5e done')).toEqual([]);
  });
  it('does not read the last group of a UUID as a MAC, even beside a MAC word', () => {
    expect(of('MAC_ADDRESS', 'device abcdef01-abcd-abcd-abcd-f2f55e6bbd16 joined')).toEqual([]);
    expect(of('MAC_ADDRESS', 'mac: ABCDEF01-ABCD-ABCD-ABCD-F2F55E6BBD16')).toEqual([]);
    // Not a UUID before it (its first group one short): still a MAC with its word.
    expect(found('device abcdef0-abcd-abcd-abcd-f2f55e6bbd16 joined')).toEqual([['MAC_ADDRESS', 'f2f55e6bbd16']]);
    expect(found('device f2f55e6bbd16 joined')).toEqual([['MAC_ADDRESS', 'f2f55e6bbd16']]);
  });
  it('finds My Numbers with Japanese and English context, and without context at a moderate score', () => {
    for (const v of ['2345 6789 0121', '2345-6789-0121', '234567890121']) {
      for (const t of [`マイナンバー: ${v}`, `個人番号は${v}です`, `My Number ${v}`, `individual number: ${v}.`]) expect(found(t), t).toEqual([['JP_MY_NUMBER', v]]);
      const bare = detect(`Record ${v} updated`);
      expect(bare.map((s) => s.type)).toEqual(['JP_MY_NUMBER']);
      expect(bare[0]!.score).toBeLessThan(0.7);
    }
  });
  it('decides My Number against Aadhaar by checksum, then by context', () => {
    // Both checks pass: the context word decides.
    expect(found('マイナンバー 2345 6789 0130')).toEqual([['JP_MY_NUMBER', '2345 6789 0130']]);
    expect(found('Aadhaar 2345 6789 0130')).toEqual([['IN_AADHAAR', '2345 6789 0130']]);
    // Only one passes: that one, whatever the other's words say.
    expect(found('My Number 2345 6789 0124')).toEqual([['IN_AADHAAR', '2345 6789 0124']]);
    expect(found('Aadhaar 2345 6789 0121')).toEqual([['JP_MY_NUMBER', '2345 6789 0121']]);
    expect(found('マイナンバー 2345 6789 0121')).toEqual([['JP_MY_NUMBER', '2345 6789 0121']]);
  });
  it('rejects My Number near misses: wrong check digit, 11 or 13 digits, a phone, a failed card prefix', () => {
    expect(of('JP_MY_NUMBER', 'マイナンバー: 2345 6789 0122')).toEqual([]);
    expect(of('JP_MY_NUMBER', 'My Number 23456789012')).toEqual([]);
    expect(of('JP_MY_NUMBER', 'My Number 2345678901213')).toEqual([]);
    expect(of('JP_MY_NUMBER', 'Tel +81 90 1234 5678')).toEqual([]);
    expect(found('Card 4111 1111 1111 1112 fails Luhn')).toEqual([]);
    expect(found('Order 234567890121 shipped')).toEqual([]);
    expect(found('FedEx 234567890121 delivered')).toEqual([]);
    expect(found('Your parcel 2345 6789 0121 is on its way')).toEqual([]);
    expect(found('Your parcel to Tanaka, マイナンバー 2345 6789 0121')).toContainEqual(['JP_MY_NUMBER', '2345 6789 0121']);
  });
});

describe('readings that cannot reach the threshold', () => {
  it('are dropped before scoring only when a floor is set and no hints are given', () => {
    const text = 'ref 482913756 noted';
    const types = (floor: number, hints?: string[]): string[] => candidates(text, hints ? { hints } : {}, [], floor).map((c) => c.type);
    // Column classification (floor 0) still sees the context-only readings of a plain number.
    expect(types(0)).toEqual(expect.arrayContaining(['PASSPORT', 'US_BANK_NUMBER', 'US_DRIVER_LICENSE']));
    expect(types(0.5)).not.toContain('PASSPORT');
    expect(types(0.5, ['passport_no'])).toContain('PASSPORT');
    expect(found('passport 482913756 noted')).toContainEqual(['PASSPORT', '482913756']);
  });

  it('keeps a phone reading whose lower layout score escapes the other-identifier penalty', () => {
    // "payment" (a card word) before the number takes 0.4 off a phone score of 0.5 or more; a
    // reading scored 0.3 keeps its 0.3, so at minScore 0.3 the number is still validated.
    const text = '2025-03-08T06:57:52.395Z WARN  [payments] record updated fw=123.0.6480.72 dur=448ms';
    expect(found(text, { minScore: 0.3 })).toContainEqual(['PHONE_NUMBER', '123.0.6480.72']);
    expect(found(text)).toEqual([]);
  });
});

describe('timestamps', () => {
  it('reads nothing in the timestamps that open log lines, in every common form', () => {
    for (const t of [
      '2025-04-27T00:04:42.557Z WARN commit 1ab4d0e took 523ms',
      '2021-12-20 08:35:00 INFO worker-9 processed a batch',
      '2026-07-16T05:48:16+08:00 INFO done',
      '2026-07-16T05:48:16Z, done',
      '{"at":"2026-07-16 05:48"}',
    ]) expect(detect(t, { minScore: 0 }), t).toEqual([]);
  });
  it('still finds what follows a timestamp, and a MAC address written after a time', () => {
    expect(found('seen 2021-12-20T08:35:00Z 221B Baker Street')).toEqual([['STREET_ADDRESS', '221B Baker Street']]);
    expect(found('ts=2026-07-16T05:48:16+08:00 mac 10:20:30:40:50:6a')).toEqual([['MAC_ADDRESS', '10:20:30:40:50:6a']]);
    expect(found('2021-12-20 08:35 phone 415-555-0100')).toEqual([['PHONE_NUMBER', '415-555-0100']]);
  });
  it('ends the timestamp at its seconds: the digits after it are a value of their own', () => {
    expect(found('call 2021-12-20 08:35:00 (415) 555-0100')).toEqual([['PHONE_NUMBER', '(415) 555-0100']]);
    expect(found('2021-12-20 08:35:00 3 March 1990 born')).toEqual([['DATE_OF_BIRTH', '3 March 1990']]);
    expect(found('at 2021-12-20 08:35:00 221 Baker Street, London').map(([t]) => t)).toContain('STREET_ADDRESS');
    // The same after a zone, a fraction with Z, and a Z.
    expect(found('call 2026-07-16T05:48:16+08:00 (415) 555-0100')).toEqual([['PHONE_NUMBER', '(415) 555-0100']]);
    expect(found('call 2026-07-16T05:48:16.123Z (415) 555-0100')).toEqual([['PHONE_NUMBER', '(415) 555-0100']]);
    expect(found('2026-07-16T05:48:16Z 3 March 1990 born')).toEqual([['DATE_OF_BIRTH', '3 March 1990']]);
  });
});
