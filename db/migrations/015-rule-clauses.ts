import { type Kysely, sql } from 'kysely';

/**
 * The clauses of the seeded rules, checked against the standards: a clause number where the standard's text
 * confirms it, otherwise the standard and the rule in words, and the town's own defaults said to be such.
 * A clause the campaign office has edited since (no longer the seeded text) is left as it is.
 */

const RURAL_SPACING_OLD = 'GB 50039-2010 农村防火规范 建筑防火间距（条文号待核实）';
const RURAL_SPACING = 'GB 50039-2010《农村防火规范》：农村建筑之间的防火间距，按两幢建筑的耐火等级确定';
const NATIONAL_SPACING_OLD = 'GB 50016-2014（2018年版）表5.2.2';
const NATIONAL_SPACING = 'GB 50016-2014（2018年版）第5.2.2条（表5.2.2 民用建筑之间的防火间距）';
const CLUSTER_OLD = 'GB 50039-2010 防火分隔（连片建筑，默认值待核实）';
const CLUSTER =
  'GB 50039-2010《农村防火规范》规划布局：耐火等级低、相互毗连的建筑密集区应设置防火分隔（连片面积与隔离带宽度为本镇设定的默认值）';
const STACK_OLD = 'GB 50039-2010 柴草堆垛（默认值待核实）';
const STACK = 'GB 50039-2010《农村防火规范》规划布局：柴草、饲料等可燃物堆垛与建筑之间应保持防火间距（间距为本镇设定的默认值）';

const GRADES = ['1-2.1-2', '1-2.3', '1-2.4', '3.3', '3.4', '4.4'];
const NATIONAL_GRADES = [...GRADES, 'high_rise.high_rise', 'high_rise.1-2', 'high_rise.3', 'high_rise.4'];

/** rule id, seeded clause, checked clause. */
const CHANGES: [string, string, string][] = [
  ...GRADES.map((pair): [string, string, string] => [`GB50039.spacing.${pair}`, RURAL_SPACING_OLD, RURAL_SPACING]),
  ...NATIONAL_GRADES.map((pair): [string, string, string] => [`GB50016.spacing.${pair}`, NATIONAL_SPACING_OLD, NATIONAL_SPACING]),
  ['GB50016.high_rise_height', 'GB 50016-2014（2018年版）第5.1.1条', 'GB 50016-2014（2018年版）第2.1.1条、第5.1.1条（表5.1.1）'],
  ['GB50039.cluster.1-2', CLUSTER_OLD, CLUSTER],
  ['GB50039.cluster.3-4', CLUSTER_OLD, CLUSTER],
  ['GB50039.stack.large.1-2', STACK_OLD, STACK],
  ['GB50039.stack.large.3', STACK_OLD, STACK],
  ['GB50039.stack.large.4', STACK_OLD, STACK],
  [
    'GB55037.passage.no_stacking',
    'GB 55037-2022 第3.4.5条；GB 50039-2010',
    '《中华人民共和国消防法》第二十八条（不得占用、堵塞消防车通道）；GB 50039-2010《农村防火规范》：消防车通道上不应堆放柴草等影响消防车通行的障碍物',
  ],
  ['GB50039.hazardous_site', 'GB 50039-2010 火灾危险源控制（燃料、危险品生产场所）', 'GB 50039-2010《农村防火规范》第3.0.2～3.0.4条'],
  [
    'GB55037.passage.width',
    'GB 55037-2022 第3.4.5条；GB 50016-2014 第7.1.8条',
    'GB 50016-2014（2018年版）第7.1.8条；GB 55037-2022 第3.4.5条',
  ],
  [
    'GB55037.passage.height',
    'GB 55037-2022 第3.4.5条；GB 50016-2014 第7.1.8条',
    'GB 50016-2014（2018年版）第7.1.8条；GB 55037-2022 第3.4.5条',
  ],
  [
    'GB55037.passage.obstacle',
    'GB 55037-2022 第3.4.5条（消防车通道不得占用）',
    '《中华人民共和国消防法》第二十八条（不得占用、堵塞、封闭消防车通道）',
  ],
  ['GB50016.passage.dead_end', 'GB 50016-2014（2018年版）第7.1.9条', 'GB 55037-2022 第3.4.5条第6款'],
  [
    'campaign.hose_distance',
    '镇消防所默认值（待核实）：消防车停靠点至建筑的水带铺设距离',
    '本镇设定值：消防车可到达的通道至建筑的水带铺设距离（国家标准无对应条文）',
  ],
  [
    'GB50974.water_radius',
    'GB 50974-2014 室外消火栓保护半径；GB 50039-2010 消防水源',
    'GB 50974-2014 第7.2.5条、第7.3.2条（室外消火栓保护半径不应大于150米）',
  ],
  [
    'GB50039.tank_volume',
    'GB 50039-2010 消防水池（默认值待核实）',
    'GB 50039-2010《农村防火规范》消防设施：不具备给水管网条件时应设置消防水池（容量为本镇设定的默认值）',
  ],
  [
    'campaign.micro_station_time',
    '公消〔2015〕301号（1分钟出动、3分钟到场、5分钟处置）',
    '公消〔2015〕301号《消防安全重点单位微型消防站建设标准（试行）》《社区微型消防站建设标准（试行）》：“3分钟到场”扑救初起火灾',
  ],
  [
    'campaign.response_time',
    '县、镇消防队到场时间目标（本地设定，GB/T 35547-2017；无国家农村标准）',
    '本镇设定的到场时间目标（国家标准未规定农村到场时间；乡镇消防队按 GB/T 35547-2017 建设）',
  ],
];

async function apply(db: Kysely<unknown>, from: 1 | 2, to: 1 | 2): Promise<void> {
  for (const change of CHANGES) {
    await sql`UPDATE rules SET clause = ${change[to]}, updated_at = now() WHERE rule_id = ${change[0]} AND clause = ${change[from]}`.execute(
      db,
    );
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await apply(db, 1, 2);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await apply(db, 2, 1);
}
