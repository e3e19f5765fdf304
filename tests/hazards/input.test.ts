import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineConfigError, deadlineDays, defaultDeadline } from '../../lib/hazards/deadlines';
import { fieldErrors, hazardCreateSchema, hazardPatchSchema } from '../../lib/hazards/input';
import { addDays, chinaToday, isCalendarDate } from '../../lib/time';

// A fixed "now": 2026-11-30 20:00 UTC is already 2026-12-01 04:00 in China.
const NOW = new Date('2026-11-30T20:00:00Z');
const base = { category: 'passage', severity: 'general', description: '通道堵塞', location: { lon: 112.1, lat: 37.37 } };

const errorsOf = (schema: typeof hazardCreateSchema | typeof hazardPatchSchema, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected errors, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
};
const fields = (errors: { field: string }[]) => errors.map((error) => error.field).sort();

describe('deadlines', () => {
  it('defaults to 30 days for 一般 and 90 days for 重大 after found_on', () => {
    // Counted by hand: 2026-03-01 + 30 days = 2026-03-31; + 90 days = 2026-05-30 (31 + 30 + 29 left in Mar/Apr/May).
    expect(defaultDeadline('general', '2026-03-01', {})).toBe('2026-03-31');
    expect(defaultDeadline('major', '2026-03-01', {})).toBe('2026-05-30');
    // Across a leap day: 2028-02-15 + 30 = 2028-03-16.
    expect(defaultDeadline('general', '2028-02-15', {})).toBe('2028-03-16');
  });

  it('takes HAZARD_DEADLINE_DAYS_GENERAL / _MAJOR and refuses bad values naming the variable', () => {
    expect(deadlineDays({ HAZARD_DEADLINE_DAYS_GENERAL: '15', HAZARD_DEADLINE_DAYS_MAJOR: ' 60 ' })).toEqual({ general: 15, major: 60 });
    expect(defaultDeadline('major', '2026-01-01', { HAZARD_DEADLINE_DAYS_MAJOR: '60' })).toBe('2026-03-02');
    for (const bad of ['0', '-5', '1.5', 'abc', '99999']) {
      expect(() => deadlineDays({ HAZARD_DEADLINE_DAYS_GENERAL: bad })).toThrow(DeadlineConfigError);
      expect(() => deadlineDays({ HAZARD_DEADLINE_DAYS_GENERAL: bad })).toThrow(/HAZARD_DEADLINE_DAYS_GENERAL/);
    }
  });

  it('knows calendar dates and China time', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(chinaToday(NOW)).toBe('2026-12-01');
    expect(chinaToday(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });
});

describe('hazard create schema', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('fills found_on (today in China), the deadline by severity and trims text', () => {
    const parsed = hazardCreateSchema.parse({ ...base, description: '  通道堵塞 \n', responsible_person: '  ' });
    expect(parsed).toMatchObject({
      found_on: '2026-12-01',
      deadline: '2026-12-31',
      description: '通道堵塞',
      responsible_person: null,
      place_type: null,
    });
    expect(hazardCreateSchema.parse({ ...base, severity: 'major', found_on: '2026-11-01' }).deadline).toBe('2027-01-30');
    expect(hazardCreateSchema.parse({ ...base, found_on: '2026-11-01', deadline: '2026-11-05' }).deadline).toBe('2026-11-05');
    vi.stubEnv('HAZARD_DEADLINE_DAYS_GENERAL', '7');
    expect(hazardCreateSchema.parse({ ...base, found_on: '2026-11-01' }).deadline).toBe('2026-11-08');
  });

  it('accepts a link instead of a location, and a recorded notification', () => {
    const { location: _location, ...noLocation } = base;
    const parsed = hazardCreateSchema.parse({
      ...noLocation,
      building_id: 3,
      village_code: '141121104201',
      notification: { method: 'written_notice', on: '2026-12-01' },
    });
    expect(parsed.building_id).toBe(3);
    expect(parsed.notification).toEqual({ method: 'written_notice', on: '2026-12-01' });
  });

  it('names every bad field', () => {
    const errors = errorsOf(hazardCreateSchema, {
      village_code: '14112110420',
      category: 'fire',
      place_type: 'mall',
      severity: 'minor',
      description: '',
      found_on: '2026-02-30',
      responsible_person: 'x'.repeat(101),
      criterion: 'y'.repeat(201),
      measured: 'big',
      location: { lon: 12.1, lat: 37.4 },
      unit_id: -1,
      notification: { method: 'email', on: '2026-01-01' },
      status: 'closed',
    });
    expect(fields(errors)).toEqual([
      'category',
      'criterion',
      'description',
      'found_on',
      'location.lon',
      'measured',
      'notification.method',
      'place_type',
      'responsible_person',
      'severity',
      'status',
      'unit_id',
      'village_code',
    ]);
    for (const error of errors) expect(error.message).toContain(error.field);
  });

  it('requires a place, and refuses future dates and a deadline before found_on', () => {
    const { location: _location, ...noLocation } = base;
    expect(errorsOf(hazardCreateSchema, noLocation)).toEqual([
      { field: 'location', message: expect.stringMatching(/location.*building_id/) },
    ]);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, found_on: '2026-12-02' }))).toEqual(['found_on']);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, found_on: '2026-11-10', deadline: '2026-11-09' }))).toEqual(['deadline']);
    expect(
      fields(errorsOf(hazardCreateSchema, { ...base, found_on: '2026-11-10', notification: { method: 'sms', on: '2026-11-09' } })),
    ).toEqual(['notification.on']);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, location: { lon: 112.1, lat: 60 } }))).toEqual(['location.lat']);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, location: { lat: 37.4, lon: 112.1, z: 3 } }))).toEqual(['location.z']);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, measured: Number.POSITIVE_INFINITY }))).toEqual(['measured']);
    expect(fields(errorsOf(hazardCreateSchema, { ...base, description: 'x'.repeat(2001) }))).toEqual(['description']);
    expect(errorsOf(hazardCreateSchema, null)).toEqual([{ field: '', message: 'hazard must be a JSON object' }]);
  });
});

describe('hazard patch schema', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('takes any editable field with the version, and null to unlink or clear', () => {
    expect(hazardPatchSchema.parse({ version: 4, severity: 'major', building_id: null, responsible_person: '' })).toEqual({
      version: 4,
      severity: 'major',
      building_id: null,
      responsible_person: null,
    });
  });

  it('needs a version and a change, and leaves status to the lifecycle', () => {
    expect(fields(errorsOf(hazardPatchSchema, { severity: 'major' }))).toEqual(['version']);
    expect(fields(errorsOf(hazardPatchSchema, { version: 1.5, severity: 'major' }))).toEqual(['version']);
    expect(errorsOf(hazardPatchSchema, { version: 2 })[0]!.message).toMatch(/nothing to change/);
    expect(fields(errorsOf(hazardPatchSchema, { version: 2, status: 'closed' }))).toEqual(['', 'status']); // not editable, so nothing to change
    expect(fields(errorsOf(hazardPatchSchema, { version: 2, found_on: '2026-12-05' }))).toEqual(['found_on']);
    expect(fields(errorsOf(hazardPatchSchema, { version: 2, found_on: '2026-10-05', deadline: '2026-10-01' }))).toEqual(['deadline']);
  });
});
