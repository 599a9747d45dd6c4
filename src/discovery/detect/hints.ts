/**
 * Column and field names as evidence (what Macie, Google DLP and the Chinese clouds call a
 * hotword or metadata rule). A name is normalised to lower-case tokens joined by `_`
 * (`customerEmail` → `customer_email`, `E-Mail` → `e_mail`) and tested against the rules below;
 * CJK names are tested as substrings. Strength 0.9: the name all but says it; 0.6: suggests it.
 */
interface HintRule { type: string; strength: number; re: RegExp; unless?: RegExp }

const T = (alts: string): RegExp => new RegExp(`(?:^|_)(?:${alts})(?:$|_)`);
const NOT_PERSON = /(?:^|_)(?:product|company|org|organi[sz]ation|file|table|column|brand|item|category|domain|host|user|app|business|shop|store|street|city|country|bank|display|screen|nick|event|campaign|plan|model|device|group|role|team|project|schema|db|database|field|key|tag|type|class|job|course|book|title|merchant|vendor|supplier|account|channel|page|site|hotel|place|region|state|district|province|county|department|dept)(?:$|_)/;

const RULES: readonly HintRule[] = [
  { type: 'EMAIL_ADDRESS', strength: 0.9, re: /(?:^|_)(?:e_?mail|mail|email_?address|emailaddr|correo|courriel|emel)(?:$|_)|邮箱|郵箱|电子邮件|電子郵件|邮件地址|メール/ },
  { type: 'PHONE_NUMBER', strength: 0.9, re: /(?:^|_)(?:phone|telephone|tel|mobile|cell|cellphone|msisdn|fax|handy|telefon|telefone|telefono|celular|fone|whatsapp|hp|handphone|contact_?(?:no|number)|mobile_?no|phone_?no)(?:$|_|\d)|电话|電話|手机|手機|联系方式|座机|移动电话/ },
  { type: 'CREDIT_CARD', strength: 0.9, re: T('cc|cc_?num(?:ber)?|credit_?card|card_?(?:no|num|number)|pan|kreditkarte|cartao|cartao_?credito|tarjeta|cardnumber|creditcard') },
  { type: 'CN_BANK_CARD', strength: 0.9, re: /银行卡|卡号|借记卡|储蓄卡|bank_?card/ },
  { type: 'IBAN_CODE', strength: 0.9, re: T('iban|iban_?code|bank_?iban') },
  { type: 'US_BANK_NUMBER', strength: 0.8, re: T('bank_?account|account_?(?:no|num|number)|acct_?(?:no|num|number)?|kontonummer|conta|numero_?conta') },
  { type: 'ABA_ROUTING_NUMBER', strength: 0.9, re: T('aba|routing|routing_?(?:no|num|number)|rtn') },
  { type: 'US_SSN', strength: 0.9, re: T('ssn|social_?security(?:_?(?:no|num|number))?|ss_?num') },
  { type: 'US_ITIN', strength: 0.9, re: T('itin') },
  { type: 'UK_NHS', strength: 0.9, re: T('nhs|nhs_?(?:no|num|number)') },
  { type: 'UK_NINO', strength: 0.9, re: T('nino|ni_?(?:no|number)|national_?insurance(?:_?(?:no|number))?') },
  { type: 'CN_RESIDENT_ID', strength: 0.9, re: /身份证|身份證|公民身份|证件号|sfz|id_?card|shenfenzheng|resident_?id/ },
  { type: 'HK_ID', strength: 0.9, re: T('hkid|hk_?id') },
  { type: 'TW_ID', strength: 0.8, re: /身分證|tw_?id/ },
  { type: 'SG_NRIC_FIN', strength: 0.9, re: T('nric|fin|nric_?(?:no|number)|ic_?(?:no|number)|nric_?fin') },
  { type: 'BR_CPF', strength: 0.9, re: T('cpf|nr_?cpf|cpf_?cnpj') },
  { type: 'BR_CNPJ', strength: 0.9, re: T('cnpj') },
  { type: 'CA_SIN', strength: 0.9, re: T('sin|social_?insurance(?:_?(?:no|number))?') },
  { type: 'JP_MY_NUMBER', strength: 0.9, re: /(?:^|_)my_?number(?:$|_)|マイナンバー|個人番号/ },
  { type: 'IN_AADHAAR', strength: 0.9, re: T('aadhaar|aadhar|uid|aadhaar_?(?:no|number)') },
  { type: 'IN_PAN', strength: 0.8, re: T('pan_?(?:no|number|card)|pan') },
  { type: 'DE_TAX_ID', strength: 0.9, re: T('steuer_?id|steuerid|steuer_?identifikationsnummer|idnr|tax_?id|tin|steuernummer') },
  { type: 'EU_VAT', strength: 0.9, re: T('vat|vat_?(?:id|no|number)|ust_?id(?:nr)?|tva|btw|nif|nipc|mwst') },
  { type: 'PASSPORT', strength: 0.9, re: /(?:^|_)(?:passport|passport_?(?:no|num|number)|reisepass|passnummer|passaporte|pasaporte|passeport)(?:$|_)|护照|護照|旅券/ },
  { type: 'US_DRIVER_LICENSE', strength: 0.8, re: T('driver_?licen[cs]e|drivers_?licen[cs]e|dl_?(?:no|number)|dln|licen[cs]e_?(?:no|number)|fuehrerschein|führerschein|cnh') },
  { type: 'IP_ADDRESS', strength: 0.9, re: T('ip|ip_?addr(?:ess)?|ipv4|ipv6|client_?ip|remote_?addr|remote_?ip|last_?login_?ip|host_?ip') },
  { type: 'MAC_ADDRESS', strength: 0.9, re: T('mac|mac_?addr(?:ess)?|bssid|hw_?addr') },
  { type: 'URL', strength: 0.6, re: T('url|website|homepage|link|web|profile_?url|avatar_?url') },
  { type: 'CRYPTO', strength: 0.9, re: T('wallet|btc|eth|wallet_?addr(?:ess)?|bitcoin|crypto_?address') },
  { type: 'COORDINATES', strength: 0.8, re: T('lat|lng|lon|latitude|longitude|coordinates|coords|geo|geo_?location|latlng|latlon|gps')  },
  { type: 'DATE_OF_BIRTH', strength: 0.9, re: /(?:^|_)(?:dob|birth|birthday|birthdate|birth_?date|date_?of_?birth|born|born_?on|geburtsdatum|geburtstag|geb_?datum|data_?nascimento|nascimento|dt_?nasc|fecha_?nacimiento|date_?naissance|tarikh_?lahir)(?:$|_)|出生|生日|生年月日|誕生日/ },
  { type: 'PERSON', strength: 0.9, re: /(?:^|_)(?:full_?name|first_?name|last_?name|given_?name|family_?name|surname|sur_?name|middle_?name|fname|lname|forename|maiden_?name|customer_?name|contact_?name|person_?name|patient_?name|employee_?name|holder_?name|cardholder|card_?holder_?name|recipient_?name|vorname|nachname|familienname|nome|sobrenome|nome_?completo|nombre|apellido|apellidos|prenom|nom|nama)(?:$|_)|姓名|名字|联系人|收件人|收货人|氏名|^name$|^names$/, unless: NOT_PERSON },
  { type: 'STREET_ADDRESS', strength: 0.9, re: /(?:^|_)(?:address|addr|address_?line_?\d?|street|street_?address|address1|address2|strasse|straße|anschrift|adresse|endereco|endereço|logradouro|rua|direccion|dirección|alamat|billing_?address|shipping_?address|home_?address)(?:$|_)|地址|住址|住所/, unless: /(?:^|_)(?:ip|mac|email|e_?mail|wallet|url|web|btc|eth|hw)(?:$|_)/ },
  { type: 'POSTAL_CODE', strength: 0.9, re: /(?:^|_)(?:zip|zipcode|zip_?code|postal|postal_?code|postcode|post_?code|plz|postleitzahl|cep|codigo_?postal|code_?postal|poskod)(?:$|_)|邮编|郵編|邮政编码|郵便番号/ },
  { type: 'LOCATION', strength: 0.8, re: /(?:^|_)(?:city|town|country|region|state|province|county|district|birthplace|place_?of_?birth|hometown|stadt|ort|wohnort|land|bundesland|cidade|municipio|estado|uf|pais|ciudad|ville|pays|bandar|negeri)(?:$|_)|城市|省份|国家|國家|籍贯|所在地|区县|都道府県/ },
  { type: 'GENDER', strength: 0.9, re: /(?:^|_)(?:gender|sex|geschlecht|genero|sexo|sexe|jantina)(?:$|_)|性别|性別/ },
  { type: 'NATIONALITY', strength: 0.9, re: /(?:^|_)(?:nationality|citizenship|staatsangehoerigkeit|staatsangehörigkeit|nationalitaet|nacionalidade|nacionalidad|nationalite|kewarganegaraan)(?:$|_)|国籍|國籍/ },
  { type: 'RELIGION', strength: 0.9, re: /(?:^|_)(?:religion|religious|faith|konfession|religiao|religião|agama|denomination)(?:$|_)|宗教|信仰/ },
  { type: 'ETHNICITY', strength: 0.9, re: /(?:^|_)(?:ethnicity|ethnic|race|ethnic_?group|etnia|raca|raça|raza|bangsa|kaum)(?:$|_)|民族|种族|種族/ },
  { type: 'POLITICAL_OPINION', strength: 0.9, re: /(?:^|_)(?:political|political_?(?:party|affiliation|opinion|view)|party_?affiliation)(?:$|_)|政治面貌|党派/ },
  { type: 'HEALTH', strength: 0.9, re: /(?:^|_)(?:diagnosis|diagnoses|medical|medical_?(?:condition|history|notes|record)|health|health_?(?:status|condition)|condition|conditions|disease|illness|allerg(?:y|ies)|medication|medications|prescription|blood_?type|disability|symptoms|icd|icd10|krankheit|diagnose|diagnostico|doenca|saude)(?:$|_)|病历|诊断|疾病|健康状况|过敏|血型|病史/ },
  { type: 'SEXUAL_ORIENTATION', strength: 0.9, re: /(?:^|_)(?:sexual_?orientation|orientation|sexuality|orientacao_?sexual)(?:$|_)|性取向/ },
  { type: 'BIOMETRIC', strength: 0.9, re: /(?:^|_)(?:biometric|biometrics|fingerprint|fingerprint_?(?:hash|template)|face_?(?:id|template|embedding|encoding|vector)|iris|retina|voiceprint|palm_?print|fingerabdruck)(?:$|_)|指纹|人脸|虹膜|声纹|生物识别/ },
  { type: 'GENETIC', strength: 0.9, re: /(?:^|_)(?:genetic|genetics|dna|genome|genotype|snp|gene|genetic_?(?:test|result|marker))(?:$|_)|基因|遗传/ },
  { type: 'PASSWORD', strength: 0.9, re: /(?:^|_)(?:password|passwd|pwd|pass|password_?hash|pass_?hash|pw_?hash|hashed_?password|encrypted_?password|passphrase|senha|passwort|kennwort|contrasena|contraseña)(?:$|_)|密码|密碼/ },
  { type: 'API_KEY', strength: 0.8, re: T('api_?key|apikey|api_?token|access_?token|refresh_?token|auth_?token|secret|secret_?key|client_?secret|token|access_?key|private_?token|webhook_?secret|session_?token') },
  { type: 'PRIVATE_KEY', strength: 0.9, re: T('private_?key|privkey|ssh_?key|pem|rsa_?key|signing_?key') },
  { type: 'JWT', strength: 0.6, re: T('jwt|id_?token|bearer') },
  { type: 'LICENSE_PLATE', strength: 0.9, re: /(?:^|_)(?:license_?plate|licence_?plate|plate|plate_?(?:no|number)|number_?plate|registration_?(?:no|number|plate)|vehicle_?(?:reg|registration|plate)|kennzeichen|placa|matricula|immatriculation)(?:$|_)|车牌|車牌|牌照/ },
];

/** `customerEMail-Address` → `customer_e_mail_address`; CJK and other letters kept. */
export function normaliseName(name: string): string {
  return name
    .slice(0, 200)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

const cache = new Map<string, { type: string; strength: number }[]>();

export function hintsFromName(name: string): { type: string; strength: number }[] {
  if (typeof name !== 'string' || name.length === 0) return [];
  const hit = cache.get(name);
  if (hit) return hit.map((h) => ({ ...h }));
  const norm = normaliseName(name);
  const out: { type: string; strength: number }[] = [];
  for (const rule of RULES) {
    if (!rule.re.test(norm)) continue;
    if (rule.unless?.test(norm)) continue;
    out.push({ type: rule.type, strength: rule.strength });
  }
  out.sort((a, b) => b.strength - a.strength);
  if (cache.size < 10_000) cache.set(name, out);
  return out.map((h) => ({ ...h }));
}
