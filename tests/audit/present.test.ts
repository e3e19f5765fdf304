import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditNames, listAudit } from '../../db/queries/audit';
import { createHazard, updateHazard } from '../../db/queries/hazard-records';
import { seedIfEmpty } from '../../db/seed';
import { ensureDemoAccounts } from '../../db/seed/accounts';
import { type AuditNamesView, fieldChanges, personLabel, recordLabel, tableLabel } from '../../lib/audit/present';
import { hazardCreateSchema } from '../../lib/hazards/input';
import { testEngines } from '../helpers/engines';
import { MINI_V1, writeMiniTown } from '../town/mini-town';

const names: AuditNamesView = {
  users: { admin: '管理员（示例）' },
  userIds: { '7': '检查员乙' },
  villages: { '141121104201': '刘胡兰村', '141121104202': '保贤村' },
  hazards: { '12': { code: 'H00012', title: '私拉乱接电线' } },
  buildings: { '3': { code: 'B000003', name: '小卖部' }, '4': { code: 'B000004', name: null } },
};

describe('audit rows as people read them', () => {
  it('names the person, the record and the table instead of ids and codes', () => {
    expect(personLabel('admin', names)).toBe('管理员（示例）（admin）');
    expect(personLabel('gone', names)).toBe('gone');
    const row = { actor: 'admin', role: 'admin', action: 'update', table_name: 'hazards', record_id: '12', village_code: null };
    expect(recordLabel({ ...row, before: null, after: null }, names)).toBe('H00012 · 私拉乱接电线');
    expect(recordLabel({ ...row, table_name: 'users', record_id: '7', before: null, after: null }, names)).toBe('检查员乙');
    expect(tableLabel('hazards', 'zh-CN')).toBe('隐患');
    expect(tableLabel('hazards', 'en')).toBe('Hazards');
  });

  it('lists the changed fields by label with values before and after in words, leaving out the version', () => {
    const row = {
      actor: 'admin',
      role: 'admin',
      action: 'update',
      table_name: 'hazards',
      record_id: '12',
      village_code: '141121104201',
      before: { status: 'pending', severity: 'general', building_id: 3, village_code: '141121104201', version: 1, description: '同' },
      after: { status: 'in_progress', severity: 'major', building_id: 4, village_code: '141121104202', version: 2, description: '同' },
    };
    expect(fieldChanges(row, names, 'zh-CN').map(({ label, before, after }) => `${label}: ${before} → ${after}`)).toEqual([
      '状态: 待整改 → 整改中',
      '隐患等级: 一般隐患 → 重大隐患',
      '关联建筑: 小卖部（B000003） → B000004',
      '所属村: 刘胡兰村 → 保贤村',
    ]);
  });

  it('shows a user’s role, villages, flags and password change without codes', () => {
    const row = {
      actor: 'admin',
      role: 'admin',
      action: 'update',
      table_name: 'users',
      record_id: '7',
      village_code: null,
      before: { role: 'inspector', villages: ['141121104201'], must_change_password: false },
      after: { role: 'village', villages: ['141121104202'], must_change_password: true, password: 'reset' },
    };
    expect(fieldChanges(row, names, 'zh-CN').map(({ label, before, after }) => `${label}: ${before} → ${after}`)).toEqual([
      '角色: 检查员 → 村级',
      '负责村: 刘胡兰村 → 保贤村',
      '须修改密码: 否 → 是',
      '密码: — → 已重置（临时密码）',
    ]);
    // A new record has no "before": only the values it was given are shown.
    const created = { ...row, action: 'create', before: null, after: { id: 7, role: 'village', villages: null, display_name: '' } };
    expect(fieldChanges(created, names, 'zh-CN')).toEqual([{ field: 'role', label: '角色', before: '', after: '村级' }]);
  });
});

describe.each(testEngines)('the names behind a page of audit rows on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
  });
  afterAll(() => handle?.close());

  it('gives display names, village names, the hazard’s code and the linked buildings’ labels', async () => {
    const id = async (code: string) =>
      (await handle.db.selectFrom('buildings').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [b1, b2] = [await id('B1'), await id('B2')];
    const input = hazardCreateSchema.parse({ category: 'spacing', severity: 'general', description: '两栋房屋间距不足', building_id: b1 });
    const actor = { name: 'inspector', role: 'inspector' };
    const hazard = await createHazard(handle.db, { input, actor, villages: null, requestId: 'req-a' });
    await updateHazard(handle.db, {
      id: hazard.id as number,
      patch: { version: 1, paired_building_id: b2 },
      actor,
      villages: null,
      requestId: 'req-b',
    });
    const page = await listAudit(handle.db, { table: 'hazards', recordId: String(hazard.id) }, { limit: 10, offset: 0 });
    const found = await auditNames(handle.db, page.rows);
    expect(found.users).toEqual({ inspector: '检查员（示例）' });
    expect(found.villages[MINI_V1]).toBe('刘胡兰村');
    expect(found.hazards[String(hazard.id)]).toEqual({ code: hazard.code, title: '两栋房屋间距不足' });
    expect(found.buildings).toEqual({ [b1]: { code: 'B1', name: null }, [b2]: { code: 'B2', name: null } });
    const update = page.rows.find((row) => row.action === 'update')!;
    expect(fieldChanges(update, found, 'zh-CN').map(({ label, before, after }) => `${label}: ${before} → ${after}`)).toEqual([
      '相距过近的建筑: — → B2',
    ]);
  });
});
