import { controlTextMessage, hasControlCharacters } from '../api/control-text';
import { HAZARD_CATEGORIES, PLACE_TYPES, SEVERITIES } from '../domain/enums';
import { fieldErrors, type HazardImportFields, hazardImportSchema, NOTIFY_METHODS } from '../hazards/input';
import { say } from '../i18n/say';
import { CellError, enumCellReader, parseDateCell, parseNumberCell } from './cell-parsers';
import { HAZARD_IMPORT_FIELD_LABELS, HAZARD_IMPORT_FIELDS, type HazardColumnMapping, type HazardImportField } from './hazard-mapping';
import type { ImportTable } from './table';

/** A valid row, ready to create: `building_code` (if any) is for the caller to look up; `row` is its file row. */
export type HazardImportInput = HazardImportFields & { row: number };

export interface ImportRowError {
  /** Row number in the file, 1-based as Excel shows it (the header row for a missing column). */
  row: number;
  /** The column's header text (or the field's Chinese name when no column holds it). */
  column: string;
  message: string;
}

export interface VillageLookup {
  /** Known village codes (a Map code → name or a Set of codes). */
  villagesByCode: { has(code: string): boolean };
  /** Village name → code. */
  villagesByName: ReadonlyMap<string, string>;
}

/** The lookup maps from the village list (e.g. db/queries/villages). */
export function villageLookup(villages: readonly { code: string; name: string }[]): VillageLookup {
  return {
    villagesByCode: new Map(villages.map((village) => [village.code, village.name])),
    villagesByName: new Map(villages.map((village) => [village.name, village.code])),
  };
}

const readCategory = enumCellReader('category', HAZARD_CATEGORIES);
const readPlaceType = enumCellReader('place_type', PLACE_TYPES);
const readSeverity = enumCellReader('severity', SEVERITIES, { 一般: 'general', 重大: 'major', 重大火灾隐患: 'major' });
// Besides the labels (电话告知 …), the short forms people write in a spreadsheet.
const readNotifyMethod = enumCellReader('notify_method', NOTIFY_METHODS, {
  电话: 'phone',
  电话通知: 'phone',
  短信: 'sms',
  当面: 'in_person',
  书面: 'written_notice',
  书面告知: 'written_notice',
  整改通知书: 'written_notice',
  微信: 'wechat',
});

/** Which import field a schema error path belongs to. */
function fieldOfPath(path: string): HazardImportField | null {
  const head = path.split('.')[0] ?? '';
  const byPath: Record<string, HazardImportField> = {
    village_code: 'village',
    'location.lon': 'lon',
    'location.lat': 'lat',
    location: 'lon',
    'notification.method': 'notify_method',
    'notification.on': 'notified_on',
    notification: 'notify_method',
  };
  return byPath[path] ?? byPath[head] ?? ((head in HAZARD_IMPORT_FIELD_LABELS ? head : null) as HazardImportField | null);
}

function villageCode(text: string, villages: VillageLookup): string {
  const value = text.trim();
  if (villages.villagesByCode.has(value)) return value;
  const byName =
    villages.villagesByName.get(value) ??
    villages.villagesByName.get(`${value}村`) ??
    (value.endsWith('村') ? villages.villagesByName.get(value.slice(0, -1)) : undefined);
  if (byName) return byName;
  throw new CellError(
    say(
      `未知村“${value.slice(0, 30)}”（请填写村名或 12 位村代码）`,
      `unknown village "${value.slice(0, 30)}" (give its name or 12-digit code)`,
    ),
  );
}

/**
 * Every row of an import table checked against the hazard rules. Returns the valid rows as inputs and one
 * error per problem (a bad row may have several); the caller imports nothing unless `errors` is empty.
 */
export function validateRows(
  table: ImportTable,
  mapping: HazardColumnMapping,
  villages: VillageLookup,
): {
  inputs: HazardImportInput[];
  errors: ImportRowError[];
} {
  const columnName = (field: HazardImportField) => {
    const index = mapping[field];
    return index !== undefined ? table.headers[index] || HAZARD_IMPORT_FIELD_LABELS[field] : HAZARD_IMPORT_FIELD_LABELS[field];
  };

  const missing: ImportRowError[] = (['category', 'severity', 'description'] as const)
    .filter((field) => mapping[field] === undefined)
    .map((field) => ({
      row: table.headerRowNumber,
      column: HAZARD_IMPORT_FIELD_LABELS[field],
      message: say(
        `没有列对应到${HAZARD_IMPORT_FIELD_LABELS[field]}（${field}）`,
        `no column is mapped to ${HAZARD_IMPORT_FIELD_LABELS[field]} (${field})`,
      ),
    }));
  const hasCoordinates = mapping.lon !== undefined && mapping.lat !== undefined;
  if (!hasCoordinates && mapping.building_code === undefined) {
    missing.push({
      row: table.headerRowNumber,
      column: '经度/纬度',
      message: say(
        '没有经度和纬度列，也没有建筑编号列：无法确定隐患位置',
        'no columns for 经度 and 纬度 (lon, lat) nor for 建筑编号 (building code): the hazards cannot be placed',
      ),
    });
  }
  if (missing.length > 0) return { inputs: [], errors: missing };

  const inputs: HazardImportInput[] = [];
  const errors: ImportRowError[] = [];
  const firstRowOfCode = new Map<string, number>();

  table.rows.forEach((cells, index) => {
    const row = table.rowNumbers[index] ?? index + 2;
    const rowErrors: ImportRowError[] = [];
    const failed = new Set<HazardImportField>();
    const text = (field: HazardImportField) => {
      const column = mapping[field];
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    /** A cell read by `parse`, or undefined when empty or unreadable (the error is recorded). */
    const read = <T>(field: HazardImportField, parse: (value: string) => T): T | undefined => {
      const value = text(field);
      if (value === '' || failed.has(field)) return undefined;
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        failed.add(field);
        rowErrors.push({ row, column: columnName(field), message: error.message });
        return undefined;
      }
    };

    for (const field of HAZARD_IMPORT_FIELDS) {
      if (!hasControlCharacters(text(field))) continue;
      failed.add(field);
      rowErrors.push({
        row,
        column: columnName(field),
        message: say(`该单元格${controlTextMessage()}`, `the cell ${controlTextMessage()}`),
      });
    }
    const lon = read('lon', parseNumberCell);
    const lat = read('lat', parseNumberCell);
    const bothOrNeither = (given: HazardImportField, other: HazardImportField) => {
      if (text(given) !== '' && text(other) === '' && !failed.has(other)) {
        failed.add(other);
        rowErrors.push({
          row,
          column: columnName(other),
          message: say(
            `${HAZARD_IMPORT_FIELD_LABELS[other]}为空，但给出了${HAZARD_IMPORT_FIELD_LABELS[given]}`,
            `${HAZARD_IMPORT_FIELD_LABELS[other]} is empty but ${HAZARD_IMPORT_FIELD_LABELS[given]} is given`,
          ),
        });
      }
    };
    bothOrNeither('lon', 'lat');
    bothOrNeither('lat', 'lon');
    const notifyMethod = read('notify_method', readNotifyMethod);
    const notifiedOn = read('notified_on', parseDateCell);
    bothOrNeither('notify_method', 'notified_on');
    bothOrNeither('notified_on', 'notify_method');

    const raw: Record<string, unknown> = {
      code: text('code') || undefined,
      village_code: read('village', (value) => villageCode(value, villages)),
      category: read('category', readCategory),
      place_type: text('place_type') === '' ? null : read('place_type', readPlaceType),
      severity: read('severity', readSeverity),
      description: text('description'),
      found_on: read('found_on', parseDateCell),
      deadline: read('deadline', parseDateCell),
      responsible_person: text('responsible_person') || null,
      criterion: text('criterion') || null,
      rule_id: text('rule_id') || null,
      measured: read('measured', parseNumberCell) ?? null,
      location: lon !== undefined && lat !== undefined ? { lon, lat } : undefined,
      building_code: text('building_code') || undefined,
      notification: notifyMethod && notifiedOn ? { method: notifyMethod, on: notifiedOn } : undefined,
    };
    for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
    // Checked here as well as in the schema: zod skips its cross-field check when a field of the row already failed,
    // and every problem of a row must be reported at once.
    if (!raw.location && !raw.building_code && !failed.has('lon') && !failed.has('lat')) {
      failed.add('lon');
      rowErrors.push({
        row,
        column: columnName('lon'),
        message: say('请给出经纬度或建筑编号', 'give longitude and latitude or a building code'),
      });
    }

    const parsed = hazardImportSchema.safeParse(raw);
    if (!parsed.success) {
      for (const error of fieldErrors(parsed.error)) {
        const field = fieldOfPath(error.field);
        // A cell already reported as unreadable is not reported again as missing.
        if (field && failed.has(field)) continue;
        if (error.field === 'location' && (failed.has('lon') || failed.has('lat') || failed.has('building_code'))) continue;
        rowErrors.push({ row, column: field ? columnName(field) : '', message: error.message });
      }
    }

    const code = text('code');
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined)
        rowErrors.push({
          row,
          column: columnName('code'),
          message: say(
            `编号 ${code.slice(0, 30)} 重复（首次出现在第 ${first} 行）`,
            `编号 ${code.slice(0, 30)} is repeated (first on row ${first})`,
          ),
        });
      else firstRowOfCode.set(code, row);
    }

    // In the file's column order, so the report reads left to right.
    const order = (error: ImportRowError) => {
      const index = table.headers.indexOf(error.column);
      return index < 0 ? Number.MAX_SAFE_INTEGER : index;
    };
    rowErrors.sort((a, b) => order(a) - order(b));
    if (rowErrors.length > 0 || !parsed.success) errors.push(...rowErrors);
    else inputs.push({ ...parsed.data, row });
  });
  return { inputs, errors };
}
