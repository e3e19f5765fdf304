import type { BaseTable } from '@/db/migrations/base-tables';
import {
  BUILDING_USES,
  FIRE_GRADES,
  NINE_SMALL_CATEGORIES,
  OBSTACLE_STATUSES,
  OBSTACLE_TYPES,
  PASSAGE_CLASSES,
  STACK_SIZES,
  STATION_KINDS,
  STRUCTURES,
  SURFACES,
  UNIT_KINDS,
  WATER_KINDS,
  WATER_STATUSES,
} from '@/lib/domain/enums';
import type { LayerName } from '@/lib/map/layer-names';

/**
 * The attributes of each base layer, as files name them and people edit them: the one list that imports
 * (field mapping, value mapping), exports (column headers, Shapefile field names) and the data-maintenance
 * forms read.
 */

/** The layers a town's own files and the data-maintenance page can change (hazards and incidents are records). */
export const BASE_LAYERS = [
  'villages',
  'buildings',
  'passages',
  'obstacles',
  'water-sources',
  'stations',
  'units',
  'straw-stacks',
] as const satisfies readonly LayerName[];
export type BaseLayer = (typeof BASE_LAYERS)[number];

export function isBaseLayer(value: string): value is BaseLayer {
  return (BASE_LAYERS as readonly string[]).includes(value);
}

export type BaseFieldType =
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  /** One of `values`; labels are the message files' `enum.<enumGroup>.<code>`. */
  | 'enum'
  /** Months of the year 1–12 (a water source's usable months), written "1-12" or "11,12,1,2". */
  | 'months'
  /** Another layer's feature named by its code in files; stored as that feature's id (or code, for villages). */
  | 'reference';

export interface BaseField {
  /** The column in the layer's table. */
  column: string;
  zh: string;
  en: string;
  type: BaseFieldType;
  /** An import must give it (or the database has no default for it). */
  required?: boolean;
  values?: readonly string[];
  enumGroup?: string;
  /** Other spellings of a value, in files: alias → stored code (labels in both languages match too). */
  valueAliases?: Readonly<Record<string, string>>;
  references?: BaseLayer;
  /** Header names files use for it, besides the column and the two labels (compared case- and space-insensitively). */
  aliases: readonly string[];
  /** Established by a field check (现场核查): inspectors and village officers may edit it in their villages. */
  fieldCheck?: boolean;
  /** Shapefile field name (≤ 10 ASCII characters); the column when it is short enough. */
  shapefileName?: string;
}

export interface BaseLayerSpec {
  layer: BaseLayer;
  table: BaseTable;
  /** The stored geometry type (every geometry is EPSG:4326). */
  geometry: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  /** The id the API and hazards use: an integer id, or the code for villages. */
  idColumn: 'id' | 'code';
  /** Features of a file are matched to stored ones by this key unless the user picks another field. */
  keyColumn: 'code';
  /**
   * How far outside the town's villages a feature may lie, in metres: a little for what belongs to a village; the
   * county's stations and the township brigade serve the town from wherever they stand.
   */
  outsideTownM: number;
  fields: readonly BaseField[];
}

/** A village's features lie within it, or just outside (a pond by the fields, a lane's end). */
const NEAR_TOWN_M = 200;
/** A fire station serves the town from the county: as far as a truck drives in the response time. */
const COUNTY_REACH_M = 30_000;

const code = (aliases: string[] = []): BaseField => ({
  column: 'code',
  zh: '编码',
  en: 'Code',
  type: 'text',
  required: true,
  aliases: ['编号', '代码', '编码', 'id', 'bm', 'bh', ...aliases],
});
const villageCode = (required: boolean): BaseField => ({
  column: 'village_code',
  zh: '所属村',
  en: 'Village',
  type: 'reference',
  references: 'villages',
  required,
  aliases: ['村', '村名', '村庄', '行政村', '所在村', '村编码', '村代码', 'village', 'cun', 'cunming', 'xzc'],
  shapefileName: 'village',
});
const enumField = (
  column: string,
  zh: string,
  en: string,
  values: readonly string[],
  enumGroup: string,
  aliases: string[],
  extra: Partial<BaseField> = {},
): BaseField => ({ column, zh, en, type: 'enum', values, enumGroup, aliases, ...extra });
const flag = (column: string, zh: string, en: string, aliases: string[], extra: Partial<BaseField> = {}): BaseField => ({
  column,
  zh,
  en,
  type: 'boolean',
  aliases,
  ...extra,
});

const FIRE_GRADE_ALIASES = {
  一二级: '1-2',
  '一、二级': '1-2',
  一级: '1-2',
  二级: '1-2',
  '1': '1-2',
  '2': '1-2',
  '1-2': '1-2',
  'I-II': '1-2',
  三级: '3',
  III: '3',
  四级: '4',
  IV: '4',
};
const STRUCTURE_ALIASES = {
  土木结构: 'earth_wood',
  土坯: 'earth_wood',
  砖木结构: 'brick_wood',
  砖混结构: 'brick_concrete',
  钢筋混凝土: 'frame',
  框架结构: 'frame',
  钢混: 'frame',
  钢结构: 'steel',
  轻钢: 'steel',
};

export const BASE_LAYER_SPECS: Readonly<Record<BaseLayer, BaseLayerSpec>> = {
  villages: {
    layer: 'villages',
    table: 'villages',
    geometry: 'MultiPolygon',
    idColumn: 'code',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['村编码', '村代码', 'cunbm', 'xzqdm', '行政区代码']),
      {
        column: 'name',
        zh: '村名',
        en: 'Name',
        type: 'text',
        required: true,
        aliases: ['名称', '村名称', '行政村', 'mc', 'xzqmc', 'name'],
      },
      { column: 'population', zh: '人口', en: 'Population', type: 'integer', required: true, aliases: ['人口数', '常住人口', 'rk', 'pop'] },
      { column: 'households', zh: '户数', en: 'Households', type: 'integer', required: true, aliases: ['总户数', 'hs'] },
      flag('is_seat', '镇政府驻地', 'Township seat', ['驻地', 'seat']),
    ],
  },
  buildings: {
    layer: 'buildings',
    table: 'buildings',
    geometry: 'Polygon',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['房屋编码', '房屋编号', 'fwbm', 'fwbh']),
      villageCode(true),
      { column: 'name', zh: '名称', en: 'Name', type: 'text', aliases: ['房屋名称', '户主', 'mc', 'name'] },
      enumField('use', '用途', 'Use', BUILDING_USES, 'use', ['房屋用途', '使用用途', 'yt', 'fwyt'], { required: true }),
      flag('shop_front_home_back', '前店后居', 'Shop in front, home behind', ['qdhj'], { shapefileName: 'shop_front' }),
      flag('shop_below_home_above', '下店上居', 'Shop below, home above', ['xdsj'], { shapefileName: 'shop_below' }),
      flag('three_in_one', '三合一', 'Three-in-one', ['三合一场所', 'shy'], { shapefileName: 'three_in_1' }),
      enumField(
        'nine_small_category',
        '九小场所类别',
        'Nine-small category',
        NINE_SMALL_CATEGORIES,
        'nine_small_category',
        ['九小场所', '九小类别'],
        {
          shapefileName: 'nine_small',
        },
      ),
      { column: 'floors', zh: '层数', en: 'Floors', type: 'integer', required: true, aliases: ['地上层数', '楼层', 'cs', 'fwcs', 'floor'] },
      {
        column: 'height_m',
        zh: '高度（米）',
        en: 'Height (m)',
        type: 'number',
        required: true,
        aliases: ['高度', '建筑高度', '房屋高度', 'gd', 'height'],
      },
      enumField('structure', '结构', 'Structure', STRUCTURES, 'structure', ['结构类型', '房屋结构', '建筑结构', 'jg', 'fwjg', 'jglx'], {
        required: true,
        valueAliases: STRUCTURE_ALIASES,
      }),
      enumField('fire_grade', '耐火等级', 'Fire-resistance grade', FIRE_GRADES, 'fire_grade', ['耐火', 'nhdj', 'fire_resist'], {
        required: true,
        valueAliases: FIRE_GRADE_ALIASES,
      }),
      flag('through_stair', '贯通楼梯', 'Through stair', ['楼梯贯通', 'ltgt'], { shapefileName: 'thr_stair' }),
      { column: 'occupants', zh: '居住人数', en: 'Occupants', type: 'integer', aliases: ['人数', '常住人数', 'jzrs', 'rs'] },
      {
        column: 'vulnerable_residents',
        zh: '老幼病弱人数',
        en: 'Vulnerable residents',
        type: 'integer',
        aliases: ['老幼病残', '老弱病残', '弱势人数'],
        shapefileName: 'vulnerable',
      },
      flag('has_smoke_alarm', '安装烟感', 'Smoke alarm installed', ['烟感', '独立式烟感', '烟感报警器', 'yg'], {
        fieldCheck: true,
        shapefileName: 'smoke_alm',
      }),
      flag('has_extinguisher', '配备灭火器', 'Extinguisher', ['灭火器', 'mhq'], { fieldCheck: true, shapefileName: 'extinguish' }),
      {
        column: 'responsible_person',
        zh: '责任人',
        en: 'Responsible person',
        type: 'text',
        aliases: ['户主', '产权人', '负责人', 'zrr'],
        shapefileName: 'responsibl',
      },
      {
        column: 'built_year',
        zh: '建成年份',
        en: 'Year built',
        type: 'integer',
        aliases: ['建造年代', '建成年代', '建造年份', 'jcnf', 'year'],
        shapefileName: 'built_year',
      },
    ],
  },
  passages: {
    layer: 'passages',
    table: 'passages',
    geometry: 'LineString',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['道路编码', '通道编号', 'dlbm']),
      { column: 'name', zh: '名称', en: 'Name', type: 'text', aliases: ['道路名称', '路名', 'mc', 'name'] },
      villageCode(false),
      enumField('class', '道路等级', 'Class', PASSAGE_CLASSES, 'class', ['等级', '道路类型', '类型', 'dldj', 'type'], { required: true }),
      {
        column: 'clear_width_m',
        zh: '净宽（米）',
        en: 'Clear width (m)',
        type: 'number',
        required: true,
        aliases: ['净宽', '宽度', '路宽', '道路宽度', 'kd', 'width'],
        shapefileName: 'width_m',
      },
      {
        column: 'clear_height_m',
        zh: '净高（米）',
        en: 'Clear height (m)',
        type: 'number',
        aliases: ['净高', '限高', 'jg', 'height'],
        shapefileName: 'height_m',
      },
      enumField('surface', '路面', 'Surface', SURFACES, 'surface', ['路面材质', '路面类型', 'lm'], { required: true }),
      flag('has_turnaround', '回车场', 'Turnaround', ['有回车场', 'hcc'], { shapefileName: 'turnaround' }),
      { column: 'slope_pct', zh: '坡度（%）', en: 'Slope (%)', type: 'number', aliases: ['坡度', 'pd', 'slope'] },
    ],
  },
  obstacles: {
    layer: 'obstacles',
    table: 'obstacles',
    geometry: 'Point',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['障碍编号']),
      {
        column: 'passage_id',
        zh: '所在通道',
        en: 'Passage',
        type: 'reference',
        references: 'passages',
        required: true,
        aliases: ['通道', '通道编码', '道路编码', 'passage', 'passage_code'],
        shapefileName: 'passage',
      },
      enumField('obstacle_type', '障碍类型', 'Obstacle type', OBSTACLE_TYPES, 'obstacle_type', ['类型', '占道类型', 'type'], {
        required: true,
        shapefileName: 'type',
      }),
      enumField('status', '状态', 'Status', OBSTACLE_STATUSES, 'obstacle_status', ['清除情况', 'zt'], {
        required: true,
        fieldCheck: true,
        valueAliases: { 未清理: 'open', 已清理: 'cleared' },
      }),
      { column: 'found_on', zh: '发现日期', en: 'Found on', type: 'date', required: true, aliases: ['发现时间', '日期', 'date'] },
      { column: 'cleared_on', zh: '清除日期', en: 'Cleared on', type: 'date', aliases: ['清除时间', '清理日期'], fieldCheck: true },
      { column: 'note', zh: '备注', en: 'Note', type: 'text', aliases: ['说明', 'bz'] },
    ],
  },
  'water-sources': {
    layer: 'water-sources',
    table: 'water_sources',
    geometry: 'Point',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['水源编号', '消火栓编号']),
      { column: 'name', zh: '名称', en: 'Name', type: 'text', required: true, aliases: ['水源名称', 'mc', 'name'] },
      villageCode(false),
      enumField('kind', '水源类型', 'Kind', WATER_KINDS, 'water_kind', ['类型', '种类', 'lx', 'type'], {
        required: true,
        valueAliases: {
          市政消火栓: 'hydrant',
          室外消火栓: 'hydrant',
          水塘: 'pond',
          池塘: 'pond',
          水井: 'well',
          机井: 'well',
          水池: 'tank',
          蓄水池: 'tank',
          取水点: 'river_intake',
        },
      }),
      {
        column: 'capacity_m3',
        zh: '容量（立方米）',
        en: 'Capacity (m³)',
        type: 'number',
        aliases: ['容量', '容积', '储水量', 'rl', 'capacity'],
        shapefileName: 'capacity',
      },
      {
        column: 'usable_months',
        zh: '可用月份',
        en: 'Usable months',
        type: 'months',
        aliases: ['可用月', '使用月份', 'months'],
        shapefileName: 'months',
      },
      enumField('status', '状态', 'Status', WATER_STATUSES, 'water_status', ['使用状态', '是否可用', 'zt'], {
        required: true,
        fieldCheck: true,
        valueAliases: { 正常: 'in_service', 可用: 'in_service', 完好: 'in_service', 损坏: 'out_of_service', 不可用: 'out_of_service' },
      }),
    ],
  },
  stations: {
    layer: 'stations',
    table: 'stations',
    geometry: 'Point',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: COUNTY_REACH_M,
    fields: [
      code(),
      { column: 'name', zh: '名称', en: 'Name', type: 'text', required: true, aliases: ['站名', 'mc', 'name'] },
      villageCode(false),
      enumField('kind', '类型', 'Kind', STATION_KINDS, 'station_kind', ['队站类型', 'lx', 'type'], {
        required: true,
        valueAliases: { 微型站: 'micro_station', 微站: 'micro_station' },
      }),
      { column: 'staff', zh: '人员', en: 'Staff', type: 'integer', aliases: ['人数', '队员', 'ry'] },
      { column: 'vehicles', zh: '车辆', en: 'Vehicles', type: 'integer', aliases: ['车辆数', 'cl'] },
      { column: 'vehicle_type', zh: '车型', en: 'Vehicle type', type: 'text', aliases: ['车辆类型', 'cx'], shapefileName: 'veh_type' },
      {
        column: 'speed_kmh',
        zh: '行驶速度（千米/时）',
        en: 'Speed (km/h)',
        type: 'number',
        required: true,
        aliases: ['速度', '车速', 'speed'],
        shapefileName: 'speed_kmh',
      },
    ],
  },
  units: {
    layer: 'units',
    table: 'social_units',
    geometry: 'Point',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['单位编号', '统一社会信用代码']),
      { column: 'name', zh: '名称', en: 'Name', type: 'text', required: true, aliases: ['单位名称', '场所名称', 'mc', 'name'] },
      enumField('kind', '类型', 'Kind', UNIT_KINDS, 'unit_kind', ['场所类型', '单位类型', 'lx', 'type'], { required: true }),
      {
        column: 'building_id',
        zh: '所在房屋',
        en: 'Building',
        type: 'reference',
        references: 'buildings',
        aliases: ['房屋编码', '房屋编号', 'building', 'building_code'],
        shapefileName: 'building',
      },
      villageCode(true),
      {
        column: 'trained_persons',
        zh: '培训人数',
        en: 'Trained persons',
        type: 'integer',
        aliases: ['培训', 'pxrs'],
        shapefileName: 'trained',
      },
      {
        column: 'drills_per_year',
        zh: '年演练次数',
        en: 'Drills per year',
        type: 'integer',
        aliases: ['演练次数', 'drills'],
        shapefileName: 'drills',
      },
      {
        column: 'responsible_person',
        zh: '责任人',
        en: 'Responsible person',
        type: 'text',
        aliases: ['负责人', '法人', 'zrr'],
        shapefileName: 'responsibl',
      },
    ],
  },
  'straw-stacks': {
    layer: 'straw-stacks',
    table: 'straw_stacks',
    geometry: 'Polygon',
    idColumn: 'id',
    keyColumn: 'code',
    outsideTownM: NEAR_TOWN_M,
    fields: [
      code(['柴草垛编号']),
      villageCode(false),
      enumField('size', '规模', 'Size', STACK_SIZES, 'size', ['大小', 'gm'], {
        required: true,
        valueAliases: { 大: 'large', 小: 'small' },
      }),
      {
        column: 'volume_m3',
        zh: '体积（立方米）',
        en: 'Volume (m³)',
        type: 'number',
        required: true,
        aliases: ['体积', '方量', 'tj', 'volume'],
        shapefileName: 'volume_m3',
      },
    ],
  },
};

/** The Shapefile field name of a field: at most 10 ASCII characters, unique within its layer. */
export function shapefileFieldName(field: BaseField): string {
  return field.shapefileName ?? field.column.slice(0, 10);
}
