import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { StaleVersionError } from '../../db/queries/hazards';
import { seedIfEmpty } from '../../db/seed';
import { allowedNextStatuses, IllegalTransitionError, VerificationRequiredError } from '../../lib/hazards/lifecycle';
import { transitionHazard } from '../../lib/hazards/transitions';
import { chinaToday } from '../../lib/time';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const inspector = { name: '检查员王五', role: 'inspector' };

describe('hazard lifecycle rules', () => {
  it('runs 待整改 → 整改中 → 待复查 → 已销号 with 退回 from 待复查, and nothing out of 已销号', () => {
    expect(allowedNextStatuses('pending')).toEqual(['in_progress']);
    expect(allowedNextStatuses('in_progress')).toEqual(['awaiting_review']);
    expect(allowedNextStatuses('awaiting_review')).toEqual(['closed', 'in_progress']);
    expect(allowedNextStatuses('closed')).toEqual([]);
  });
});

describe.each(testEngines)('hazard transitions on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  let h2: number;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    h2 = (await handle.db.selectFrom('hazards').select('id').where('code', '=', 'H2').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => handle?.close());

  const step = (to: Parameters<typeof transitionHazard>[1]['to'], version: number, note = '') =>
    transitionHazard(handle.db, { id: h2, to, note, version, actor: inspector, requestId: 'test' });

  it('moves H2 through the whole lifecycle, logging every step and writing the audit trail', async () => {
    await expect(step('closed', 1, '想直接销号')).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await step('in_progress', 1)).toEqual({ version: 2, status: 'in_progress' });
    expect(await step('awaiting_review', 2, '已清理柴草')).toEqual({ version: 3, status: 'awaiting_review' });
    expect(await step('in_progress', 3, '复查不合格，退回')).toEqual({ version: 4, status: 'in_progress' });
    expect(await step('awaiting_review', 4)).toEqual({ version: 5, status: 'awaiting_review' });
    await expect(step('closed', 5, '  ')).rejects.toBeInstanceOf(VerificationRequiredError);
    expect(await step('closed', 5, '复查合格，通道畅通')).toEqual({ version: 6, status: 'closed' });

    const hazard = await sql<{ status: string; closed_on: string }>`
      SELECT status, closed_on FROM hazards WHERE id = ${h2}`.execute(handle.db);
    expect(hazard.rows[0]).toEqual({ status: 'closed', closed_on: chinaToday() });
    const events = await sql<{ action: string; from_status: string; to_status: string }>`
      SELECT action, from_status, to_status FROM hazard_events WHERE hazard_id = ${h2} AND actor = ${inspector.name}
        AND action <> 'created' ORDER BY id`.execute(handle.db);
    expect(events.rows.map((e) => `${e.action}:${e.from_status}>${e.to_status}`)).toEqual([
      'transition:pending>in_progress',
      'transition:in_progress>awaiting_review',
      'reopened:awaiting_review>in_progress',
      'transition:in_progress>awaiting_review',
      'transition:awaiting_review>closed',
    ]);
    const audit = await sql<{ n: number; last_before: { version: number }; last_after: { version: number } }>`
      SELECT count(*)::int AS n, (array_agg(before ORDER BY id DESC))[1] AS last_before,
        (array_agg(after ORDER BY id DESC))[1] AS last_after
      FROM audit_log WHERE table_name = 'hazards' AND record_id = ${String(h2)} AND action = 'transition'`.execute(handle.db);
    expect(audit.rows[0]).toMatchObject({ n: 5, last_before: { version: 5 }, last_after: { version: 6 } });
  });

  it('refuses a stale version with the current state, and changes nothing', async () => {
    const error = await step('in_progress', 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersionError);
    expect((error as StaleVersionError).current).toEqual({ version: 6, status: 'closed' });
    const after = await sql<{ version: number }>`SELECT version FROM hazards WHERE id = ${h2}`.execute(handle.db);
    expect(after.rows[0]!.version).toBe(6);
  });
});
