import { z } from 'zod';
import { jsonDate } from '../api/dates';
import { jsonId, jsonVersion } from '../api/ids';
import { HAZARD_CATEGORIES, NOTIFY_METHODS, PLACE_TYPES, SEVERITIES } from '../domain/enums';
import { CHINA_LAT_RANGE, CHINA_LON_RANGE } from '../geo/geojson-schema';
import { say } from '../i18n/say';
import { chinaToday } from '../time';
import { defaultDeadline } from './deadlines';

/**
 * What a user may send to create a hazard or change its editable fields (status changes go through the
 * lifecycle, never through a patch). Messages are in the user's language and always name the field.
 */

export { NOTIFY_METHODS };
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];

type Issue = { input?: unknown };
/** A type error that says "is required" when the value is missing and what it must be otherwise. */
const typed = (field: string, expected: { zh: string; en: string }) => ({
  error: (issue: Issue) =>
    issue.input === undefined
      ? say(`请给出 ${field}`, `${field} is required`)
      : say(`${field} 必须是${expected.zh}`, `${field} must be ${expected.en}`),
});

const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, typed(field, { zh: `${values.join('、')} 之一`, en: `one of ${values.join(', ')}` }));

/** Optional free text: trimmed, empty becomes null. */
const optionalText = (field: string, max: number) =>
  z
    .string(typed(field, { zh: '文字', en: 'text' }))
    .trim()
    .max(max, { error: () => say(`${field} 最多 ${max} 个字`, `${field} must be at most ${max} characters`) })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

const finite = (field: string) =>
  z
    .number(typed(field, { zh: '有限的数字', en: 'a finite number' }))
    .refine(Number.isFinite, { error: () => say(`${field} 必须是有限的数字`, `${field} must be a finite number`) });

const coordinate = (field: string, [min, max]: readonly [number, number]) =>
  finite(field).refine((value) => value >= min && value <= max, {
    error: () =>
      say(
        `${field} 必须在 ${min} 到 ${max} 度之间（中国境内的位置，CGCS2000/WGS84 经纬度）`,
        `${field} must be between ${min} and ${max} degrees (a place in China, lon/lat in CGCS2000/WGS84)`,
      ),
  });

export const locationSchema = z.strictObject(
  { lon: coordinate('location.lon', CHINA_LON_RANGE), lat: coordinate('location.lat', CHINA_LAT_RANGE) },
  typed('location', { zh: '对象 { lon, lat }', en: 'an object { lon, lat }' }),
);

export const notificationSchema = z.strictObject(
  { method: oneOf('notification.method', NOTIFY_METHODS), on: jsonDate('notification.on') },
  typed('notification', { zh: '对象 { method, on }', en: 'an object { method, on }' }),
);

/** A measured value is metres, minutes, a percentage or a count: a million of any of them is a typing error. */
const MEASURED_LIMIT = 1_000_000;

const editableFields = {
  village_code: z
    .string(typed('village_code', { zh: '12 位村代码', en: 'a 12-digit village code' }))
    .trim()
    .regex(/^\d{12}$/, { error: () => say('village_code 必须是 12 位村代码', 'village_code must be a 12-digit village code') }),
  category: oneOf('category', HAZARD_CATEGORIES),
  place_type: oneOf('place_type', PLACE_TYPES).nullable(),
  severity: oneOf('severity', SEVERITIES),
  description: z
    .string(typed('description', { zh: '文字', en: 'text' }))
    .trim()
    .min(1, { error: () => say('请填写问题描述', 'description is required') })
    .max(2000, { error: () => say('问题描述最多 2000 个字', 'description must be at most 2000 characters') }),
  found_on: jsonDate('found_on'),
  deadline: jsonDate('deadline'),
  responsible_person: optionalText('responsible_person', 100),
  criterion: optionalText('criterion', 200),
  rule_id: optionalText('rule_id', 100),
  measured: finite('measured')
    .refine((value) => Math.abs(value) <= MEASURED_LIMIT, {
      error: () =>
        say(
          `测量值必须在 -${MEASURED_LIMIT} 到 ${MEASURED_LIMIT} 之间`,
          `measured must be between -${MEASURED_LIMIT} and ${MEASURED_LIMIT}`,
        ),
    })
    .nullable()
    .optional(),
  location: locationSchema,
  building_id: jsonId('building_id'),
  paired_building_id: jsonId('paired_building_id'),
  unit_id: jsonId('unit_id'),
  passage_id: jsonId('passage_id'),
  notification: notificationSchema,
};

const createShape = {
  ...editableFields,
  village_code: editableFields.village_code.optional(),
  place_type: editableFields.place_type.optional(),
  found_on: editableFields.found_on.optional(),
  deadline: editableFields.deadline.optional(),
  location: editableFields.location.optional(),
  building_id: editableFields.building_id.optional(),
  paired_building_id: editableFields.paired_building_id.optional(),
  unit_id: editableFields.unit_id.optional(),
  passage_id: editableFields.passage_id.optional(),
  notification: editableFields.notification.optional(),
};

type Ctx = z.core.$RefinementCtx;
interface DatedFields {
  found_on?: string | undefined;
  deadline?: string | undefined;
  notification?: { on: string } | undefined;
}

/** Date rules shared by create and patch: nothing found or notified in the future, no deadline before finding. */
function checkDates(data: DatedFields, ctx: Ctx): void {
  const today = chinaToday();
  if (data.found_on && data.found_on > today) {
    ctx.addIssue({
      code: 'custom',
      path: ['found_on'],
      message: say(`发现日期不能晚于今天（今天是 ${today}）`, `found_on cannot be in the future (today is ${today})`),
    });
  }
  if (data.found_on && data.deadline && data.deadline < data.found_on) {
    ctx.addIssue({ code: 'custom', path: ['deadline'], message: say('整改期限不能早于发现日期', 'deadline cannot be before found_on') });
  }
  if (data.notification) {
    if (data.notification.on > today) {
      ctx.addIssue({
        code: 'custom',
        path: ['notification', 'on'],
        message: say(`告知日期不能晚于今天（今天是 ${today}）`, `notification.on cannot be in the future (today is ${today})`),
      });
    } else if (data.found_on && data.notification.on < data.found_on) {
      ctx.addIssue({
        code: 'custom',
        path: ['notification', 'on'],
        message: say('告知日期不能早于发现日期', 'notification.on cannot be before found_on'),
      });
    }
  }
}

/** A paired building is the second of two: it needs the first, and is another building. */
function checkPair(data: { building_id?: number | null; paired_building_id?: number | null }, ctx: Ctx): void {
  if (data.paired_building_id === undefined || data.paired_building_id === null) return;
  if (data.building_id === undefined || data.building_id === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['paired_building_id'],
      message: say('给出 paired_building_id 时须同时给出 building_id', 'paired_building_id needs building_id'),
    });
  } else if (data.building_id === data.paired_building_id) {
    ctx.addIssue({
      code: 'custom',
      path: ['paired_building_id'],
      message: say(
        'paired_building_id 必须是 building_id 以外的另一栋建筑',
        'paired_building_id must be another building than building_id',
      ),
    });
  }
}

const hasLink = (data: { building_id?: number; unit_id?: number; passage_id?: number }) =>
  data.building_id !== undefined || data.unit_id !== undefined || data.passage_id !== undefined;

type CreateFields = z.output<z.ZodObject<typeof createShape>>;

/** Fills the defaults: found today (in China), deadline from the severity, no place type. */
function withDefaults<T extends CreateFields>(data: T) {
  const found_on = data.found_on ?? chinaToday();
  return {
    ...data,
    place_type: data.place_type ?? null,
    found_on,
    deadline: data.deadline ?? defaultDeadline(data.severity, found_on),
    responsible_person: data.responsible_person ?? null,
    criterion: data.criterion ?? null,
    rule_id: data.rule_id ?? null,
    measured: data.measured ?? null,
  };
}

const placeRequired = () =>
  say(
    '请给出位置 { lon, lat }，或关联的 building_id、unit_id 或 passage_id',
    'give a location { lon, lat } or a linked building_id, unit_id or passage_id',
  );

/** A new hazard. `village_code` may be left out: the linked record or the location's village gives it. */
export const hazardCreateSchema = z
  .strictObject(createShape, typed('hazard', { zh: ' JSON 对象', en: 'a JSON object' }))
  .superRefine((data, ctx) => {
    checkPair(data, ctx);
    checkDates(data, ctx);
    if (!data.location && !hasLink(data)) ctx.addIssue({ code: 'custom', path: ['location'], message: placeRequired() });
  })
  .transform(withDefaults);

export type HazardCreateRequest = z.input<typeof hazardCreateSchema>;
export type HazardCreateInput = z.output<typeof hazardCreateSchema>;

/**
 * A hazard read from an import file: like a new hazard, plus the file's own code and a building code to be
 * looked up by the caller (a row may place the hazard by building code instead of coordinates).
 */
export const hazardImportSchema = z
  .strictObject(
    {
      ...createShape,
      code: optionalText('code', 50),
      building_code: optionalText('building_code', 50),
    },
    typed('hazard', { zh: '对象', en: 'an object' }),
  )
  .superRefine((data, ctx) => {
    checkDates(data, ctx);
    if (!data.location && !hasLink(data) && !data.building_code) {
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: say('请给出经纬度或建筑编号', 'give longitude and latitude or a building code'),
      });
    }
  })
  .transform(withDefaults);

export type HazardImportFields = z.output<typeof hazardImportSchema>;

/** Changes to a hazard's editable fields; `version` is the one the user saw (optimistic concurrency). */
export const hazardPatchSchema = z
  .strictObject(
    {
      village_code: editableFields.village_code.optional(),
      category: editableFields.category.optional(),
      place_type: editableFields.place_type.optional(),
      severity: editableFields.severity.optional(),
      description: editableFields.description.optional(),
      found_on: editableFields.found_on.optional(),
      deadline: editableFields.deadline.optional(),
      responsible_person: editableFields.responsible_person,
      criterion: editableFields.criterion,
      rule_id: editableFields.rule_id,
      measured: editableFields.measured,
      location: editableFields.location.optional(),
      // null unlinks the record.
      building_id: editableFields.building_id.nullable().optional(),
      paired_building_id: editableFields.paired_building_id.nullable().optional(),
      unit_id: editableFields.unit_id.nullable().optional(),
      passage_id: editableFields.passage_id.nullable().optional(),
      notification: editableFields.notification.optional(),
      version: jsonVersion(),
    },
    typed('change', { zh: ' JSON 对象', en: 'a JSON object' }),
  )
  .superRefine((data, ctx) => {
    checkDates(data, ctx);
    if (Object.keys(data).every((key) => key === 'version')) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: say('没有要修改的内容：除 version 外至少给出一个字段', 'nothing to change: give at least one field besides version'),
      });
    }
  });

export type HazardPatchRequest = z.input<typeof hazardPatchSchema>;
export type HazardPatchInput = z.output<typeof hazardPatchSchema>;

export { type FieldError, fieldErrors } from '../api/field-errors';
