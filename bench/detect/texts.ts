/**
 * The texts bench/detect/speed.ts times, shared with scripts that compare two builds' outputs on them:
 * - dense: the accuracy benchmark's corpus (corpus.ts), nearly every record with personal data;
 * - sparse: records of 60-200 characters (prose, JSON, log lines with order and invoice numbers,
 *   UUIDs, SKUs, timestamps, prices, versions), 2 % of them a dense record.
 */
import { generateCorpus } from './corpus.js';
import * as g from './generators.js';
import { Rng } from './rng.js';

const PROSE = [
  'Thanks for your message, we will get back to you within two business days.',
  'The meeting was moved to Thursday afternoon because of the product launch.',
  'Please find attached the quarterly report and the updated roadmap for next year.',
  'Vielen Dank für Ihre Anfrage, wir melden uns so bald wie möglich bei Ihnen.',
  'Die Lieferung verzögert sich leider um einige Tage wegen des Feiertags.',
  'Obrigado pelo contato, sua solicitação foi registrada e será analisada em breve.',
  'O pedido foi enviado hoje e deve chegar até o fim da semana.',
  '感谢您的反馈，我们会尽快处理您的请求并通知您结果。',
  '本次更新修复了若干已知问题，并提升了系统的稳定性。',
  'Our team reviewed the pull request and left a few comments on the API design.',
  'The build passed on all platforms after the cache was cleared.',
];

/** One PII-free record of 60-200 characters. */
function plainRecord(rng: Rng): string {
  const locale = rng.pick(['en_US', 'de', 'pt_BR', 'zh_CN']);
  const pick = (): string => {
    switch (rng.int(0, 5)) {
      case 0:
        return `${rng.pick(PROSE)} Order ${g.orderNumber(rng)} shipped, tracking ${g.trackingNumber(rng)}.`;
      case 1:
        return `{"id":"${g.uuid(rng)}","sku":"${g.sku(rng)}","qty":${rng.int(1, 20)},"price":"${g.price(rng, locale)}"}`;
      case 2:
        return `${g.timestamp(rng)} INFO worker-${rng.int(1, 16)} processed batch ${rng.int(1, 99999)} in ${rng.int(1, 900)}ms (v${g.version(rng)})`;
      case 3:
        return `${rng.pick(PROSE)} Invoice ${g.invoiceNumber(rng)}, total ${g.price(rng, locale)}.`;
      case 4:
        return `${g.timestamp(rng)} WARN commit ${g.gitSha(rng)} request ${g.uuid(rng)} took ${rng.int(100, 5000)}ms`;
      default:
        return `${rng.pick(PROSE)} ${rng.pick(PROSE)}`;
    }
  };
  let s = pick();
  while (s.length < 60) s += ` ${pick()}`;
  return s.slice(0, 200);
}

/**
 * How much fresh text a detector reads before it is timed: 24 MB, or 30 CPU seconds for the slowest
 * peers. Custos's JIT (V8) keeps optimising and de-optimising rarely taken paths for its first
 * 15-20 MB; with a few MB of warm-up a round's CPU time included that compiling (on V8's background
 * threads) and the figure ran 25-45 % under the steady rate that a long scan sees (traced with
 * --trace-opt: sparse rounds reach 0-2 optimisations and CPU time equal to wall time after about
 * 20 MB, dense ones after about 7 MB). The regex-only peers reach theirs within the first round.
 */
export const WARMUP_MB = 24;
export const WARMUP_CPU_SECONDS = 30;

export function dense(seed: number): string[] {
  return generateCorpus({ seed, records: 4000 }).map((r) => r.text);
}

export function sparse(seed: number): string[] {
  const rng = new Rng(seed);
  const pii = generateCorpus({ seed: seed + 1_000_000, records: 300 }).map((r) => r.text);
  const out: string[] = [];
  for (let i = 0; i < 15_000; i++) out.push(rng.chance(0.02) ? rng.pick(pii) : plainRecord(rng));
  return out;
}
