import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CustosError } from '../../lib/errors.js';
import { action } from '../context.js';

function score(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new InvalidArgumentError('--min-score must be a number from 0 to 1.');
  return parsed;
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('find personal data in text: JSONL {"id","text"} on standard input (or --text), JSONL {"id","spans":[…]} out')
    .option('--text <text>', 'detect in this text instead of reading standard input')
    .option('--min-score <score>', 'drop spans scored below this (0–1, default 0.5)', score)
    .option('--detectors <file>', 'YAML file of your own detectors, added to the built-in ones')
    .action(
      action(async (options: { text?: string; minScore?: number; detectors?: string }) => {
        const { loadDetector } = await import('../../discovery/detect/load.js');
        const { detect } = loadDetector(options.detectors);
        const minScore = options.minScore ?? 0.5;
        const write = (id: unknown, text: string) => process.stdout.write(`${JSON.stringify({ id, spans: detect(text, { minScore }) })}\n`);
        if (options.text !== undefined) {
          write(null, options.text);
          return 0;
        }
        let lineNo = 0;
        let bad = 0;
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          lineNo += 1;
          if (!line.trim()) continue;
          let record: { id?: unknown; text?: unknown };
          try {
            record = JSON.parse(line) as typeof record;
          } catch {
            process.stderr.write(`custos: line ${lineNo}: not JSON; expected {"id": …, "text": "…"}\n`);
            bad += 1;
            continue;
          }
          if (typeof record?.text !== 'string') {
            process.stderr.write(`custos: line ${lineNo}: field "text" must be a string\n`);
            bad += 1;
            continue;
          }
          write(record.id ?? lineNo, record.text);
        }
        if (bad && bad === lineNo) throw new CustosError('VALIDATION_FAILED', 'no line of the input was a {"id","text"} object');
        return bad ? 65 : 0;
      }),
    );
}
