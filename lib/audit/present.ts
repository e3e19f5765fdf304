import { dynamicMessage, enumLabel, type Locale, translator } from '../i18n';

/** One audit row as the page receives it (the API's `rows`). */
export interface AuditEntryView {
  actor: string;
  role: string | null;
  action: string;
  table_name: string;
  record_id: string | null;
  village_code: string | null;
  before: unknown;
  after: unknown;
}

/** The API's `names`: what stands behind the ids and codes of a page of rows. */
export interface AuditNamesView {
  users: Record<string, string>;
  userIds: Record<string, string>;
  villages: Record<string, string>;
  hazards: Record<string, { code: string; title: string }>;
  buildings: Record<string, { code: string; name: string | null }>;
}

/** The tables whose changes are audited, in the order the filter lists them. */
export const AUDITED_TABLES = [
  'hazards',
  'hazard_events',
  'hazard_photos',
  'users',
  'api_tokens',
  'buildings',
  'passages',
  'obstacles',
  'passage_fixes',
  'scenarios',
  'social_units',
  'stations',
  'straw_stacks',
  'water_sources',
  'villages',
  'fire_incidents',
  'drills',
  'trainings',
] as const;

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Columns that say nothing to a reader: the internal id (the record column names the record) and edit counters. */
const QUIET_FIELDS = new Set(['id', 'version', 'updated_at']);

/** The enumeration a column's codes come from, where the column's name alone does not say it. */
const ENUM_BY_TABLE: Record<string, Record<string, string>> = {
  hazards: { status: 'hazard_status' },
  hazard_events: { from_status: 'hazard_status', to_status: 'hazard_status' },
  obstacles: { status: 'obstacle_status', kind: 'obstacle_type' },
  water_sources: { status: 'water_status', kind: 'water_kind' },
  stations: { kind: 'station_kind' },
  social_units: { kind: 'unit_kind' },
  hazard_photos: { kind: 'photo_kind' },
  passages: { class: 'class' },
};
const ENUM_FIELDS = new Set([
  'category',
  'place_type',
  'severity',
  'use',
  'structure',
  'fire_grade',
  'nine_small_category',
  'notify_method',
  'method',
  'surface',
  'obstacle_type',
  'width_class',
  'cause',
]);
const ENUM_ALIASES: Record<string, string> = { method: 'notify_method' };

/** A user by display name, with the username beside it when it differs. */
export function personLabel(username: string, names: AuditNamesView): string {
  const name = names.users[username];
  return name && name !== username ? `${name}（${username}）` : username;
}

export function tableLabel(table: string, locale: Locale): string {
  return dynamicMessage(locale, `audit.table.${table}`, table);
}

/** The record a row is about, as people know it: a hazard's code and description, a user's name. */
export function recordLabel(row: AuditEntryView, names: AuditNamesView): string {
  if (row.record_id === null) return '';
  if (row.table_name === 'hazards' || row.table_name === 'hazard_events') {
    const hazard = names.hazards[row.record_id];
    return hazard ? `${hazard.code} · ${hazard.title}` : `#${row.record_id}`;
  }
  if (row.table_name === 'users') return names.userIds[row.record_id] ?? `#${row.record_id}`;
  const state = (row.after ?? row.before ?? {}) as Record<string, unknown>;
  const code = typeof state.code === 'string' ? state.code : typeof state.name === 'string' ? state.name : null;
  return code ?? `#${row.record_id}`;
}

/** One stored value in words: labels for codes and flags, names for villages, people and buildings. */
export function valueText(table: string, field: string, value: unknown, names: AuditNamesView, locale: Locale): string {
  const t = translator(locale);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (field === 'village_code' && typeof value === 'string') return names.villages[value] ?? value;
  if (field === 'villages' && Array.isArray(value)) return value.map((code) => names.villages[String(code)] ?? String(code)).join('、');
  if (field === 'role' && typeof value === 'string') return dynamicMessage(locale, `role.${value}`, value);
  if (field === 'password') return dynamicMessage(locale, `audit.password.${String(value)}`, String(value));
  if ((field === 'building_id' || field === 'paired_building_id') && (typeof value === 'number' || typeof value === 'string')) {
    const building = names.buildings[String(value)];
    return building ? (building.name ? `${building.name}（${building.code}）` : building.code) : `#${value}`;
  }
  if (field === 'hazard_id' && (typeof value === 'number' || typeof value === 'string'))
    return names.hazards[String(value)]?.code ?? `#${value}`;
  const group = ENUM_BY_TABLE[table]?.[field] ?? (ENUM_FIELDS.has(field) ? (ENUM_ALIASES[field] ?? field) : null);
  if (group && typeof value === 'string') return enumLabel(locale, group, value);
  if (Array.isArray(value)) return value.map((item) => valueText(table, field, item, names, locale)).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${fieldLabel(key, locale)} ${valueText(table, key, inner, names, locale)}`)
      .join('，');
  }
  return String(value);
}

export function fieldLabel(field: string, locale: Locale): string {
  return dynamicMessage(locale, `field.${field}`, field);
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The fields a row changed, labelled, with their values before and after in words; for a new record, the
 * fields it was given a value.
 */
export function fieldChanges(row: AuditEntryView, names: AuditNamesView, locale: Locale): FieldChange[] {
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const isNew = row.before === null || row.before === undefined;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !QUIET_FIELDS.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .filter((field) => !(isNew && isBlank(after[field])))
    .map((field) => ({
      field,
      label: fieldLabel(field, locale),
      before: row.before === null || row.before === undefined ? '' : valueText(row.table_name, field, before[field], names, locale),
      after: row.after === null || row.after === undefined ? '' : valueText(row.table_name, field, after[field], names, locale),
    }));
}
