/**
 * A realistic example model: an online shop in Berlin with a storefront in China. Four activities
 * (marketing on consent, orders on contract, fraud prevention on legitimate interests, support with
 * health data), transfers to the US (SCCs), to China (SCCs) and out of China (PIPL standard
 * contract), names in Chinese and with Latin diacritics. Used by the tests and for demos.
 */
import type { ReportModel, Labeled, Recipient } from './report.types.js';

const l = (key: string, name: string): Labeled => ({ key, name });

const EU = l('eu', 'EU GDPR');
const CN = l('cn', 'China PIPL');
const country = {
  DE: l('DE', 'Germany'),
  US: l('US', 'United States'),
  CN: l('CN', 'China'),
  GB: l('GB', 'United Kingdom'),
  IE: l('IE', 'Ireland'),
  NL: l('NL', 'Netherlands'),
  FR: l('FR', 'France'),
};
const cat = {
  email: { ...l('contact.email', 'Email address'), level: 'L2' },
  name: { ...l('identity.name', 'Full name'), level: 'L2' },
  address: { ...l('contact.postal_address', 'Postal address'), level: 'L2' },
  phone: { ...l('contact.phone', 'Phone number'), level: 'L2' },
  orders: { ...l('commerce.order_history', 'Order and purchase history'), level: 'L2' },
  browsing: { ...l('online.browsing', 'Browsing behaviour on the shop'), level: 'L2' },
  payment: { ...l('financial.payment_token', 'Payment card token and billing data'), level: 'L3', sensitive: true },
  device: { ...l('online.device', 'Device identifiers and IP address'), level: 'L2' },
  messages: { ...l('communication.support', 'Support messages'), level: 'L3' },
  health: { ...l('health.accessibility', 'Health data (accessibility needs, returns of medical aids)'), level: 'L4', special: true, sensitive: true },
};
const payflux: Recipient = { name: 'PayFlux B.V.', category: l('psp', 'Payment service provider'), role: 'processor', country: country.NL };

export function exampleShopModel(): ReportModel {
  return {
    organisation: {
      name: 'Müller & Zhang Handels GmbH',
      address: 'Schönhauser Allee 42, 10435 Berlin, Germany',
      contact: 'privacy@shop.example, +49 30 1234567',
      dpo: { name: 'Dr. Agnieszka Łukasiewicz', email: 'dpo@shop.example' },
      role: 'both',
      piplPersonInCharge: { name: '张伟 (Zhang Wei)', email: 'pipl@shop.example.cn' },
      piplRepresentative: { name: '上海穆张贸易有限公司 (Shanghai Mu-Zhang Trading Co., Ltd.)', address: '上海市静安区南京西路 1266 号', email: 'china@shop.example.cn', country: country.CN },
      securityMeasures: ['ISO/IEC 27001-aligned ISMS', 'TLS 1.2+ in transit, AES-256 at rest', 'Role-based access with MFA', 'Quarterly access reviews', 'Incident response plan tested yearly'],
    },
    generatedAt: new Date('2025-03-14T09:30:00Z'),
    activities: [
      {
        id: 'act-marketing',
        name: 'Newsletter and personalised marketing',
        description: 'Email newsletter and product recommendations for subscribers who opted in.',
        owner: 'Marketing (Søren Ødegård)',
        purposes: [l('purpose.marketing.direct', 'Direct marketing by email'), l('purpose.marketing.personalisation', 'Personalised product recommendations')],
        legalBases: [
          { jurisdiction: EU, basis: l('gdpr.consent', 'Consent'), article: 'Art. 6(1)(a)', note: 'double opt-in records in CRM' },
          { jurisdiction: CN, basis: l('pipl.consent', 'Consent'), article: 'Art. 13(1)(1)' },
        ],
        dataSubjects: [l('subject.subscriber', 'Newsletter subscribers'), l('subject.customer', 'Customers')],
        dataCategories: [cat.email, cat.name, cat.orders, cat.browsing],
        methods: ['Collection via sign-up form', 'Profiling for recommendations', 'Email delivery'],
        recipients: [{ name: 'MailWave Inc.', category: l('esp', 'Email service provider'), role: 'processor', country: country.US }],
        transfers: [
          {
            jurisdiction: EU,
            recipient: 'MailWave Inc.',
            country: country.US,
            mechanism: l('gdpr.scc', 'Standard contractual clauses (Decision 2021/914, module 2)'),
            legalReference: 'GDPR Art. 46(2)(c)',
            copyAvailableAt: 'privacy@shop.example',
            dataCategories: ['Email address', 'Full name'],
          },
        ],
        retention: [{ period: 'Until consent is withdrawn', trigger: 'plus 30 days for suppression-list processing' }],
        securityMeasures: ['Pseudonymised analytics identifiers'],
        systems: [
          { id: 'crm', name: 'Relata CRM' },
          { id: 'mail', name: 'MailWave' },
        ],
        dpia: { state: 'not-required', note: 'screening 2024-11' },
        pipia: { state: 'completed', reference: 'PIPIA-2024-05', date: '2024-12-02' },
      },
      {
        id: 'act-orders',
        name: 'Order processing and delivery',
        description: 'Taking orders, payment, shipping and invoicing, including orders from the China storefront.',
        owner: 'Operations',
        purposes: [l('purpose.contract', 'Performing the sales contract'), l('purpose.legal.invoicing', 'Invoicing and bookkeeping')],
        legalBases: [
          { jurisdiction: EU, basis: l('gdpr.contract', 'Contract'), article: 'Art. 6(1)(b)' },
          { jurisdiction: EU, basis: l('gdpr.legal_obligation', 'Legal obligation'), article: 'Art. 6(1)(c)', note: 'invoices' },
          { jurisdiction: CN, basis: l('pipl.contract', 'Necessary to conclude or perform a contract'), article: 'Art. 13(1)(2)' },
        ],
        dataSubjects: [l('subject.customer', 'Customers'), l('subject.recipient', 'Delivery recipients')],
        dataCategories: [cat.name, cat.address, cat.email, cat.phone, cat.orders, cat.payment],
        methods: ['Collection via checkout', 'Storage', 'Transmission to carrier and payment provider'],
        recipients: [payflux, { name: 'Blitzversand GmbH', category: l('carrier', 'Parcel carrier'), role: 'controller', country: country.DE }, { name: 'Finanzamt Berlin', category: l('authority.tax', 'Tax authority'), role: 'public-authority', country: country.DE }],
        transfers: [
          {
            jurisdiction: CN,
            recipient: 'Müller & Zhang Handels GmbH (Berlin headquarters)',
            recipientContact: 'privacy@shop.example',
            country: country.DE,
            mechanism: l('pipl.standard_contract', 'CAC standard contract, filed with the provincial cyberspace administration'),
            legalReference: 'PIPL Art. 38(1)(3)',
            separateConsent: true,
            rightsProcedure: 'Email privacy@shop.example or use the account page; requests in Chinese are answered by 张伟.',
            dataCategories: ['Full name', 'Postal address', 'Phone number', 'Order and purchase history'],
          },
        ],
        retention: [
          { dataCategory: 'Invoices', period: '10 years', trigger: 'after the end of the calendar year', basis: 'German Fiscal Code §147, Commercial Code §257' },
          { dataCategory: 'Order and delivery data', period: '3 years', trigger: 'after delivery', basis: 'limitation period, BGB §195' },
        ],
        securityMeasures: ['Card data tokenised by the payment provider (PCI DSS)'],
        systems: [{ id: 'shop-db', name: 'Shop database' }],
        dpia: { state: 'not-required' },
        pipia: { state: 'in-progress', reference: 'PIPIA-2025-01' },
      },
      {
        id: 'act-fraud',
        name: 'Fraud prevention',
        description: 'Risk scoring of orders; high scores are reviewed by a person before shipping.',
        owner: 'Risk',
        purposes: [l('purpose.fraud', 'Preventing payment fraud')],
        legalBases: [{ jurisdiction: EU, basis: l('gdpr.legitimate_interests', 'Legitimate interests'), article: 'Art. 6(1)(f)', note: 'LIA-2024-03, recital 47' }],
        dataSubjects: [l('subject.customer', 'Customers')],
        dataCategories: [cat.device, cat.orders, cat.payment, cat.address],
        automatedDecisionMaking: { used: true, logic: 'A score from device, address and payment signals; orders above the threshold are held for human review, never rejected automatically.' },
        recipients: [{ name: 'FraudShield Ltd', category: l('fraud', 'Fraud-screening service'), role: 'processor', country: country.GB }],
        transfers: [{ jurisdiction: EU, recipient: 'FraudShield Ltd', country: country.GB, mechanism: l('gdpr.adequacy', 'Adequacy decision (United Kingdom)'), legalReference: 'GDPR Art. 45' }],
        retention: [{ period: '13 months', trigger: 'after the order' }],
        securityMeasures: [],
        systems: [
          { id: 'shop-db', name: 'Shop database' },
          { id: 'fraud', name: 'FraudShield' },
        ],
        dpia: { state: 'completed', reference: 'DPIA-2024-07', date: '2024-09-30' },
      },
      {
        id: 'act-support',
        name: 'Customer support',
        description: 'Answering questions, complaints and returns, partly through a support centre in Hangzhou.',
        owner: 'Customer care (François Lefèvre)',
        purposes: [l('purpose.support', 'Answering customer requests'), l('purpose.returns', 'Handling returns and complaints')],
        legalBases: [
          { jurisdiction: EU, basis: l('gdpr.contract', 'Contract'), article: 'Art. 6(1)(b)' },
          { jurisdiction: CN, basis: l('pipl.contract', 'Necessary to conclude or perform a contract'), article: 'Art. 13(1)(2)' },
        ],
        dataSubjects: [l('subject.customer', 'Customers'), l('subject.prospect', 'Prospective customers')],
        dataCategories: [cat.name, cat.email, cat.phone, cat.messages, cat.health],
        specialCategories: [
          {
            category: cat.health,
            condition: l('gdpr.art9.explicit_consent', 'Explicit consent'),
            article: 'Art. 9(2)(a)',
            necessity: 'Needed to arrange accessible delivery and to take back medical aids; asked only when the customer raises it.',
            separateConsent: true,
          },
        ],
        recipients: [{ name: '杭州云客服科技有限公司 (Hangzhou Cloud Service Technology Co., Ltd.)', category: l('support_outsourcing', 'Support outsourcing provider'), role: 'processor', country: country.CN }],
        transfers: [
          {
            jurisdiction: EU,
            recipient: '杭州云客服科技有限公司 (Hangzhou Cloud Service Technology Co., Ltd.)',
            country: country.CN,
            mechanism: l('gdpr.scc', 'Standard contractual clauses (Decision 2021/914, module 2)'),
            legalReference: 'GDPR Art. 46(2)(c)',
            safeguardsDocumented: 'Transfer impact assessment TIA-2024-11',
            copyAvailableAt: 'privacy@shop.example',
            dataCategories: ['Full name', 'Email address', 'Support messages'],
          },
        ],
        retention: [{ period: '2 years', trigger: 'after the ticket is closed' }, { dataCategory: 'Health data', period: '30 days', trigger: 'after the return is completed' }],
        securityMeasures: ['Health notes in a restricted field, visible to the returns team only'],
        systems: [
          { id: 'support', name: '客服工单系统 (Support ticketing)' },
          { id: 'crm', name: 'Relata CRM' },
        ],
        jointControllers: [],
        dpia: { state: 'completed', reference: 'DPIA-2024-09', date: '2024-10-15' },
        pipia: { state: 'completed', reference: 'PIPIA-2024-02', date: '2024-06-20' },
      },
    ],
    systems: [
      { id: 'shop-db', name: 'Shop database', kind: 'PostgreSQL', owner: 'Engineering', vendor: 'Self-managed', hosting: { provider: 'AWS', country: country.DE, region: 'eu-central-1' }, level: 'L3', activities: ['act-orders', 'act-fraud'] },
      { id: 'crm', name: 'Relata CRM', kind: 'SaaS CRM', owner: 'Marketing', vendor: 'Relata Ltd', hosting: { provider: 'Relata', country: country.IE, region: 'eu-west-1' }, level: 'L2', activities: ['act-marketing', 'act-support'] },
      { id: 'mail', name: 'MailWave', kind: 'Email platform', owner: 'Marketing', vendor: 'MailWave Inc.', hosting: { provider: 'MailWave', country: country.US, region: 'us-east-1' }, level: 'L2', activities: ['act-marketing'] },
      { id: 'fraud', name: 'FraudShield', kind: 'SaaS risk scoring', owner: 'Risk', vendor: 'FraudShield Ltd', hosting: { country: country.GB, region: 'London' }, level: 'L3', activities: ['act-fraud'] },
      { id: 'support', name: '客服工单系统 (Support ticketing)', kind: 'Ticketing', owner: 'Customer care', vendor: '杭州云客服科技有限公司', hosting: { provider: 'Alibaba Cloud', country: country.CN, region: 'cn-hangzhou' }, level: 'L4', activities: ['act-support'] },
    ],
    inventory: [
      { systemId: 'shop-db', system: 'Shop database', provenance: 'human', level: 'L3', confidence: 1 },
      { systemId: 'shop-db', system: 'Shop database', dataset: 'public', table: 'customers', field: 'email', category: cat.email, level: 'L2', provenance: 'scanner', confidence: 0.97, identityKind: l('direct', 'Direct identifier') },
      { systemId: 'shop-db', system: 'Shop database', dataset: 'public', table: 'customers', field: 'full_name', category: cat.name, level: 'L2', provenance: 'human', confidence: 1, identityKind: l('direct', 'Direct identifier') },
      { systemId: 'shop-db', system: 'Shop database', dataset: 'public', table: 'orders', field: 'shipping_address', category: cat.address, level: 'L2', provenance: 'scanner', confidence: 0.91, identityKind: l('direct', 'Direct identifier') },
      { systemId: 'shop-db', system: 'Shop database', dataset: 'public', table: 'payments', field: 'card_token', category: cat.payment, level: 'L3', provenance: 'code', confidence: 1, identityKind: l('pseudonymous', 'Pseudonymous identifier') },
      { systemId: 'fraud', system: 'FraudShield', dataset: 'scores', table: 'events', field: 'device_fingerprint', category: cat.device, level: 'L2', provenance: 'scanner', confidence: 0.84, identityKind: l('quasi', 'Quasi-identifier') },
      { systemId: 'support', system: '客服工单系统 (Support ticketing)', dataset: 'tickets', table: 'ticket', field: 'body', category: cat.messages, level: 'L3', provenance: 'scanner', confidence: 0.62, identityKind: l('linked', 'Linked to a person') },
      { systemId: 'support', system: '客服工单系统 (Support ticketing)', dataset: 'tickets', table: 'ticket', field: 'health_note', category: cat.health, level: 'L4', provenance: 'human', confidence: 1, identityKind: l('linked', 'Linked to a person'), hostingRegion: 'cn-hangzhou (restricted schema)' },
      { systemId: 'crm', system: 'Relata CRM', dataset: 'contacts', table: 'contact', field: 'phone', category: cat.phone, level: 'L2', provenance: 'scanner', confidence: 0.88, identityKind: l('direct', 'Direct identifier') },
      { systemId: 'mail', system: 'MailWave', dataset: 'lists', table: 'subscribers', field: 'email', category: cat.email, level: 'L2', provenance: 'code', confidence: 1, identityKind: l('direct', 'Direct identifier') },
    ],
    controllersServed: [
      {
        controller: { name: 'Café Crème SARL', address: '12 rue de la Roquette, 75011 Paris, France', email: 'dpo@cafe-creme.example', country: country.FR, dpo: { name: 'Hélène Dupré', email: 'dpo@cafe-creme.example' } },
        processing: [
          {
            id: 'proc-fulfilment',
            name: 'Order fulfilment and returns for a marketplace merchant',
            description: 'Storing, packing and shipping the merchant’s orders; handling returns.',
            dataSubjects: [l('subject.customer', "Merchant's customers")],
            dataCategories: [cat.name, cat.address, cat.phone, cat.orders],
            subProcessors: [{ name: 'Blitzversand GmbH', category: l('carrier', 'Parcel carrier'), role: 'processor', country: country.DE }],
            transfers: [],
            securityMeasures: ['Merchant data separated by tenant'],
            systems: [{ id: 'shop-db', name: 'Shop database' }],
            contractRef: 'DPA-2024-CC-01',
          },
        ],
      },
    ],
  };
}
