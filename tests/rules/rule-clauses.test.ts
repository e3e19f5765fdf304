import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { loadRules } from '../../db/queries/analysis/rules';
import { dynamicMessage } from '../../lib/i18n';
import { ruleCitation } from '../../lib/rules/rule-label';
import type { Rule } from '../../lib/rules/types';
import { testEngines } from '../helpers/engines';

// What a clause must name: one of the standards the rules rest on, the fire law, or the town's own setting.
const SOURCES = [
  'GB 50016-2014',
  'GB 50039-2010',
  'GB 55037-2022',
  'GB 50974-2014',
  '公消〔2015〕301号',
  '《中华人民共和国消防法》',
  '本镇设定',
];
// Words that mean the clause was never looked up.
const PLACEHOLDERS = /待核实|待定|待补|TODO|TBD|verify|\?{2}/i;

describe.each(testEngines)('the rules table on $name', (engine) => {
  let handle: DatabaseHandle;
  let rules: Rule[];
  beforeAll(async () => {
    handle = await engine.open();
    rules = await loadRules(handle.db);
  });
  afterAll(async () => handle?.close());

  it('has the seeded rules', () => {
    // 6 rural + 10 national spacing pairs and 18 single rules (db/migrations/006-rules.ts).
    expect(rules).toHaveLength(34);
  });

  it('cites a standard (or says it is a town setting) for every rule, with no placeholder', () => {
    for (const rule of rules) {
      expect(rule.clause, rule.rule_id).not.toMatch(PLACEHOLDERS);
      expect(
        SOURCES.some((source) => rule.clause.includes(source)),
        `${rule.rule_id}: ${rule.clause}`,
      ).toBe(true);
    }
  });

  it('gives every rule a name in both languages, never its id', () => {
    for (const rule of rules) {
      const zh = dynamicMessage('zh-CN', `rule.${rule.rule_id}`, '');
      const en = dynamicMessage('en', `rule.${rule.rule_id}`, '');
      expect(zh, rule.rule_id).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, rule.rule_id).not.toMatch(/[A-Za-z]/);
      expect(en, rule.rule_id).toMatch(/^[A-Z][A-Za-z0-9 ,/()-]+$/);
      expect(ruleCitation('zh-CN', rule.rule_id, rule.clause)).not.toContain(rule.rule_id);
    }
  });

  it('cites the clause that sets the 40 m dead end: GB 55037-2022 §3.4.5 item 6, not GB 50016 §7.1.9', () => {
    const deadEnd = rules.find((rule) => rule.kind === 'dead_end_length');
    expect(deadEnd?.clause).toBe('GB 55037-2022 第3.4.5条第6款');
  });
});
