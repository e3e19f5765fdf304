import { describe, expect, it } from 'vitest';
import { BASE_LAYER_SPECS } from '../../lib/domain/base-fields';
import { changedProperties, formText } from '../../lib/layers/feature-form';

const water = BASE_LAYER_SPECS['water-sources'].fields;
const buildings = BASE_LAYER_SPECS.buildings.fields;
const field = (fields: typeof water, column: string) => fields.find((f) => f.column === column) ?? ({} as never);

describe('the edit form of a base feature', () => {
  it('shows stored values as the text of their inputs', () => {
    expect(formText(field(water, 'usable_months'), [3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe('3-11');
    expect(formText(field(buildings, 'has_smoke_alarm'), false)).toBe('false');
    expect(formText(field(buildings, 'height_m'), null)).toBe('');
  });

  it('sends only what changed, in the types the API takes', () => {
    const stored = { code: 'Y2', name: '池塘', usable_months: [3, 4, 5], status: 'in_service', capacity_m3: null };
    const values = { code: 'Y2', name: '池塘', usable_months: '11-2', status: 'out_of_service', capacity_m3: '120.5' };
    expect(changedProperties(water, values, stored)).toEqual({
      properties: { usable_months: [11, 12, 1, 2], status: 'out_of_service', capacity_m3: 120.5 },
      errors: {},
    });
  });

  it('names the fields whose text is not a value, and a required field left empty', () => {
    const stored = { code: 'B1', floors: 2, height_m: 6 };
    const result = changedProperties(buildings, { code: '', floors: '2.5', height_m: '-1' }, stored);
    expect(result.errors).toEqual({ code: 'form.required', floors: 'form.number', height_m: 'form.number' });
  });
});
