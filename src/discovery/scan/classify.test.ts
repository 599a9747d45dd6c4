/**
 * The column classifier on columns it was not built around: other languages' column names, other
 * value formats, catalogue and operational columns that must stay clean, and thin samples.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../connectors/connector.js';
import { createColumnClassifier, wilsonLowerBound } from './classify.js';

function classify(name: string, values: (string | null)[], kind: ColumnInfo['kind'] = 'text', table?: string) {
  const classifier = createColumnClassifier({ name, dataType: kind, kind, nullable: true, primaryKey: false }, table ? { table } : {});
  for (const value of values) classifier.add(value);
  return classifier.finish();
}

const repeat = <T>(items: T[], times: number): T[] => Array.from({ length: times }, () => items).flat();

describe('column classifier', () => {
  it('reads personal data under German, Portuguese and Chinese column names', () => {
    expect(classify('vorname', repeat(['Lukas', 'Anna', 'Jonas', 'Marie', 'Felix'], 6)).entity).toBe('PERSON');
    expect(classify('geburtsdatum', repeat(['1984-03-12', '1990-11-02', '1975-07-30'], 10), 'temporal').entity).toBe('DATE_OF_BIRTH');
    expect(classify('手机号', repeat(['13812345678', '13987654321', '15011112222'], 10)).entity).toBe('PHONE_NUMBER');
    expect(classify('身份证号', repeat(['11010519491231002X', '440524188001010014'], 10))).toMatchObject({ entity: 'CN_RESIDENT_ID', level: 'L4' });
    expect(classify('cpf_cliente', repeat(['529.982.247-25', '111.444.777-35'], 10))).toMatchObject({ entity: 'BR_CPF', level: 'L4' });
    expect(classify('telefone', repeat(['(11) 91234-5678', '(21) 99876-5432', '+55 31 98765-4321'], 10)).entity).toBe('PHONE_NUMBER');
  });

  it('takes phone-shaped values under a phone column name as phone numbers even when they fail validation, at reduced confidence', () => {
    // Made-up numbers (a public sample schema stores them as bare digits) fail libphonenumber's checks.
    const made = classify('phone', repeat(['14033335568', '6172235589', '28303384290', '838635286649', '705814003527'], 6));
    expect(made).toMatchObject({ entity: 'PHONE_NUMBER', category: 'user.contact.phone_number' });
    expect(made.confidence).toBeLessThan(0.7);
    expect(classify('phone', repeat(['n/a', 'unknown', 'see notes'], 10)).entity).toBeNull();
    expect(classify('order_number', repeat(['14033335568', '6172235589', '28303384290'], 10)).entity).toBeNull();
  });

  it('does not take catalogue prose that names places for personal data', () => {
    const films = repeat(['A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies', 'A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car in Ancient China', 'A Boring Epistle of a Butler And a Cat who must Fight a Pastry Chef in The Sahara Desert', 'A Fanciful Documentary of a Frisbee And a Lumberjack who must Chase a Monkey in A Shark Tank'], 5);
    expect(classify('description', films, 'text', 'film').entity).toBeNull();
  });

  it('takes a photo column for personal data by its name: avatars anywhere, a bare picture only in a table of people', () => {
    // Binary columns are never read: their name is all there is (a held-out sample's staff.picture).
    expect(classify('picture', [null, null, null], 'binary', 'staff')).toMatchObject({ entity: 'PHOTO', category: 'user.content.self_image', level: 'L3' });
    expect(classify('avatar_url', [null], 'binary').entity).toBeNull();
    expect(classify('avatar', [null, null], 'binary', 'accounts')).toMatchObject({ entity: 'PHOTO' });
    expect(classify('profile_photo', [null, null], 'binary')).toMatchObject({ entity: 'PHOTO' });
    expect(classify('picture', [null, null], 'binary', 'product').entity).toBeNull();
    expect(classify('image', [null, null], 'binary', 'film').entity).toBeNull();
    expect(classify('photo', [null, null], 'binary').entity).toBeNull();
  });

  it('takes a username column by its name (any handle can be a username)', () => {
    expect(classify('username', repeat(['Mike', 'Jon', 'dbadmin', 'x_42', 'mhillyer'], 5))).toMatchObject({ entity: 'USERNAME', category: 'user.account.username' });
    expect(classify('user_name', repeat(['mhillyer', 'jstephens', 'anna.k', 'wei88', 'lukas_m'], 5)).entity).toBe('USERNAME');
    // A `login` column of timestamps is not a username.
    expect(classify('login', repeat(['2024-05-01T10:00:00Z', '2024-05-02T11:30:00Z'], 5), 'temporal').entity).toBeNull();
  });

  it('takes a notes column for free text only when its values vary', () => {
    expect(classify('notes', repeat(['active', 'active', 'inactive'], 10)).entity).toBeNull();
    expect(classify('notes', repeat(['called back, wants a refund', 'left a voicemail', 'asked about delivery times', 'complained about the courier', 'happy with the fix'], 4)).entity).toBe('FREE_TEXT');
  });

  it('reads a bare `name` column as a person only in a table of people', () => {
    const genres = repeat(['Action', 'Animation', 'Children', 'Classics', 'Comedy', 'Documentary', 'Drama', 'Family', 'Foreign', 'Games', 'Horror', 'Music', 'New', 'Sci-Fi', 'Sports', 'Travel'], 2);
    expect(classify('name', genres, 'text', 'category').entity).toBeNull();
    expect(classify('name', repeat(['English', 'Italian', 'Japanese', 'Mandarin', 'French', 'German'], 5), 'text', 'language').entity).toBeNull();
    expect(classify('name', repeat(['Maria Silva', 'John Smith', 'Anna Müller', 'Wei Zhang', 'Emma Johnson'], 6), 'text', 'customers').entity).toBe('PERSON');
    expect(classify('name', repeat(['Maria Silva', 'John Smith', 'Anna Müller', 'Wei Zhang', 'Emma Johnson'], 6), 'text', 'crm_contact').entity).toBe('PERSON');
  });

  it('finds e-mails and IBANs under names that say nothing', () => {
    expect(classify('col_7', repeat(['ana@example.org', 'li.wei@example.cn', 'max@example.de'], 10)).entity).toBe('EMAIL_ADDRESS');
    expect(classify('ref', repeat(['DE89370400440532013000', 'GB82WEST12345698765432'], 10))).toMatchObject({ entity: 'IBAN_CODE', level: 'L4' });
  });

  it('leaves catalogue and operational columns clean', () => {
    const clean: [string, string[], ColumnInfo['kind']?][] = [
      ['product_name', ['Oak Side Table', 'Linen Throw Pillow', 'Ceramic Mug Set', 'Steel Water Bottle']],
      ['sku', ['SKU-10023', 'SKU-10024', 'AB-778-X', 'ZX-1000']],
      ['price', ['19.99', '249.00', '5.50', '1299.00'], 'number'],
      ['order_number', ['ORD-2024-000123', 'ORD-2024-000124', 'ORD-2024-000125']],
      ['status', ['shipped', 'pending', 'cancelled', 'delivered']],
      ['created_at', ['2024-05-01T10:00:00Z', '2024-05-02T11:30:00Z'], 'temporal'],
      ['request_id', ['5f0c8a2e-0b7d-4c1e-9a55-0c2b8f1e7d11', 'a3d1c0b2-7e44-4f0a-8c9b-3e2d1f0a9b88']],
      ['git_sha', ['3f786850e387550fdab836ed7e6dc881de23001b', '89e6c98d92887913cadf06b2adb97f26cde4849b']],
      ['isbn', ['978-3-16-148410-0', '978-0-306-40615-7']],
      ['quantity', ['1', '2', '12', '3'], 'number'],
    ];
    for (const [name, values, kind] of clean) {
      const finding = classify(name, repeat(values, 10), kind);
      expect({ name, entity: finding.entity }).toEqual({ name, entity: null });
    }
  });

  it('does not decide from one lucky value, and says how sure it is', () => {
    const mostlyNoise = classify('misc', ['ana@example.org', ...repeat(['n/a', 'none', 'tbd'], 10)]);
    expect(mostlyNoise.entity).toBeNull();
    const few = classify('email', ['ana@example.org', 'max@example.de']);
    const many = classify('email', repeat(['ana@example.org', 'max@example.de'], 50));
    expect(few.entity).toBe('EMAIL_ADDRESS');
    expect(many.confidence).toBeGreaterThan(few.confidence);
    expect(wilsonLowerBound(2, 2)).toBeLessThan(wilsonLowerBound(100, 100));
  });

  it('grades free text by the most sensitive thing in it, with masked examples only', () => {
    const notes = repeat(
      [
        'Customer called about the delivery, all fine now.',
        'Patient reports diabetes type 2, asked to reschedule the appointment.',
        'Please send the invoice to finance@example.com before Friday.',
        'Left a voicemail, will try again tomorrow morning.',
      ],
      10,
    );
    const finding = classify('notes', notes);
    expect(finding.evidence.freeText).toBe(true);
    expect(finding.entity).not.toBeNull();
    for (const example of finding.examples) expect(example).not.toContain('finance@example.com');
  });

  it('recognises JSON documents whatever the column type says', () => {
    const finding = classify('payload', repeat(['{"user":{"email":"ana@example.org"},"plan":"pro"}', '{"user":{"email":"max@example.de"}}'], 10));
    expect(finding).toMatchObject({ entity: 'EMAIL_ADDRESS', evidence: { freeText: true } });
  });

  it('uses the name alone only where values cannot speak', () => {
    expect(classify('password_hash', repeat(['$2b$12$KIXQJ9lQ0V7Z7YwL8M3r9eQ2m1uHn7bXcYp1a2b3c4d5e6f7g8h9i'], 10)).level).toBe('L4');
    expect(classify('device_id', repeat(['5f0c8a2e-0b7d-4c1e-9a55-0c2b8f1e7d11'], 10))).toMatchObject({ entity: 'DEVICE_ID', level: 'L2' });
    expect(classify('shipping_address_id', repeat(['1201', '1202', '1377'], 10), 'number').entity).toBeNull();
    expect(classify('religion', [null, null, null]).entity).toBe('RELIGION');
  });
});
