import { readFileSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash } from './audit.chain.js';
import { verifyExportFile } from './audit.service.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';

const ACTOR = { type: 'system' as const, id: null, name: 'test', role: null };

describe.each(['pglite', 'postgres'] as const)('audit chain on %s', (store) => {
  let custos: RunningCustos;

  beforeEach(async () => {
    custos = await startCustos({ store, admin: false, config: { audit: { checkpointEvery: 5 } } });
    for (let i = 1; i <= 12; i += 1) await custos.app.audit.recordAlone({ actor: ACTOR, requestId: `r${i}` }, { action: 'test.event', details: { i } });
  });
  afterEach(() => custos.close());

  /** Changes audit rows as a database superuser would: with the append-only triggers switched off. */
  const tamper = (sqlText: string) =>
    custos.app.store.executeSql(`set session_replication_role = replica; ${sqlText}; set session_replication_role = origin;`);
  const verify = () => custos.app.audit.verify();

  it('verifies an untouched chain, with checkpoints every 5 events', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, checkedEvents: 12, lastSeq: 12, problems: [] });
    expect(report.checkpoints).toBe(3); // at 1, 6, 11
    expect(report.unsignedEvents).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit rows, for every role', async () => {
    await expect(custos.app.store.executeSql("update audit_events set action = 'x' where seq = 2")).rejects.toThrow(/append-only/);
    await expect(custos.app.store.executeSql('delete from audit_events where seq = 2')).rejects.toThrow(/append-only/);
    await expect(custos.app.store.executeSql('truncate audit_events')).rejects.toThrow(/append-only/);
    await expect(custos.app.store.executeSql('delete from audit_checkpoints')).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('names an edited event', async () => {
    await tamper(`update audit_events set details = '{"i": 99}' where seq = 3`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 3, kind: 'hash_mismatch' });
  });

  it('catches an edit whose chain was recomputed, at the next signed checkpoint', async () => {
    const rows = (await custos.app.store.executeSql('select * from audit_events order by seq')).rows;
    await tamper(`update audit_events set actor_name = 'someone-else' where seq = 3`);
    // Recompute every hash from event 3 on, as an attacker who knows the algorithm would.
    let prev = rows[1]!.hash as string;
    for (const row of rows.slice(2)) {
      const event = (await custos.app.audit.search({ limit: 1, beforeSeq: Number(row.seq) + 1 }))[0]!;
      const hash = chainHash(prev, event);
      await tamper(`update audit_events set prev_hash = '${prev}', hash = '${hash}' where seq = ${Number(row.seq)}`);
      prev = hash;
    }
    await custos.app.store.executeSql(`update audit_chain_head set hash = '${prev}'`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.seq).toBe(6);
    expect(report.problems.filter((p) => p.seq === 6).map((p) => p.kind)).toEqual(expect.arrayContaining(['checkpoint_mismatch', 'witness_mismatch']));
  });

  it('names a deleted event', async () => {
    await tamper('delete from audit_events where seq = 4');
    const report = await verify();
    expect(report.problems[0]).toMatchObject({ seq: 4, kind: 'gap' });
  });

  it('names an inserted event', async () => {
    // Shift events 4.. up by one and slip a forged event in at 4.
    await tamper('update audit_events set seq = seq + 1000 where seq >= 4');
    await tamper('update audit_events set seq = seq - 999 where seq >= 1000');
    await tamper(`insert into audit_events (seq, id, occurred_at, actor_type, action, outcome, details, prev_hash, hash)
      select 4, gen_random_uuid(), now(), 'user', 'forged', 'success', '{}', hash, repeat('f', 64) from audit_events where seq = 3`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 4, kind: 'hash_mismatch' });
  });

  it('names an event appended outside Custos', async () => {
    await tamper(`insert into audit_events (seq, id, occurred_at, actor_type, action, outcome, details, prev_hash, hash)
      select 13, gen_random_uuid(), now(), 'user', 'forged', 'success', '{}', hash, repeat('e', 64) from audit_events where seq = 12`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 13, kind: 'head_mismatch' });
  });

  it('names reordered events', async () => {
    await tamper('update audit_events set seq = -3 where seq = 3');
    await tamper('update audit_events set seq = 3 where seq = 4');
    await tamper('update audit_events set seq = 4 where seq = -3');
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.seq).toBe(3);
  });

  it('catches events deleted from the end', async () => {
    await tamper('delete from audit_events where seq >= 11');
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['orphan_checkpoint', 'head_mismatch']));
  });

  it('catches a deleted or forged checkpoint', async () => {
    await tamper('delete from audit_checkpoints where seq = 6');
    expect((await verify()).problems[0]).toMatchObject({ seq: 6, kind: 'missing_checkpoint' });
    await tamper(`update audit_checkpoints set signature = 'AAAA' || substr(signature, 5) where seq = 11`);
    expect((await verify()).problems.map((p) => p.kind)).toContain('bad_signature');
  });

  it('catches a log cut back and rewritten below its checkpoints, and refuses to sign over it', async () => {
    // The attack: delete the end of the log and its checkpoints, rewrite what is left, reset the head.
    await tamper('delete from audit_events where seq > 5; delete from audit_checkpoints where seq > 1');
    await tamper("update audit_events set actor_name = 'someone-else' where seq between 2 and 5");
    const rows = (await custos.app.store.executeSql('select seq from audit_events order by seq')).rows;
    let prev = (await custos.app.store.executeSql('select hash from audit_events where seq = 1')).rows[0]!.hash as string;
    for (const row of rows.slice(1)) {
      const event = (await custos.app.audit.search({ limit: 1, beforeSeq: Number(row.seq) + 1 }))[0]!;
      const hash = chainHash(prev, event);
      await tamper(`update audit_events set prev_hash = '${prev}', hash = '${hash}' where seq = ${Number(row.seq)}`);
      prev = hash;
    }
    await custos.app.store.executeSql(`update audit_chain_head set seq = 5, hash = '${prev}', next_checkpoint = 6`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('witness_mismatch');
    // Appending goes on, but no new checkpoint vouches for the rewritten chain.
    await custos.app.audit.recordAlone({ actor: ACTOR }, { action: 'after.tamper' });
    const signed = await custos.app.store.executeSql('select seq from audit_checkpoints order by seq');
    expect(signed.rows.map((r) => Number(r.seq))).toEqual([1]);
    expect(custos.logs()).toContain('checkpoint not signed');
  });

  it('never reports tampering because of appends made while it verifies', async () => {
    let writing = true;
    const writers = Array.from({ length: 3 }, async (_, w) => {
      for (let i = 0; writing; i += 1) await custos.app.audit.recordAlone({ actor: ACTOR }, { action: 'concurrent.write', details: { w, i } });
    });
    const reports = [];
    for (let i = 0; i < 15; i += 1) reports.push(await verify());
    writing = false;
    await Promise.all(writers);
    expect(reports.filter((r) => !r.ok).map((r) => r.problems[0])).toEqual([]);
    expect((await verify()).ok).toBe(true);
  });

  it('exports JSONL that verifies offline with the public key, and catches an edited export', async () => {
    const file = path.join(custos.dataDir, 'audit.jsonl');
    const out = createWriteStream(file);
    const { events } = await custos.app.audit.exportJsonl({ actor: ACTOR }, out);
    out.end();
    await finished(out);
    expect(events).toBe(13); // twelve plus the export's own record
    const pem = custos.app.audit.publicKey.publicKeyPem;
    const report = await verifyExportFile(file, [pem]);
    expect(report).toMatchObject({ ok: true, checkedEvents: 13, unsignedEvents: 0, keySource: 'given' });

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const edited = lines.map((line) => (line.includes('"seq":7,') && line.includes('"type":"event"') ? line.replace('"i":7', '"i":8') : line));
    writeFileSync(file, `${edited.join('\n')}\n`);
    const broken = await verifyExportFile(file, [pem]);
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ seq: 7, kind: 'hash_mismatch' });

    const dropped = lines.filter((line) => !(line.includes('"seq":13,') && line.includes('"type":"event"')));
    writeFileSync(file, `${dropped.join('\n')}\n`);
    expect((await verifyExportFile(file, [pem])).ok).toBe(false);
  });
});
