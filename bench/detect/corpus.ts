/**
 * The labeled corpus for the detection benchmark: deterministic by seed, several locales, and
 * several kinds of text (support e-mails, chat messages, web forms, log lines, CSV rows, JSON
 * fragments), with hard negatives that must not be labeled.
 *
 * Record: {"id","text","spans":[{"start","end","type"}],"locale","kind","negatives":[{"start","end","kind"}]}
 * Offsets are JavaScript string indices (UTF-16 code units), end exclusive.
 *
 * Labeling conventions (the way Presidio and a careful human annotator label):
 * - PERSON covers the full name as written (given and family names, middle initial), without a
 *   title (Mr., Dr.) or greeting; Chinese and Japanese names cover surname and given name.
 * - PHONE_NUMBER covers the number as written, including a leading + and country code, a trunk
 *   prefix (0) and parentheses around an area code.
 * - EMAIL_ADDRESS covers the address only (no mailto:, no angle brackets).
 * - URL runs from the scheme to the last character of the path or query; trailing sentence
 *   punctuation, quotes and brackets are excluded.
 * - STREET_ADDRESS covers a postal address as written in one run: house number, street, unit and,
 *   when they follow in the same run, district, city, region and postcode. LOCATION is a city,
 *   region or country named on its own.
 * - DATE_OF_BIRTH is a date that the text says is a birth date (DOB, born on, Geburtsdatum,
 *   出生日期 …); only the date is labeled, not the context word. Other dates (orders, log
 *   timestamps, appointments) are not labeled.
 * - Identifiers (cards, IBANs, national IDs, routing numbers) cover the value as written with its
 *   internal separators; the label before it (SSN:, CPF) is not part of the span. A Hong Kong
 *   ID's check digit in parentheses is part of it: A123456(7).
 * - IP_ADDRESS is the address without a port; MAC_ADDRESS the whole address; CRYPTO the wallet address.
 * - In CSV and JSON, the span is the value inside the quotes, never the quotes or the key.
 * - Hard negatives are not labeled; they are listed in `negatives` so that false positives on
 *   them can be counted: order and invoice numbers, UUIDs, ISBN-13s, timestamps and dates that
 *   are not birth dates, prices, SKUs, tracking numbers, version strings, git SHAs, and numbers
 *   shaped like identifiers that FAIL their checksum (`invalid_card`, `invalid_iban`, …).
 */
import { allFakers, type Faker } from '@faker-js/faker';
import * as g from './generators.js';
import { Rng } from './rng.js';
import type { CorpusRecord, EntityType, Kind, Negative, Span } from './types.js';

type Lang = 'en' | 'de' | 'pt' | 'zh' | 'zh_TW' | 'ja';

interface LocaleSpec {
  id: string;
  lang: Lang;
  faker: string;
  weight: number;
  entities: readonly (readonly [EntityType, number])[];
}

const COMMON_EN: readonly (readonly [EntityType, number])[] = [
  ['EMAIL_ADDRESS', 8],
  ['PHONE_NUMBER', 9],
  ['PERSON', 7],
  ['STREET_ADDRESS', 5],
  ['LOCATION', 4],
  ['CREDIT_CARD', 5],
  ['IP_ADDRESS', 4],
  ['MAC_ADDRESS', 2],
  ['URL', 4],
  ['CRYPTO', 2],
  ['DATE_OF_BIRTH', 4],
];

const LOCALES: readonly LocaleSpec[] = [
  { id: 'en_US', lang: 'en', faker: 'en_US', weight: 20, entities: [...COMMON_EN, ['US_SSN', 14], ['US_ITIN', 9], ['ABA_ROUTING', 9], ['IBAN_CODE', 2]] },
  { id: 'de', lang: 'de', faker: 'de', weight: 12, entities: [...COMMON_EN, ['IBAN_CODE', 14], ['DE_TAX_ID', 14]] },
  { id: 'pt_BR', lang: 'pt', faker: 'pt_BR', weight: 12, entities: [...COMMON_EN, ['BR_CPF', 16], ['BR_CNPJ', 12], ['IBAN_CODE', 1]] },
  { id: 'zh_CN', lang: 'zh', faker: 'zh_CN', weight: 12, entities: [...COMMON_EN, ['CN_RESIDENT_ID', 22]] },
  { id: 'en_SG', lang: 'en', faker: 'en', weight: 10, entities: [...COMMON_EN, ['SG_NRIC_FIN', 22]] },
  { id: 'en_GB', lang: 'en', faker: 'en_GB', weight: 8, entities: [...COMMON_EN, ['UK_NHS', 16], ['UK_NINO', 16], ['IBAN_CODE', 8]] },
  { id: 'en_IN', lang: 'en', faker: 'en_IN', weight: 7, entities: [...COMMON_EN, ['IN_AADHAAR', 18], ['IN_PAN', 16]] },
  { id: 'en_CA', lang: 'en', faker: 'en_CA', weight: 5, entities: [...COMMON_EN, ['CA_SIN', 26]] },
  { id: 'ja', lang: 'ja', faker: 'ja', weight: 5, entities: [...COMMON_EN, ['JP_MY_NUMBER', 26]] },
  { id: 'zh_TW', lang: 'zh_TW', faker: 'zh_TW', weight: 4, entities: [...COMMON_EN, ['TW_ID', 26]] },
  { id: 'en_HK', lang: 'en', faker: 'en_HK', weight: 5, entities: [...COMMON_EN, ['HK_ID', 26]] },
];

// ---------------------------------------------------------------- words per language

/** Labels people write before a value, per language (English is the fallback). */
const LABELS: Record<EntityType, Partial<Record<Lang, string[]>> & { en: string[]; key: string[] }> = {
  EMAIL_ADDRESS: { en: ['email', 'email address', 'e-mail'], de: ['E-Mail', 'E-Mail-Adresse', 'Mail'], pt: ['e-mail', 'email'], zh: ['邮箱', '电子邮件'], zh_TW: ['電子郵件', '信箱'], ja: ['メールアドレス', 'メール'], key: ['email', 'user_email', 'contact_email'] },
  PHONE_NUMBER: { en: ['phone', 'phone number', 'mobile', 'cell'], de: ['Telefon', 'Handynummer', 'Tel.'], pt: ['telefone', 'celular', 'WhatsApp'], zh: ['手机号', '电话', '联系电话'], zh_TW: ['手機', '電話'], ja: ['電話番号', '携帯'], key: ['phone', 'mobile', 'msisdn'] },
  CREDIT_CARD: { en: ['card number', 'credit card', 'Visa', 'card'], de: ['Kreditkarte', 'Kartennummer'], pt: ['cartão', 'número do cartão'], zh: ['信用卡号', '银行卡号'], zh_TW: ['信用卡號'], ja: ['カード番号', 'クレジットカード番号'], key: ['card', 'card_number', 'pan'] },
  IBAN_CODE: { en: ['IBAN', 'bank account (IBAN)'], de: ['IBAN', 'Bankverbindung'], pt: ['IBAN'], key: ['iban', 'bank_account'] },
  US_SSN: { en: ['SSN', 'social security number', 'social'], key: ['ssn', 'social_security_number'] },
  US_ITIN: { en: ['ITIN', 'taxpayer ID (ITIN)'], key: ['itin', 'taxpayer_id'] },
  UK_NHS: { en: ['NHS number', 'NHS no.'], key: ['nhs_number', 'nhs_no'] },
  UK_NINO: { en: ['National Insurance number', 'NI number', 'NINO'], key: ['ni_number', 'nino'] },
  CN_RESIDENT_ID: { en: ['resident ID'], zh: ['身份证号', '身份证号码', '公民身份号码'], key: ['id_card', 'sfzh', 'id_number'] },
  SG_NRIC_FIN: { en: ['NRIC', 'FIN', 'IC number'], key: ['nric', 'nric_fin'] },
  BR_CPF: { en: ['CPF'], pt: ['CPF', 'nº do CPF'], key: ['cpf'] },
  BR_CNPJ: { en: ['CNPJ'], pt: ['CNPJ', 'CNPJ da empresa'], key: ['cnpj'] },
  CA_SIN: { en: ['SIN', 'social insurance number'], key: ['sin', 'social_insurance_number'] },
  IN_AADHAAR: { en: ['Aadhaar', 'Aadhaar number', 'UID'], key: ['aadhaar', 'aadhaar_no'] },
  IN_PAN: { en: ['PAN', 'PAN card number'], key: ['pan', 'pan_no'] },
  IP_ADDRESS: { en: ['IP', 'IP address'], de: ['IP-Adresse'], pt: ['IP', 'endereço IP'], zh: ['IP地址', 'IP'], zh_TW: ['IP位址'], ja: ['IPアドレス'], key: ['ip', 'client_ip', 'remote_addr'] },
  MAC_ADDRESS: { en: ['MAC address', 'MAC'], de: ['MAC-Adresse'], pt: ['endereço MAC'], zh: ['MAC地址'], zh_TW: ['MAC位址'], ja: ['MACアドレス'], key: ['mac', 'hw_addr', 'device_mac'] },
  URL: { en: ['profile', 'link', 'website'], de: ['Link', 'Profil'], pt: ['link', 'perfil'], zh: ['链接', '主页'], zh_TW: ['連結'], ja: ['リンク'], key: ['url', 'profile_url', 'website'] },
  CRYPTO: { en: ['BTC address', 'wallet', 'ETH wallet'], de: ['Wallet', 'Bitcoin-Adresse'], pt: ['carteira', 'endereço da carteira'], zh: ['钱包地址', '比特币地址'], zh_TW: ['錢包地址'], ja: ['ウォレットアドレス'], key: ['wallet', 'btc_address', 'payout_address'] },
  DATE_OF_BIRTH: { en: ['date of birth', 'DOB', 'birthday'], de: ['Geburtsdatum', 'geb.'], pt: ['data de nascimento', 'nascimento'], zh: ['出生日期', '生日'], zh_TW: ['出生日期'], ja: ['生年月日'], key: ['dob', 'birth_date', 'date_of_birth'] },
  PERSON: { en: ['name', 'full name'], de: ['Name', 'Vor- und Nachname'], pt: ['nome', 'nome completo'], zh: ['姓名', '联系人'], zh_TW: ['姓名'], ja: ['氏名', 'お名前'], key: ['name', 'full_name', 'customer_name'] },
  STREET_ADDRESS: { en: ['address', 'shipping address'], de: ['Adresse', 'Anschrift', 'Lieferadresse'], pt: ['endereço', 'endereço de entrega'], zh: ['地址', '收货地址'], zh_TW: ['地址'], ja: ['住所'], key: ['address', 'street_address', 'shipping_address'] },
  LOCATION: { en: ['city', 'location'], de: ['Ort', 'Stadt'], pt: ['cidade'], zh: ['城市', '所在地'], zh_TW: ['城市'], ja: ['都市'], key: ['city', 'location'] },
  ABA_ROUTING: { en: ['routing number', 'ABA routing number', 'routing #'], key: ['routing_number', 'aba'] },
  JP_MY_NUMBER: { en: ['My Number'], ja: ['マイナンバー', '個人番号'], key: ['my_number', 'kojin_bango'] },
  DE_TAX_ID: { en: ['German tax ID'], de: ['Steuer-ID', 'Steueridentifikationsnummer', 'IdNr.'], key: ['steuer_id', 'tax_id'] },
  HK_ID: { en: ['HKID', 'HK identity card number', 'ID card'], key: ['hkid', 'id_card_no'] },
  TW_ID: { en: ['Taiwan ID'], zh_TW: ['身分證字號', '身分證號碼'], key: ['national_id', 'id_no'] },
};

interface LangWords {
  frames: string[];
  special: Partial<Record<EntityType, string[]>>;
  join: string[];
  end: string;
  greetings: string[];
  intros: string[];
  signoffs: string[];
  chatStarts: string[];
  chatEnds: string[];
  negatives: string[];
  formNeg: Record<string, string>;
}

const WORDS: Record<Lang, LangWords> = {
  en: {
    frames: ['my {label} is {v}', '{Label}: {v}', 'here is my {label}: {v}', 'please update my {label} to {v}', 'the {label} on file should be {v}', 'can you double-check {v}'],
    special: {
      PERSON: ['my name is {v}', "I'm {v}", 'this is {v}', 'please ask {v} to call me back', 'the account holder is {v}', 'I spoke with {v} yesterday', 'the parcel is for Mr. {v}'],
      LOCATION: ['I live in {v}', "I'm based in {v}", 'I am moving to {v} next month', 'we ship from {v}', 'our office in {v} is closed'],
      STREET_ADDRESS: ['I live at {v}', 'please ship it to {v}', 'my new address is {v}', 'Address: {v}'],
      DATE_OF_BIRTH: ['I was born on {v}', 'DOB: {v}', 'my date of birth is {v}', 'birthday {v}'],
      URL: ['my profile is {v}', 'see {v}', 'the link is {v}', 'I uploaded it to {v}'],
    },
    join: ['. ', '. ', ', and ', '; '],
    end: '.',
    greetings: ['Hello,', 'Hi team,', 'Dear Support,', 'Hi {PERSON},', 'Dear {PERSON},'],
    intros: ['I have a problem with my order.', 'I need to update my account details.', 'I was charged twice this month.', 'Please update my profile.', 'I cannot log in since yesterday.', 'My package never arrived.'],
    signoffs: ['Thanks,\n{PERSON}', 'Best regards,\n{PERSON}', 'Thanks', 'Cheers', 'Kind regards'],
    chatStarts: ['hey ', 'hi, ', 'ok so ', '', 'quick question: '],
    chatEnds: ['', ' thx', ' thanks!', ' :)', ' ?'],
    negatives: ['my order number is {order}', 'invoice {invoice} is still unpaid', 'tracking {tracking} has not moved', 'it cost {price}', 'the item is {sku}', 'I am on app version {version}', 'request id {uuid}', 'the order was placed on {date}', 'the reference on the letter is {lookalike}', 'the book is ISBN {isbn}', 'it broke after build {sha}'],
    formNeg: { order: 'Order number', date: 'Order date', price: 'Amount', lookalike: 'Reference' },
  },
  de: {
    frames: ['{Label}: {v}', 'anbei {label} {v}', 'bitte ändern Sie {label} auf {v}', 'können Sie {v} bitte prüfen', 'neu: {label} {v}'],
    special: {
      PERSON: ['mein Name ist {v}', 'ich bin {v}', 'bitte rufen Sie Frau {v} zurück', 'Kontoinhaber ist {v}'],
      LOCATION: ['ich wohne in {v}', 'wir ziehen nächsten Monat nach {v}', 'unser Büro in {v} ist geschlossen'],
      STREET_ADDRESS: ['ich wohne in der {v}', 'bitte liefern Sie an {v}', 'meine neue Adresse lautet {v}', 'Anschrift: {v}'],
      DATE_OF_BIRTH: ['ich bin am {v} geboren', 'Geburtsdatum: {v}', 'geb. {v}'],
      URL: ['mein Profil: {v}', 'siehe {v}', 'der Link ist {v}'],
    },
    join: ['. ', '. ', ', und ', '; '],
    end: '.',
    greetings: ['Hallo,', 'Sehr geehrte Damen und Herren,', 'Hallo {PERSON},', 'Guten Tag,'],
    intros: ['ich habe ein Problem mit meiner Bestellung.', 'bitte aktualisieren Sie meine Daten.', 'mir wurde doppelt abgebucht.', 'ich kann mich seit gestern nicht anmelden.'],
    signoffs: ['Mit freundlichen Grüßen\n{PERSON}', 'Viele Grüße\n{PERSON}', 'Danke', 'Beste Grüße'],
    chatStarts: ['hi ', 'hallo, ', 'kurze Frage: ', ''],
    chatEnds: ['', ' danke!', ' :)', ' ?'],
    negatives: ['meine Bestellnummer ist {order}', 'Rechnung {invoice} ist noch offen', 'Sendungsnummer {tracking}', 'es hat {price} gekostet', 'Artikel {sku}', 'App-Version {version}', 'Vorgangs-ID {uuid}', 'bestellt am {date}', 'Aktenzeichen {lookalike}', 'ISBN {isbn}'],
    formNeg: { order: 'Bestellnummer', date: 'Bestelldatum', price: 'Betrag', lookalike: 'Aktenzeichen' },
  },
  pt: {
    frames: ['meu {label} é {v}', '{Label}: {v}', 'segue o {label}: {v}', 'podem verificar {v}', 'atualizem o {label} para {v}'],
    special: {
      PERSON: ['meu nome é {v}', 'sou {v}', 'falei com {v} ontem', 'o titular da conta é {v}'],
      LOCATION: ['moro em {v}', 'vou me mudar para {v} no mês que vem', 'nossa loja em {v} está fechada'],
      STREET_ADDRESS: ['moro na {v}', 'entreguem na {v}', 'meu novo endereço é {v}', 'Endereço: {v}'],
      DATE_OF_BIRTH: ['nasci em {v}', 'data de nascimento: {v}', 'nascimento {v}'],
      URL: ['meu perfil: {v}', 'veja {v}', 'o link é {v}'],
    },
    join: ['. ', '. ', ', e ', '; '],
    end: '.',
    greetings: ['Olá,', 'Prezados,', 'Oi {PERSON},', 'Bom dia,'],
    intros: ['tenho um problema com meu pedido.', 'preciso atualizar meus dados.', 'fui cobrado duas vezes.', 'não consigo entrar na minha conta.'],
    signoffs: ['Atenciosamente,\n{PERSON}', 'Obrigado,\n{PERSON}', 'Obrigada', 'Abraços'],
    chatStarts: ['oi ', 'olá, ', 'então, ', ''],
    chatEnds: ['', ' obrigado!', ' valeu', ' ?'],
    negatives: ['o número do pedido é {order}', 'a nota fiscal {invoice} está em aberto', 'código de rastreio {tracking}', 'custou {price}', 'produto {sku}', 'versão do app {version}', 'protocolo {uuid}', 'pedido feito em {date}', 'protocolo de atendimento {lookalike}', 'ISBN {isbn}'],
    formNeg: { order: 'Número do pedido', date: 'Data do pedido', price: 'Valor', lookalike: 'Protocolo' },
  },
  zh: {
    frames: ['我的{label}是{v}', '{label}：{v}', '{label}:{v}', '请帮我核对一下{v}', '新的{label}是{v}'],
    special: {
      PERSON: ['我叫{v}', '我是{v}', '联系人：{v}', '请让{v}给我回电话'],
      LOCATION: ['我住在{v}', '下个月搬到{v}', '我们在{v}的门店'],
      STREET_ADDRESS: ['我的地址是{v}', '请寄到{v}', '收货地址：{v}'],
      DATE_OF_BIRTH: ['出生日期：{v}', '我的生日是{v}', '我出生于{v}'],
      URL: ['我的主页是{v}', '链接：{v}'],
    },
    join: ['，', '。', '；'],
    end: '。',
    greetings: ['您好，', '客服你好，', '{PERSON}你好，'],
    intros: ['我的订单有问题。', '我需要修改账户信息。', '我被重复扣款了。', '我从昨天开始无法登录。'],
    signoffs: ['谢谢！\n{PERSON}', '谢谢', '此致'],
    chatStarts: ['你好 ', '在吗？', '请问 ', ''],
    chatEnds: ['', ' 谢谢', '，麻烦了', '？'],
    negatives: ['订单号是{order}', '发票号{invoice}还没付款', '快递单号{tracking}', '价格是{price}', '商品编号{sku}', 'App版本{version}', '请求ID {uuid}', '下单时间{date}', '业务编号{lookalike}', 'ISBN {isbn}'],
    formNeg: { order: '订单号', date: '下单日期', price: '金额', lookalike: '业务编号' },
  },
  zh_TW: {
    frames: ['我的{label}是{v}', '{label}：{v}', '請幫我確認{v}'],
    special: {
      PERSON: ['我叫{v}', '我是{v}', '聯絡人：{v}'],
      LOCATION: ['我住在{v}', '下個月搬到{v}'],
      STREET_ADDRESS: ['我的地址是{v}', '請寄到{v}'],
      DATE_OF_BIRTH: ['出生日期：{v}', '我的生日是{v}'],
      URL: ['我的網站是{v}', '連結：{v}'],
    },
    join: ['，', '。'],
    end: '。',
    greetings: ['您好，', '客服您好，', '{PERSON}您好，'],
    intros: ['我的訂單有問題。', '我需要更新帳戶資料。', '我被重複扣款了。'],
    signoffs: ['謝謝！\n{PERSON}', '謝謝'],
    chatStarts: ['你好 ', '請問 ', ''],
    chatEnds: ['', ' 謝謝', '？'],
    negatives: ['訂單編號是{order}', '發票號碼{invoice}', '物流單號{tracking}', '價格是{price}', '商品編號{sku}', '版本{version}', '下單時間{date}', '案件編號{lookalike}'],
    formNeg: { order: '訂單編號', date: '訂購日期', price: '金額', lookalike: '案件編號' },
  },
  ja: {
    frames: ['私の{label}は{v}です', '{label}：{v}', '{v}をご確認ください', '{label}を{v}に変更してください'],
    special: {
      PERSON: ['{v}と申します', '担当は{v}です', '{v}様宛てです'],
      LOCATION: ['{v}に住んでいます', '来月{v}に引っ越します'],
      STREET_ADDRESS: ['住所は{v}です', '{v}に送ってください', '住所：{v}'],
      DATE_OF_BIRTH: ['生年月日：{v}', '{v}生まれです'],
      URL: ['プロフィールは{v}です', 'リンク：{v}'],
    },
    join: ['。', '、'],
    end: '。',
    greetings: ['お世話になっております。', 'こんにちは。', '{PERSON}様'],
    intros: ['注文について問題があります。', '登録情報を更新したいです。', '二重に請求されました。'],
    signoffs: ['よろしくお願いいたします。\n{PERSON}', 'よろしくお願いします。'],
    chatStarts: ['すみません、', ''],
    chatEnds: ['', 'お願いします'],
    negatives: ['注文番号は{order}です', '請求書番号{invoice}', '追跡番号{tracking}', '価格は{price}です', '商品コード{sku}', 'バージョン{version}', '注文日{date}', '受付番号{lookalike}'],
    formNeg: { order: '注文番号', date: '注文日', price: '金額', lookalike: '受付番号' },
  },
};

// ---------------------------------------------------------------- real places

const CITIES: Record<string, string[]> = {
  en_US: ['New York', 'Chicago', 'Houston', 'Phoenix', 'Seattle', 'Denver', 'Boston', 'Austin', 'Atlanta', 'San Diego', 'Portland', 'Miami'],
  en_CA: ['Toronto', 'Vancouver', 'Montreal', 'Calgary', 'Ottawa', 'Edmonton', 'Halifax', 'Winnipeg'],
  en_GB: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Bristol', 'Liverpool', 'Edinburgh', 'Cardiff'],
  de: ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Leipzig', 'Dresden', 'Düsseldorf'],
  pt_BR: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Salvador', 'Recife', 'Fortaleza', 'Campinas'],
  zh_CN: ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '重庆'],
  en_SG: ['Singapore', 'Jurong East', 'Tampines', 'Woodlands', 'Bedok', 'Ang Mo Kio', 'Punggol'],
  en_IN: ['Mumbai', 'Bengaluru', 'New Delhi', 'Chennai', 'Hyderabad', 'Pune', 'Kolkata', 'Ahmedabad'],
  ja: ['東京', '大阪', '横浜', '名古屋', '札幌', '福岡', '京都', '神戸'],
  zh_TW: ['臺北', '新北', '臺中', '高雄', '臺南', '桃園', '新竹'],
  en_HK: ['Hong Kong', 'Kowloon', 'Sha Tin', 'Tsuen Wan', 'Tuen Mun', 'Causeway Bay'],
};
const COUNTRIES: Record<Lang, string[]> = {
  en: ['Canada', 'Germany', 'Brazil', 'Japan', 'Australia', 'Mexico', 'France', 'Ireland'],
  de: ['Österreich', 'der Schweiz', 'Spanien', 'Italien', 'Frankreich'],
  pt: ['Portugal', 'Argentina', 'Estados Unidos', 'Chile'],
  zh: ['美国', '日本', '新加坡', '加拿大', '澳大利亚'],
  zh_TW: ['日本', '美國', '新加坡'],
  ja: ['アメリカ', '韓国', 'カナダ'],
};

const US_STATES: Record<string, string> = { 'New York': 'NY', Chicago: 'IL', Houston: 'TX', Phoenix: 'AZ', Seattle: 'WA', Denver: 'CO', Boston: 'MA', Austin: 'TX', Atlanta: 'GA', 'San Diego': 'CA', Portland: 'OR', Miami: 'FL' };
const CA_PROV: Record<string, string> = { Toronto: 'ON', Vancouver: 'BC', Montreal: 'QC', Calgary: 'AB', Ottawa: 'ON', Edmonton: 'AB', Halifax: 'NS', Winnipeg: 'MB' };
const BR_UF: Record<string, string> = { 'São Paulo': 'SP', 'Rio de Janeiro': 'RJ', 'Belo Horizonte': 'MG', Curitiba: 'PR', 'Porto Alegre': 'RS', Salvador: 'BA', Recife: 'PE', Fortaleza: 'CE', Campinas: 'SP' };
const CN_PLACES = [
  ['北京市', '朝阳区', ['建国路', '朝阳北路', '望京街']],
  ['上海市', '浦东新区', ['世纪大道', '张杨路', '陆家嘴环路']],
  ['广东省广州市', '天河区', ['天河路', '体育西路', '珠江新城华夏路']],
  ['广东省深圳市', '南山区', ['科技园南路', '深南大道', '海德三道']],
  ['浙江省杭州市', '西湖区', ['文三路', '天目山路', '教工路']],
  ['四川省成都市', '武侯区', ['人民南路', '科华北路']],
] as const;
const JP_PLACES = [
  ['東京都', '新宿区', '西新宿'],
  ['東京都', '渋谷区', '道玄坂'],
  ['大阪府大阪市', '北区', '梅田'],
  ['神奈川県横浜市', '西区', 'みなとみらい'],
  ['愛知県名古屋市', '中区', '栄'],
] as const;
const TW_PLACES = [
  ['臺北市', '信義區', ['松仁路', '忠孝東路五段', '基隆路一段']],
  ['臺北市', '大安區', ['復興南路一段', '和平東路二段']],
  ['臺中市', '西屯區', ['臺灣大道三段', '文心路二段']],
  ['高雄市', '前鎮區', ['中山二路', '成功二路']],
] as const;
const SG_STREETS = ['Tampines Street 11', 'Ang Mo Kio Avenue 3', 'Jurong West Street 42', 'Bedok North Road', 'Woodlands Drive 14', 'Punggol Field'];
const SG_ROADS = ['Anson Road', 'Orchard Road', 'Raffles Place', 'Cecil Street', 'Shenton Way'];
const HK_STREETS = [['Nathan Road', 'Tsim Sha Tsui', 'Kowloon'], ["Queen's Road Central", 'Central', 'Hong Kong'], ['Hennessy Road', 'Wan Chai', 'Hong Kong'], ['Sha Tin Centre Street', 'Sha Tin', 'New Territories']] as const;
const IN_AREAS = [['Indiranagar', 'Bengaluru', '560038'], ['Andheri West', 'Mumbai', '400053'], ['Saket', 'New Delhi', '110017'], ['T. Nagar', 'Chennai', '600017'], ['Banjara Hills', 'Hyderabad', '500034']] as const;
const GB_POST = ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'LS1 4DY', 'G2 3PW', 'BS1 5TR', 'L1 8JQ', 'EH1 1YZ', 'CF10 1EP'];

// ---------------------------------------------------------------- the text builder

class Builder {
  text = '';
  spans: Span[] = [];
  negatives: Negative[] = [];

  t(s: string): this {
    this.text += s;
    return this;
  }

  e(type: EntityType, value: string): this {
    const start = this.text.length;
    this.text += value;
    this.spans.push({ start, end: this.text.length, type });
    return this;
  }

  n(kind: string, value: string): this {
    const start = this.text.length;
    this.text += value;
    this.negatives.push({ start, end: this.text.length, kind });
    return this;
  }

  /** Write a template with one `{v}` slot filled by `fill`. */
  frame(template: string, fill: () => void): this {
    const i = template.indexOf('{v}');
    if (i < 0) return this.t(template);
    this.t(template.slice(0, i));
    fill();
    return this.t(template.slice(i + 3));
  }
}

// ---------------------------------------------------------------- generation

class Generator {
  private readonly fakers = new Map<string, Faker>();

  constructor(private readonly rng: Rng) {}

  private faker(loc: LocaleSpec): Faker {
    let f = this.fakers.get(loc.faker);
    if (!f) {
      const base = (allFakers as Record<string, Faker>)[loc.faker];
      if (!base) throw new Error(`faker has no locale ${loc.faker}`);
      f = base;
      this.fakers.set(loc.faker, f);
    }
    f.seed(this.rng.seed());
    return f;
  }

  person(loc: LocaleSpec): string {
    const f = this.faker(loc);
    const r = this.rng;
    switch (loc.lang) {
      case 'zh':
      case 'zh_TW':
        return f.person.lastName() + f.person.firstName();
      case 'ja':
        return f.person.lastName() + (r.chance(0.5) ? ' ' : '') + f.person.firstName();
      case 'pt':
        return r.chance(0.4) ? `${f.person.firstName()} ${f.person.lastName()} ${f.person.lastName()}` : `${f.person.firstName()} ${f.person.lastName()}`;
      default:
        return r.chance(0.12) ? `${f.person.firstName()} ${r.letters(1)}. ${f.person.lastName()}` : `${f.person.firstName()} ${f.person.lastName()}`;
    }
  }

  email(loc: LocaleSpec): string {
    const r = this.rng;
    const f = this.faker(loc);
    const ascii = ['zh', 'zh_TW', 'ja'].includes(loc.lang);
    const first = ascii ? r.letters(r.int(3, 7), 'abcdefghijklmnopqrstuvwxyz') : f.person.firstName();
    const last = ascii ? r.letters(r.int(3, 6), 'abcdefghijklmnopqrstuvwxyz') : f.person.lastName();
    const clean = (s: string): string =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase();
    const local = r.pick([`${clean(first)}.${clean(last)}`, `${clean(first)}${r.int(1, 99)}`, `${clean(first)[0] ?? 'x'}${clean(last)}`, `${clean(last)}_${clean(first)}`]);
    const domains: Record<Lang, string[]> = {
      en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.co.uk', 'acme-corp.com', 'proton.me'],
      de: ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'posteo.de', 'firma-schmidt.de'],
      pt: ['gmail.com', 'uol.com.br', 'bol.com.br', 'hotmail.com', 'empresa.com.br'],
      zh: ['qq.com', '163.com', '126.com', 'sina.com', 'gmail.com'],
      zh_TW: ['gmail.com', 'yahoo.com.tw', 'hinet.net'],
      ja: ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'example.co.jp'],
    };
    if (loc.lang === 'zh' && r.chance(0.3)) return `${r.int(10000, 99999)}${r.digits(r.int(3, 5))}@qq.com`;
    return `${local}@${r.pick(domains[loc.lang])}`;
  }

  address(loc: LocaleSpec): string {
    const r = this.rng;
    const f = this.faker(loc);
    const full = r.chance(0.6);
    switch (loc.id) {
      case 'en_US':
      case 'en_CA': {
        const city = r.pick(CITIES[loc.id]!);
        const street = f.location.streetAddress(r.chance(0.25));
        if (!full) return street;
        return loc.id === 'en_US'
          ? `${street}, ${city}, ${US_STATES[city]} ${r.digits(5)}`
          : `${street}, ${city}, ${CA_PROV[city]} ${r.letters(1)}${r.int(0, 9)}${r.letters(1)} ${r.int(0, 9)}${r.letters(1)}${r.int(0, 9)}`;
      }
      case 'en_GB': {
        const street = `${r.int(1, 220)} ${f.location.street()}`;
        return full ? `${street}, ${r.pick(CITIES.en_GB!)} ${r.pick(GB_POST)}` : street;
      }
      case 'de': {
        const street = f.location.streetAddress();
        return full ? `${street}, ${r.digits(5)} ${r.pick(CITIES.de!)}` : street;
      }
      case 'pt_BR': {
        const city = r.pick(CITIES.pt_BR!);
        const street = `${r.pick(['Rua', 'Avenida', 'Travessa', 'Alameda'])} ${f.person.lastName()}, ${r.int(10, 2999)}`;
        const apt = r.chance(0.3) ? `, apto ${r.int(11, 1204)}` : '';
        return full ? `${street}${apt} - ${city} - ${BR_UF[city]}, ${r.digits(5)}-${r.digits(3)}` : street + apt;
      }
      case 'zh_CN': {
        const [prov, dist, roads] = r.pick(CN_PLACES);
        const unit = r.chance(0.5) ? `${r.int(1, 12)}号楼${r.int(1, 30)}0${r.int(1, 6)}室` : '';
        return `${full ? prov : ''}${dist}${r.pick(roads)}${r.int(1, 399)}号${unit}`;
      }
      case 'ja': {
        const [pref, ward, town] = r.pick(JP_PLACES);
        return `${full ? `〒${r.digits(3)}-${r.digits(4)} ` : ''}${pref}${ward}${town}${r.int(1, 9)}丁目${r.int(1, 20)}番${r.int(1, 15)}号`;
      }
      case 'zh_TW': {
        const [city, dist, roads] = r.pick(TW_PLACES);
        return `${full ? city : ''}${dist}${r.pick(roads)}${r.int(1, 300)}號${r.chance(0.5) ? `${r.int(2, 20)}樓` : ''}`;
      }
      case 'en_SG':
        return r.chance(0.5)
          ? `Blk ${r.int(100, 899)} ${r.pick(SG_STREETS)}, #${String(r.int(2, 25)).padStart(2, '0')}-${r.int(10, 299)}${full ? `, Singapore ${r.digits(6)}` : ''}`
          : `${r.int(1, 200)} ${r.pick(SG_ROADS)}${full ? `, #${r.int(2, 40)}-0${r.int(1, 9)}, Singapore ${r.digits(6)}` : ''}`;
      case 'en_HK': {
        const [street, district, region] = r.pick(HK_STREETS);
        return `Flat ${r.int(1, 30)}${r.pick(['A', 'B', 'C', 'D'])}, ${r.int(1, 300)} ${street}${full ? `, ${district}, ${region}` : ''}`;
      }
      case 'en_IN': {
        const [area, city, pin] = r.pick(IN_AREAS);
        return `${r.pick(['Flat', 'House No.', 'Plot'])} ${r.int(1, 450)}, ${r.int(1, 18)}th Cross, ${area}${full ? `, ${city} ${pin}` : ''}`;
      }
      default:
        return f.location.streetAddress();
    }
  }

  location(loc: LocaleSpec): string {
    return this.rng.chance(0.8) ? this.rng.pick(CITIES[loc.id] ?? CITIES.en_US!) : this.rng.pick(COUNTRIES[loc.lang]);
  }

  date(loc: LocaleSpec, birth: boolean): string {
    const r = this.rng;
    const y = birth ? r.int(1940, 2006) : r.int(2021, 2026);
    const m = r.int(1, 12);
    const d = r.int(1, 28);
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    const monEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]!;
    switch (loc.lang) {
      case 'de':
        return r.pick([`${dd}.${mm}.${y}`, `${d}. ${['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][m - 1]} ${y}`, `${y}-${mm}-${dd}`]);
      case 'pt':
        return r.pick([`${dd}/${mm}/${y}`, `${d} de ${['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'][m - 1]} de ${y}`]);
      case 'zh':
      case 'zh_TW':
      case 'ja':
        return r.pick([`${y}年${m}月${d}日`, `${y}-${mm}-${dd}`, `${y}/${mm}/${dd}`]);
      default:
        return loc.id === 'en_US'
          ? r.pick([`${mm}/${dd}/${y}`, `${monEn} ${d}, ${y}`, `${y}-${mm}-${dd}`])
          : r.pick([`${dd}/${mm}/${y}`, `${d} ${monEn.slice(0, 3)} ${y}`, `${d} ${monEn} ${y}`, `${y}-${mm}-${dd}`]);
    }
  }

  url(loc: LocaleSpec): string {
    const r = this.rng;
    const f = this.faker(loc);
    const handle = f.internet.username().toLowerCase().replace(/[^a-z0-9_.-]/g, '');
    return r.pick([
      `https://www.linkedin.com/in/${handle}`,
      `https://github.com/${handle}`,
      `https://www.facebook.com/profile.php?id=${r.digits(15)}`,
      `https://${f.internet.domainName()}/${r.pick(['about', 'contact', 'blog/post-' + r.int(1, 999), 'u/' + handle])}`,
      `http://${f.internet.domainName()}/?ref=${r.hex(8)}`,
      `https://drive.example.com/share/${r.hex(12)}`,
      `https://x.com/${handle}`,
    ]);
  }

  value(type: EntityType, loc: LocaleSpec): string {
    const r = this.rng;
    switch (type) {
      case 'EMAIL_ADDRESS':
        return this.email(loc);
      case 'PHONE_NUMBER':
        return g.phone(r, loc.id);
      case 'CREDIT_CARD':
        return g.creditCard(r).text;
      case 'IBAN_CODE':
        return g.iban(r, true, loc.id === 'de' ? r.pick(['DE', 'DE', 'AT', 'CH']) : loc.id === 'en_GB' ? 'GB' : loc.id === 'pt_BR' ? 'BR' : undefined).text;
      case 'US_SSN':
        return g.usSsn(r).text;
      case 'US_ITIN':
        return g.usItin(r).text;
      case 'UK_NHS':
        return g.ukNhs(r).text;
      case 'UK_NINO':
        return g.ukNino(r).text;
      case 'CN_RESIDENT_ID':
        return g.cnResidentId(r).text;
      case 'SG_NRIC_FIN':
        return g.sgNricFin(r).text;
      case 'BR_CPF':
        return g.brCpf(r).text;
      case 'BR_CNPJ':
        return g.brCnpj(r).text;
      case 'CA_SIN':
        return g.caSin(r).text;
      case 'IN_AADHAAR':
        return g.inAadhaar(r).text;
      case 'IN_PAN':
        return g.inPan(r).text;
      case 'IP_ADDRESS':
        return r.chance(0.8) ? g.ipv4(r) : g.ipv6(r);
      case 'MAC_ADDRESS':
        return g.mac(r);
      case 'URL':
        return this.url(loc);
      case 'CRYPTO':
        return g.cryptoAddress(r).text;
      case 'DATE_OF_BIRTH':
        return this.date(loc, true);
      case 'PERSON':
        return this.person(loc);
      case 'STREET_ADDRESS':
        return this.address(loc);
      case 'LOCATION':
        return this.location(loc);
      case 'ABA_ROUTING':
        return g.abaRouting(r).text;
      case 'JP_MY_NUMBER':
        return g.jpMyNumber(r).text;
      case 'DE_TAX_ID':
        return g.deTaxId(r).text;
      case 'HK_ID':
        return g.hkId(r).text;
      case 'TW_ID':
        return g.twId(r).text;
    }
  }

  /** A hard negative of the named kind: [negative kind, text]. */
  negative(kind: string, loc: LocaleSpec): [string, string] {
    const r = this.rng;
    switch (kind) {
      case 'order':
        return ['order_number', g.orderNumber(r)];
      case 'invoice':
        return ['invoice_number', g.invoiceNumber(r)];
      case 'tracking':
        return ['tracking_number', g.trackingNumber(r)];
      case 'price':
        return ['price', g.price(r, loc.id)];
      case 'sku':
        return ['sku', g.sku(r)];
      case 'version':
        return ['version', g.version(r)];
      case 'uuid':
        return ['uuid', g.uuid(r)];
      case 'date':
        return ['date', this.date(loc, false)];
      case 'lookalike': {
        const l = g.lookalike(r);
        return [l.kind, l.text];
      }
      case 'isbn':
        return ['isbn', g.isbn13(r)];
      case 'sha':
        return ['git_sha', g.gitSha(r)];
      case 'timestamp':
        return ['timestamp', g.timestamp(r)];
      default:
        throw new Error(`unknown negative ${kind}`);
    }
  }

  /** Fill a template with `{kind}` negative slots. */
  negativeTemplate(b: Builder, template: string, loc: LocaleSpec): void {
    const parts = template.split(/(\{[a-z]+\})/);
    for (const p of parts) {
      const m = /^\{([a-z]+)\}$/.exec(p);
      if (m) {
        const [kind, text] = this.negative(m[1]!, loc);
        b.n(kind, text);
      } else b.t(p);
    }
  }

  entityCount(): number {
    return this.rng.weighted([
      [0, 20],
      [1, 36],
      [2, 26],
      [3, 13],
      [4, 5],
    ]);
  }

  pickTypes(loc: LocaleSpec, k: number): EntityType[] {
    const out: EntityType[] = [];
    for (let i = 0; i < k; i++) {
      let t = this.rng.weighted(loc.entities);
      // Prefer distinct types within one record.
      for (let tries = 0; tries < 3 && out.includes(t); tries++) t = this.rng.weighted(loc.entities);
      out.push(t);
    }
    return out;
  }

  label(type: EntityType, lang: Lang): string {
    const l = LABELS[type];
    return this.rng.pick(l[lang] ?? l.en);
  }

  /** One phrase that carries an entity, in the record's language. */
  entityPhrase(b: Builder, type: EntityType, loc: LocaleSpec): void {
    const w = WORDS[loc.lang];
    const special = w.special[type];
    const value = this.value(type, loc);
    const template = special && (type === 'PERSON' || type === 'LOCATION' || type === 'DATE_OF_BIRTH' || this.rng.chance(0.7)) ? this.rng.pick(special) : this.rng.pick(w.frames);
    const label = this.label(type, loc.lang);
    const filled = template.replace('{label}', label).replace('{Label}', label.charAt(0).toUpperCase() + label.slice(1));
    b.frame(filled, () => b.e(type, value));
  }

  sentenceBody(b: Builder, types: EntityType[], loc: LocaleSpec, negatives: number): void {
    const w = WORDS[loc.lang];
    const items: (EntityType | 'neg')[] = [...types];
    for (let i = 0; i < negatives; i++) items.splice(this.rng.int(0, items.length), 0, 'neg');
    items.forEach((item, i) => {
      if (i > 0) b.t(this.rng.pick(w.join));
      if (item === 'neg') this.negativeTemplate(b, this.rng.pick(w.negatives), loc);
      else this.entityPhrase(b, item, loc);
    });
    if (items.length) b.t(w.end);
  }

  withPerson(b: Builder, template: string, loc: LocaleSpec, types: EntityType[]): void {
    const i = template.indexOf('{PERSON}');
    if (i < 0) {
      b.t(template);
      return;
    }
    b.t(template.slice(0, i)).e('PERSON', this.person(loc)).t(template.slice(i + 8));
    types.push('PERSON');
  }

  email_(loc: LocaleSpec, b: Builder): void {
    const w = WORDS[loc.lang];
    const r = this.rng;
    let k = this.entityCount();
    const named: EntityType[] = [];
    const greeting = r.pick(w.greetings);
    if (greeting.includes('{PERSON}')) k = Math.max(0, k - 1);
    const signoff = r.pick(w.signoffs);
    if (signoff.includes('{PERSON}')) k = Math.max(0, k - 1);
    this.withPerson(b, greeting, loc, named);
    b.t('\n\n').t(r.pick(w.intros)).t(loc.lang === 'en' || loc.lang === 'de' || loc.lang === 'pt' ? ' ' : '');
    this.sentenceBody(b, this.pickTypes(loc, k), loc, r.chance(0.55) ? r.int(1, 2) : 0);
    b.t('\n\n');
    this.withPerson(b, signoff, loc, named);
  }

  chat(loc: LocaleSpec, b: Builder): void {
    const w = WORDS[loc.lang];
    const r = this.rng;
    const k = Math.min(2, this.entityCount());
    b.t(r.pick(w.chatStarts));
    const mark = b.text.length;
    this.sentenceBody(b, this.pickTypes(loc, k), loc, k === 0 || r.chance(0.4) ? 1 : 0);
    // Chat is terse: drop the final full stop.
    if (b.text.length > mark && b.text.endsWith(w.end) && b.spans.every((s) => s.end < b.text.length)) b.text = b.text.slice(0, -w.end.length);
    b.t(r.pick(w.chatEnds));
  }

  form(loc: LocaleSpec, b: Builder): void {
    const w = WORDS[loc.lang];
    const r = this.rng;
    const types = this.pickTypes(loc, Math.max(1, this.entityCount()));
    const rows: (EntityType | string)[] = [...types];
    if (r.chance(0.6)) rows.splice(r.int(0, rows.length), 0, r.pick(Object.keys(w.formNeg)));
    const sep = loc.lang === 'zh' || loc.lang === 'zh_TW' || loc.lang === 'ja' ? '：' : ': ';
    rows.forEach((row, i) => {
      if (i > 0) b.t('\n');
      if (row in LABELS) {
        const t = row as EntityType;
        const label = this.label(t, loc.lang);
        b.t(label.charAt(0).toUpperCase() + label.slice(1) + sep).e(t, this.value(t, loc));
      } else {
        b.t(w.formNeg[row]! + sep);
        const [kind, text] = this.negative(row, loc);
        b.n(kind, text);
      }
    });
  }

  log(loc: LocaleSpec, b: Builder): void {
    const r = this.rng;
    const types = this.pickTypes(loc, Math.min(3, this.entityCount()));
    if (types.includes('IP_ADDRESS') && r.chance(0.4)) {
      // An access log line.
      const ip = this.value('IP_ADDRESS', loc);
      const day = String(r.int(1, 28)).padStart(2, '0');
      const mon = r.pick(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
      b.e('IP_ADDRESS', ip).t(` - - [${day}/${mon}/${r.int(2022, 2026)}:${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')} +0000] "`);
      b.t(`${r.pick(['GET', 'POST', 'PUT'])} /api/v${r.int(1, 3)}/${r.pick(['orders', 'users', 'carts', 'items'])}/${r.digits(r.int(4, 8))} HTTP/1.1" ${r.pick([200, 200, 201, 204, 302, 404, 500])} ${r.int(120, 90000)} "`);
      if (types.includes('URL')) b.e('URL', this.value('URL', loc));
      else b.t('-');
      b.t(`" "Mozilla/5.0 (${r.pick(['Windows NT 10.0; Win64; x64', 'Macintosh; Intel Mac OS X 14_4', 'X11; Linux x86_64', 'iPhone; CPU iPhone OS 17_4 like Mac OS X'])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/`);
      b.n('version', `${r.int(110, 130)}.0.${r.int(4000, 6999)}.${r.int(10, 199)}`).t(' Safari/537.36"');
      return;
    }
    const [, ts] = this.negative('timestamp', loc);
    b.n('timestamp', ts).t(` ${r.pick(['INFO ', 'INFO ', 'WARN ', 'DEBUG', 'ERROR'])} [${r.pick(['auth', 'kyc', 'payments', 'notify', 'api', 'profile', 'device', 'billing'])}] `);
    b.t(r.pick(['login succeeded', 'record updated', 'verification failed', 'charge created', 'message sent', 'request completed', 'payout scheduled', 'heartbeat']));
    const pairs: (EntityType | string)[] = [...types];
    const negs = r.int(1, 3);
    for (let i = 0; i < negs; i++) pairs.splice(r.int(0, pairs.length), 0, r.pick(['uuid', 'order', 'version', 'sha', 'price', 'lookalike', 'tracking']));
    for (const p of pairs) {
      b.t(' ');
      if (p in LABELS) {
        const t = p as EntityType;
        const key = r.pick(LABELS[t].key);
        const v = this.value(t, loc);
        const quote = /[\s,]/.test(v) || t === 'PERSON' || t === 'STREET_ADDRESS';
        b.t(`${key}=${quote ? '"' : ''}`).e(t, v).t(quote ? '"' : '');
      } else {
        const keys: Record<string, string[]> = { uuid: ['req_id', 'trace', 'session'], order: ['order_id', 'order'], version: ['app_version', 'fw'], sha: ['commit', 'build'], price: ['amount'], lookalike: ['ref', 'ticket'], tracking: ['tracking'] };
        const [kind, text] = this.negative(p, loc);
        const quote = /\s/.test(text);
        b.t(`${r.pick(keys[p]!)}=${quote ? '"' : ''}`).n(kind, text).t(quote ? '"' : '');
      }
    }
    b.t(` dur=${r.int(1, 900)}ms`);
  }

  columns(loc: LocaleSpec): (EntityType | string)[] {
    const r = this.rng;
    const k = r.weighted([
      [0, 15],
      [1, 30],
      [2, 35],
      [3, 20],
    ]);
    const seen = new Set<string>();
    const cols: (EntityType | string)[] = [];
    for (const t of this.pickTypes(loc, k)) {
      if (seen.has(t)) continue;
      seen.add(t);
      cols.push(t);
    }
    const negs = k === 0 ? r.int(2, 3) : r.int(0, 2);
    for (let i = 0; i < negs; i++) {
      const n = r.pick(['order', 'sku', 'price', 'date', 'uuid', 'invoice', 'lookalike', 'tracking']);
      if (seen.has(n)) continue;
      seen.add(n);
      cols.splice(r.int(0, cols.length), 0, n);
    }
    return cols;
  }

  colName(col: EntityType | string, loc: LocaleSpec): string {
    if (col in LABELS) {
      const t = col as EntityType;
      if (loc.lang === 'zh' || loc.lang === 'zh_TW' || loc.lang === 'ja') {
        const native = LABELS[t][loc.lang];
        if (native && this.rng.chance(0.6)) return this.rng.pick(native);
      }
      return this.rng.pick(LABELS[t].key);
    }
    const names: Record<string, string[]> = { order: ['order_id', 'order_no'], sku: ['sku', 'product_code'], price: ['price', 'total'], date: ['created_at', 'order_date'], uuid: ['id', 'uuid'], invoice: ['invoice_no'], lookalike: ['ref', 'external_ref'], tracking: ['tracking_no'] };
    return this.rng.pick(names[col]!);
  }

  cell(b: Builder, col: EntityType | string, loc: LocaleSpec, csv: boolean): void {
    if (col in LABELS) {
      const t = col as EntityType;
      const v = this.value(t, loc);
      if (csv) {
        const q = /[",\n]/.test(v) || this.rng.chance(0.15);
        b.t(q ? '"' : '').e(t, v.replace(/"/g, '""')).t(q ? '"' : '');
        // A doubled quote inside a labeled value would change its length: values here have none.
      } else b.t('"').e(t, JSON.stringify(v).slice(1, -1)).t('"');
      return;
    }
    const [kind, text] = this.negative(col, loc);
    if (csv) {
      const q = /[",\n]/.test(text);
      b.t(q ? '"' : '').n(kind, text).t(q ? '"' : '');
    } else b.t('"').n(kind, JSON.stringify(text).slice(1, -1)).t('"');
  }

  csv(loc: LocaleSpec, b: Builder): void {
    const cols = this.columns(loc);
    const names = cols.map((c) => this.colName(c, loc));
    b.t(names.join(','));
    const rows = this.rng.weighted([
      [1, 70],
      [2, 30],
    ]);
    for (let i = 0; i < rows; i++) {
      b.t('\n');
      cols.forEach((c, j) => {
        if (j > 0) b.t(',');
        this.cell(b, c, loc, true);
      });
    }
  }

  json(loc: LocaleSpec, b: Builder): void {
    const cols = this.columns(loc);
    const nested = this.rng.chance(0.4);
    b.t(nested ? `{"${this.rng.pick(['customer', 'user', 'contact', 'applicant'])}": {` : '{');
    cols.forEach((c, j) => {
      if (j > 0) b.t(', ');
      b.t(`"${this.colName(c, loc)}": `);
      this.cell(b, c, loc, false);
    });
    b.t(nested ? `}, "status": "${this.rng.pick(['active', 'pending', 'closed'])}"}` : '}');
  }

  record(i: number): CorpusRecord {
    const r = this.rng;
    const loc = r.weighted(LOCALES.map((l) => [l, l.weight] as const));
    const kind = r.weighted<Kind>([
      ['email', 22],
      ['chat', 20],
      ['form', 13],
      ['log', 18],
      ['csv', 14],
      ['json', 13],
    ]);
    const b = new Builder();
    switch (kind) {
      case 'email':
        this.email_(loc, b);
        break;
      case 'chat':
        this.chat(loc, b);
        break;
      case 'form':
        this.form(loc, b);
        break;
      case 'log':
        this.log(loc, b);
        break;
      case 'csv':
        this.csv(loc, b);
        break;
      case 'json':
        this.json(loc, b);
        break;
    }
    return { id: `r${String(i).padStart(5, '0')}`, text: b.text, spans: b.spans, locale: loc.id, kind, negatives: b.negatives };
  }
}

export interface CorpusOptions {
  seed: number;
  records: number;
}

export function generateCorpus(opts: CorpusOptions): CorpusRecord[] {
  const gen = new Generator(new Rng(opts.seed));
  const out: CorpusRecord[] = [];
  for (let i = 0; i < opts.records; i++) out.push(gen.record(i));
  return out;
}

export function toJsonl(records: readonly CorpusRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export function localesOf(): string[] {
  return LOCALES.map((l) => l.id);
}
