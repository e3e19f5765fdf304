import { z } from 'zod';
import { jsonDate } from '../api/dates';
import { can } from '../auth/roles';
import type { BaseField, BaseLayerSpec } from '../domain/base-fields';
import type { Role } from '../domain/enums';
import { geometrySchemas } from '../geo/geojson-schema';
import { say } from '../i18n/say';

/** A value of one base field as a form or script sends it (references by the other feature's code). */
export function fieldSchema(field: BaseField): z.ZodType {
  const label = `${field.zh}（${field.column}）`;
  const value = (() => {
    switch (field.type) {
      case 'text':
      case 'reference':
        return z.string().trim().min(1).max(200);
      case 'integer':
        return z.number().int().min(0).max(1_000_000);
      case 'number':
        return z.number().finite().min(0).max(1_000_000);
      case 'boolean':
        return z.boolean();
      case 'date':
        return jsonDate(label);
      case 'enum':
        return z.enum(field.values as [string, ...string[]], {
          error: () => say(`${label}只能是：${field.values?.join('、')}`, `${field.column} must be one of ${field.values?.join(', ')}`),
        });
      case 'months':
        return z
          .array(z.number().int().min(1).max(12))
          .min(1)
          .max(12)
          .refine((months) => new Set(months).size === months.length, {
            error: () => say(`${label}中有重复的月份`, `${field.column} lists a month twice`),
          });
    }
  })();
  return field.required ? value : value.nullable();
}

/** The body of an edit: the version it is based on, and the fields and geometry it changes. */
export function featurePatchSchema(spec: BaseLayerSpec) {
  const properties = Object.fromEntries(spec.fields.map((field) => [field.column, fieldSchema(field).optional()]));
  return z
    .object({
      version: z.number().int().min(1).max(2_147_483_647),
      properties: z.strictObject(properties).default({}),
      geometry: geometrySchemas[spec.geometry].optional(),
    })
    .strict();
}
export type FeaturePatch = z.infer<ReturnType<typeof featurePatchSchema>>;

/** The body of a new feature: its fields (the required ones must be given) and its geometry. */
export function featureCreateSchema(spec: BaseLayerSpec) {
  const properties = Object.fromEntries(
    spec.fields.map((field) => [field.column, field.required ? fieldSchema(field) : fieldSchema(field).optional()]),
  );
  return z.object({ properties: z.strictObject(properties), geometry: geometrySchemas[spec.geometry] }).strict();
}
export type FeatureCreate = z.infer<ReturnType<typeof featureCreateSchema>>;

/**
 * The fields a role may change. Office and admin edit everything; inspectors and village officers the attributes
 * a field check establishes; planners change passages only through passage fixes, so nothing here.
 */
export function editableFields(spec: BaseLayerSpec, role: Role): { fields: BaseField[]; geometry: boolean } {
  if (can(role, 'data:edit')) return { fields: [...spec.fields], geometry: true };
  if (can(role, 'hazards:report')) return { fields: spec.fields.filter((field) => field.fieldCheck), geometry: false };
  return { fields: [], geometry: false };
}
