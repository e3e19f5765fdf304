/** The hazard fields an import file's columns can be mapped to. */
export const HAZARD_IMPORT_FIELDS = [
  'code',
  'village',
  'category',
  'place_type',
  'severity',
  'description',
  'found_on',
  'deadline',
  'responsible_person',
  'criterion',
  'rule_id',
  'measured',
  'lon',
  'lat',
  'building_code',
  'notify_method',
  'notified_on',
] as const;
export type HazardImportField = (typeof HAZARD_IMPORT_FIELDS)[number];

/** Which column (0-based index into the headers) each field is read from; unmapped fields are absent. */
export type HazardColumnMapping = Partial<Record<HazardImportField, number>>;

/** Chinese names of the fields, for messages about a column that is missing. */
export const HAZARD_IMPORT_FIELD_LABELS: Readonly<Record<HazardImportField, string>> = {
  code: '编号',
  village: '村',
  category: '类别',
  place_type: '场所类型',
  severity: '等级',
  description: '描述',
  found_on: '发现日期',
  deadline: '整改期限',
  responsible_person: '责任人',
  criterion: '依据条款',
  rule_id: '规则编号',
  measured: '实测值',
  lon: '经度',
  lat: '纬度',
  building_code: '建筑编号',
  notify_method: '告知方式',
  notified_on: '告知日期',
};

/** Header texts seen in the office's and villages' spreadsheets (and our own export), Chinese and English. */
const ALIASES: Readonly<Record<HazardImportField, readonly string[]>> = {
  code: ['编号', '隐患编号', '清单编号', 'code', 'hazard_code', 'id'],
  village: [
    '村',
    '村名',
    '行政村',
    '所属村',
    '村庄',
    '村名称',
    '村代码',
    '村编码',
    '行政村代码',
    'village',
    'village_code',
    'village_name',
  ],
  category: ['类别', '隐患类别', '隐患类型', '类型', '问题类别', 'category', 'hazard_category'],
  place_type: ['场所类型', '场所类别', '场所', '单位类型', 'place_type', 'placetype'],
  severity: ['等级', '隐患等级', '级别', '隐患级别', '严重程度', 'severity', 'level'],
  description: ['描述', '隐患描述', '隐患内容', '存在问题', '问题描述', '隐患情况', '主要问题', 'description'],
  found_on: ['发现日期', '发现时间', '检查日期', '排查日期', '检查时间', 'found_on', 'found', 'date_found'],
  deadline: ['整改期限', '整改时限', '整改截止日期', '限期整改日期', '期限', 'deadline', 'due', 'due_date'],
  responsible_person: ['责任人', '负责人', '主要负责人', '实际控制人', '整改责任人', 'responsible_person', 'responsible'],
  criterion: ['依据条款/规则', '依据条款', '判定依据', '依据', '条款', 'criterion'],
  rule_id: ['规则编号', '规则', 'rule_id', 'rule'],
  measured: ['实测值', '测量值', '实测', 'measured', 'measured_value'],
  lon: ['经度', 'lon', 'lng', 'long', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  building_code: ['建筑编号', '建筑代码', '房屋编号', '建筑物编号', 'building_code', 'building'],
  notify_method: ['告知方式', '通知方式', 'notify_method', 'notification_method'],
  notified_on: ['告知日期', '通知日期', '告知时间', 'notified_on', 'notification_date'],
};

/** Header text compared loosely: full-width folded, case, spaces, `*` marks and a trailing (unit) ignored. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：]/g, '')
    .replace(/\([^()]*\)$/, '')
    .replace(/-/g, '_');
}

const hasCjk = (text: string) => /[\u3400-\u9fff]/.test(text);

/**
 * For each hazard field, the column it most likely comes from: exact alias matches first, then headers
 * containing a longer alias (隐患描述及整改要求 → description). A column is used for one field only.
 */
export function suggestMapping(headers: readonly string[]): HazardColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const mapping: HazardColumnMapping = {};
  const used = new Set<number>();
  const assign = (field: HazardImportField, column: number) => {
    mapping[field] = column;
    used.add(column);
  };
  for (const field of HAZARD_IMPORT_FIELDS) {
    for (const alias of ALIASES[field].map(normalizeHeader)) {
      const column = normalized.findIndex((header, index) => header === alias && !used.has(index));
      if (column >= 0) {
        assign(field, column);
        break;
      }
    }
  }
  // Containment only for aliases specific enough: two or more Chinese characters, or five or more letters.
  const loose = HAZARD_IMPORT_FIELDS.flatMap((field) => ALIASES[field].map((alias) => ({ field, alias: normalizeHeader(alias) })))
    .filter(({ alias }) => (hasCjk(alias) ? alias.length >= 2 : alias.length >= 5))
    .sort((a, b) => b.alias.length - a.alias.length);
  for (const { field, alias } of loose) {
    if (mapping[field] !== undefined) continue;
    const column = normalized.findIndex((header, index) => !used.has(index) && header.includes(alias));
    if (column >= 0) assign(field, column);
  }
  return mapping;
}
