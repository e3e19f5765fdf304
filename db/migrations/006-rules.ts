import { type Kysely, sql } from 'kysely';

/**
 * The rule table the spatial analyses read their thresholds from (editable later by the campaign office),
 * seeded with the defaults of ../shared/DOMAIN.md. Rows are inlined here, not imported, so this migration
 * keeps producing the same table when the defaults elsewhere change.
 *
 * Also GiST indexes on the geometry transformed to EPSG:4546 (metres), so analyses can ask
 * `ST_DWithin(ST_Transform(a.geom, 4546), ST_Transform(b.geom, 4546), metres)` and KNN `<->` in metres
 * through an index. Queries must spell the expression exactly as indexed: `ST_Transform(geom, 4546)`.
 */

type Unit = 'm' | 'min' | 'm2' | 'm3' | 'count';
type Row = [
  id: string,
  ruleset: string,
  kind: string,
  clause: string,
  zh: string,
  en: string,
  threshold: number,
  unit: Unit,
  params: object,
];

const RURAL = 'GB 50039-2010 农村防火规范 建筑防火间距（条文号待核实）';
const NATIONAL = 'GB 50016-2014（2018年版）表5.2.2';
const GRADE_ZH: Record<string, string> = { '1-2': '一、二级', '3': '三级', '4': '四级', high_rise: '高层' };

function spacing(ruleset: 'GB50039' | 'GB50016', clause: string, a: string, b: string, metres: number): Row {
  return [
    `${ruleset}.spacing.${a}.${b}`,
    ruleset,
    'building_spacing',
    clause,
    `${GRADE_ZH[a]}与${GRADE_ZH[b]}建筑之间的防火间距不应小于${metres}米`,
    `Fire spacing between a grade ${a} and a grade ${b} building must be at least ${metres} m`,
    metres,
    'm',
    { grades: [a, b] },
  ];
}

const ROWS: Row[] = [
  spacing('GB50039', RURAL, '1-2', '1-2', 4),
  spacing('GB50039', RURAL, '1-2', '3', 5),
  spacing('GB50039', RURAL, '1-2', '4', 6),
  spacing('GB50039', RURAL, '3', '3', 6),
  spacing('GB50039', RURAL, '3', '4', 7),
  spacing('GB50039', RURAL, '4', '4', 8),
  spacing('GB50016', NATIONAL, '1-2', '1-2', 6),
  spacing('GB50016', NATIONAL, '1-2', '3', 7),
  spacing('GB50016', NATIONAL, '1-2', '4', 9),
  spacing('GB50016', NATIONAL, '3', '3', 8),
  spacing('GB50016', NATIONAL, '3', '4', 10),
  spacing('GB50016', NATIONAL, '4', '4', 12),
  spacing('GB50016', NATIONAL, 'high_rise', 'high_rise', 13),
  spacing('GB50016', NATIONAL, 'high_rise', '1-2', 9),
  spacing('GB50016', NATIONAL, 'high_rise', '3', 11),
  spacing('GB50016', NATIONAL, 'high_rise', '4', 14),
  [
    'GB50016.high_rise_height',
    'GB50016',
    'high_rise_height',
    'GB 50016-2014（2018年版）第5.1.1条',
    '建筑高度大于27米的住宅建筑、大于24米的非住宅建筑为高层建筑（按国标间距表判定时使用）',
    'Residential buildings over 27 m and other buildings over 24 m are high-rise (used with the national spacing table)',
    27,
    'm',
    { other_use_m: 24 },
  ],
  [
    'GB50039.cluster.1-2',
    'GB50039',
    'cluster_area',
    'GB 50039-2010 防火分隔（连片建筑，默认值待核实）',
    '一、二级建筑连片占地面积超过5000平方米时应设置宽度不小于6米的防火隔离带',
    'A contiguous cluster of grade 1-2 buildings over 5,000 m² needs fire breaks at least 6 m wide',
    5000,
    'm2',
    { grades: ['1-2'], break_m: 6 },
  ],
  [
    'GB50039.cluster.3-4',
    'GB50039',
    'cluster_area',
    'GB 50039-2010 防火分隔（连片建筑，默认值待核实）',
    '三、四级建筑连片占地面积超过3000平方米时应设置宽度不小于10米的防火隔离带',
    'A contiguous cluster of grade 3-4 buildings over 3,000 m² needs fire breaks at least 10 m wide',
    3000,
    'm2',
    { grades: ['3', '4'], break_m: 10 },
  ],
  ...(
    [
      ['1-2', 15],
      ['3', 20],
      ['4', 25],
    ] as const
  ).map(([grade, metres]): Row => {
    return [
      `GB50039.stack.large.${grade}`,
      'GB50039',
      'stack_distance',
      'GB 50039-2010 柴草堆垛（默认值待核实）',
      `大型柴草堆垛与${GRADE_ZH[grade]}建筑的间距不应小于${metres}米`,
      `A large straw or fodder stack must be at least ${metres} m from a grade ${grade} building`,
      metres,
      'm',
      { size: 'large', grade },
    ];
  }),
  [
    'GB55037.passage.no_stacking',
    'GB55037',
    'stack_on_passage',
    'GB 55037-2022 第3.4.5条；GB 50039-2010',
    '消防车通道上不得堆放柴草等物品（堆垛不得进入通道净宽范围）',
    'Nothing may be stacked on a fire lane (a stack must stay outside the passage clear width)',
    0,
    'm',
    {},
  ],
  [
    'GB50039.hazardous_site',
    'GB50039',
    'hazardous_site_distance',
    'GB 50039-2010 火灾危险源控制（燃料、危险品生产场所）',
    '白酒、包装制品等火灾危险性生产场所与住宅、学校、诊所的间距不应小于50米',
    'Distilleries, packaging plants and other hazardous production sites must be at least 50 m from homes, schools and clinics',
    50,
    'm',
    { unit_kinds: ['distillery', 'packaging'], protected: ['home', 'school', 'clinic'] },
  ],
  [
    'GB55037.passage.width',
    'GB55037',
    'passage_width',
    'GB 55037-2022 第3.4.5条；GB 50016-2014 第7.1.8条',
    '消防车道的净宽度不应小于4.0米',
    'A fire-truck passage needs a clear width of at least 4.0 m',
    4,
    'm',
    {},
  ],
  [
    'GB55037.passage.height',
    'GB55037',
    'passage_height',
    'GB 55037-2022 第3.4.5条；GB 50016-2014 第7.1.8条',
    '消防车道的净空高度不应小于4.0米',
    'A fire-truck passage needs a clear height of at least 4.0 m',
    4,
    'm',
    {},
  ],
  [
    'GB55037.passage.obstacle',
    'GB55037',
    'passage_obstacle',
    'GB 55037-2022 第3.4.5条（消防车通道不得占用）',
    '消防车通道上不得设置障碍物、违章搭建或停放车辆、地锁',
    'No obstacle, structure, parked vehicle or ground lock may occupy a fire lane',
    0,
    'count',
    {},
  ],
  [
    'GB50016.passage.dead_end',
    'GB50016',
    'dead_end_length',
    'GB 50016-2014（2018年版）第7.1.9条',
    '尽头式消防车道长度超过40米时应设置回车场',
    'A dead-end fire lane longer than 40 m needs a turnaround',
    40,
    'm',
    {},
  ],
  [
    'GB50016.passage.turnaround',
    'GB50016',
    'turnaround_size',
    'GB 50016-2014（2018年版）第7.1.9条',
    '回车场面积不应小于12米×12米（高层建筑15米×15米，重型消防车18米×18米）',
    'A turnaround must be at least 12 m × 12 m (15 × 15 m for high-rise, 18 × 18 m for heavy trucks)',
    12,
    'm',
    { high_rise_m: 15, heavy_truck_m: 18 },
  ],
  [
    'campaign.hose_distance',
    'campaign',
    'hose_distance',
    '镇消防所默认值（待核实）：消防车停靠点至建筑的水带铺设距离',
    '建筑距消防车可到达的通道不应超过60米（水带铺设距离）',
    'A building must be within 60 m (hose distance) of a passage a fire truck can reach',
    60,
    'm',
    {},
  ],
  [
    'GB50974.water_radius',
    'GB50974',
    'water_radius',
    'GB 50974-2014 室外消火栓保护半径；GB 50039-2010 消防水源',
    '建筑150米范围内应有可用的消防水源（消火栓、消防水池或取水点）',
    'A building needs a usable fire water source (hydrant, tank or draw-off point) within 150 m',
    150,
    'm',
    {},
  ],
  [
    'GB50039.tank_volume',
    'GB50039',
    'tank_volume',
    'GB 50039-2010 消防水池（默认值待核实）',
    '农村消防水池容量不宜小于100立方米，建筑耐火等级较低时不宜小于200立方米',
    'A rural fire tank should hold at least 100 m³, 200 m³ where buildings are of low fire-resistance grade',
    100,
    'm3',
    { low_grade_m3: 200 },
  ],
  [
    'campaign.micro_station_time',
    'campaign',
    'station_time',
    '公消〔2015〕301号（1分钟出动、3分钟到场、5分钟处置）',
    '微型消防站、志愿消防队应在3分钟内到场',
    'A micro fire station or volunteer team should reach a fire within 3 minutes',
    3,
    'min',
    { station_kinds: ['micro_station', 'volunteer_team'] },
  ],
  [
    'campaign.response_time',
    'campaign',
    'response_time',
    '县、镇消防队到场时间目标（本地设定，GB/T 35547-2017；无国家农村标准）',
    '乡镇专职消防队、县消防救援大队应在15分钟内到场',
    'The township brigade or county station should arrive within 15 minutes',
    15,
    'min',
    { station_kinds: ['township_brigade', 'county_station'] },
  ],
];

const INDEXED_FOR_METRES = ['buildings', 'passages', 'water_sources'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE rules (
    rule_id text PRIMARY KEY,
    ruleset text NOT NULL CHECK (ruleset IN ('GB50039', 'GB50016', 'GB55037', 'GB50974', 'campaign')),
    kind text NOT NULL,
    clause text NOT NULL,
    description_zh text NOT NULL,
    description_en text NOT NULL,
    threshold numeric NOT NULL CHECK (threshold >= 0),
    unit text NOT NULL CHECK (unit IN ('m', 'min', 'm2', 'm3', 'count')),
    params jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX rules_kind_idx ON rules (kind)`.execute(db);
  await sql`INSERT INTO rules (rule_id, ruleset, kind, clause, description_zh, description_en, threshold, unit, params)
    VALUES ${sql.join(
      ROWS.map(
        ([id, ruleset, kind, clause, zh, en, threshold, unit, params]) =>
          sql`(${id}, ${ruleset}, ${kind}, ${clause}, ${zh}, ${en}, ${threshold}, ${unit}, ${JSON.stringify(params)}::jsonb)`,
      ),
    )}`.execute(db);

  for (const table of INDEXED_FOR_METRES) {
    await sql`CREATE INDEX ${sql.id(`${table}_geom_4546_gist`)} ON ${sql.id(table)}
      USING gist (ST_Transform(geom, 4546))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of INDEXED_FOR_METRES) await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_geom_4546_gist`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS rules`.execute(db);
}
