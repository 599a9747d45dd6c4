/**
 * Support-ticket templates. Real support inboxes are where personal data hides in free text: people
 * paste their phone number, a second e-mail address, a new address, their tax number, and volunteer
 * health details ("my wife is pregnant") that are special-category data under GDPR Art. 9. The
 * templates reproduce that, in the customer's language, so discovery has something real to find.
 *
 * Placeholders: {first} {last} {email} {altEmail} {phone} {order} {product} {street} {city}
 * {postal} {dob} {nationalId}. A template that uses {order} is only picked for customers with an
 * order; one that uses {nationalId} only for customers who gave one. Every language therefore has
 * at least one template that needs neither.
 */

export type TicketLanguage = 'en' | 'de' | 'pt' | 'zh';

export interface TicketTemplate {
  subject: string;
  body: string;
  /** Mentions health or pregnancy: special-category data. */
  health?: boolean;
}

export const TICKET_TEMPLATES: Record<TicketLanguage, TicketTemplate[]> = {
  en: [
    {
      subject: 'Where is my order {order}?',
      body: "Hi, I ordered the {product} last week (order {order}) and it still hasn't arrived. Could you check the tracking? You can reach me at {phone} or {email}. Thanks, {first}",
    },
    {
      subject: 'Change of delivery address',
      body: 'Hello, please ship order {order} to my new address instead: {street}, {city} {postal}. I moved last month. Best regards, {first} {last}',
    },
    {
      subject: 'Urgent - need this before the due date',
      body: 'My wife is pregnant and due in three weeks, we really need the {product} from order {order} before then. Please call me on {phone}. {first}',
      health: true,
    },
    {
      subject: 'Refund still missing',
      body: "I sent the {product} back two weeks ago but haven't seen the refund yet. Order number {order}. Please reply to {altEmail}, I no longer check {email}.",
    },
    {
      subject: 'Question about materials',
      body: 'Does the {product} contain latex? I have a severe latex allergy and my doctor told me to check everything I buy. This is about order {order}.',
      health: true,
    },
    {
      subject: 'Item arrived damaged',
      body: "The {product} arrived broken. I'm recovering from knee surgery and can't carry it to the post office - can someone pick it up from {street}, {city}? Phone: {phone}",
      health: true,
    },
    {
      subject: 'Please update my e-mail address',
      body: 'Please change my e-mail address from {email} to {altEmail}. My date of birth is {dob} in case you need to verify it is me.',
    },
    {
      subject: 'Delete my account',
      body: 'I want my account and all my data deleted. Registered e-mail: {email}. - {first} {last}',
    },
    {
      subject: 'Invoice for order {order}',
      body: 'Could you send an invoice for order {order} to {email}? My phone number is {phone} if anything is unclear.',
    },
  ],
  de: [
    {
      subject: 'Bestellung {order} nicht angekommen',
      body: 'Hallo, meine Bestellung {order} ist noch nicht angekommen. Bitte rufen Sie mich unter {phone} zurück. Viele Grüße, {first} {last}',
    },
    {
      subject: 'Neue Lieferadresse',
      body: 'Guten Tag, bitte liefern Sie die Bestellung {order} an meine neue Adresse: {street}, {postal} {city}. Danke!',
    },
    {
      subject: 'Rücksendung {order}',
      body: 'Ich habe den Artikel {product} zurückgeschickt, weil ich nach meiner Bandscheiben-OP nichts Schweres heben darf. Bitte erstatten Sie den Betrag. Antwort bitte an {altEmail}.',
      health: true,
    },
    {
      subject: 'Auskunft nach Art. 15 DSGVO',
      body: 'Bitte teilen Sie mir mit, welche Daten Sie über mich gespeichert haben. Meine E-Mail-Adresse: {email}, Geburtsdatum {dob}. Mit freundlichen Grüßen, {first} {last}',
    },
    {
      subject: 'Rechnung mit Steuer-ID',
      body: 'Für meine Steuererklärung brauche ich eine Rechnung zu {order} mit meiner Steuer-ID {nationalId}. Danke, {first} {last}',
    },
  ],
  pt: [
    {
      subject: 'Pedido {order} atrasado',
      body: 'Olá, meu pedido {order} ainda não chegou. Meu telefone é {phone}. Obrigado, {first}',
    },
    {
      subject: 'Troca de endereço',
      body: 'Por favor, entreguem o pedido {order} no endereço {street}, {city}, CEP {postal}. Att, {first} {last}',
    },
    {
      subject: 'Urgente',
      body: 'Estou grávida de 7 meses e preciso do {product} antes do parto. Pedido {order}. Meu e-mail é {email}.',
      health: true,
    },
    {
      subject: 'Nota fiscal',
      body: 'Preciso da nota fiscal do pedido {order}. Meu CPF é {nationalId}. Pode mandar para {altEmail}?',
    },
    {
      subject: 'Excluir minha conta',
      body: 'Quero excluir minha conta e todos os meus dados (LGPD). E-mail cadastrado: {email}, celular {phone}. {first} {last}',
    },
  ],
  zh: [
    {
      subject: '订单{order}未送达',
      body: '你好，我的订单{order}还没有收到，请联系我：{phone}。谢谢！{last}{first}',
    },
    {
      subject: '修改收货地址',
      body: '请把订单{order}寄到：{city}{street}，邮编{postal}。',
    },
    {
      subject: '申请退款',
      body: '我怀孕了，医生建议不要使用{product}，请帮我退款。订单号{order}，邮箱{email}。',
      health: true,
    },
    {
      subject: '发票抬头',
      body: '请为订单{order}开具发票，身份证号{nationalId}，电话{phone}。',
    },
    {
      subject: '注销账号',
      body: '请注销我的账号并删除我的个人信息。注册邮箱：{email}，手机：{phone}。',
    },
  ],
};

/** Replaces `{name}` placeholders; unknown placeholders are left visible so a bug shows. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function placeholdersOf(template: TicketTemplate): Set<string> {
  return new Set([...`${template.subject} ${template.body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string));
}
