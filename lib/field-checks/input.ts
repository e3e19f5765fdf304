import { z } from 'zod';
import { jsonInstant } from '../api/dates';
import { say } from '../i18n/say';

/** Nothing was checked on site before the campaign's first year (2024, China time). */
const EARLIEST = { instant: new Date('2024-01-01T00:00:00+08:00'), label: '2024-01-01' };
export const NOTE_MAX = 500;

const yesNo = (field: string) => z.boolean({ error: () => say(`${field} 必须是 true 或 false`, `${field} must be true or false`) });

const fields = {
  observed_at: jsonInstant('observed_at', EARLIEST),
  note: z
    .string({ error: () => say('note 必须是文字', 'note must be text') })
    .trim()
    .max(NOTE_MAX, { error: () => say(`备注最多 ${NOTE_MAX} 个字`, `note must be at most ${NOTE_MAX} characters`) })
    .default(''),
};

/** A building's check: at least one of its two findings (独立式烟感, 灭火器). */
export const buildingCheckSchema = z
  .strictObject({
    ...fields,
    has_smoke_alarm: yesNo('has_smoke_alarm').optional(),
    has_extinguisher: yesNo('has_extinguisher').optional(),
  })
  .refine((check) => check.has_smoke_alarm !== undefined || check.has_extinguisher !== undefined, {
    path: ['has_smoke_alarm'],
    error: () =>
      say('请至少给出一项核查结果：has_smoke_alarm 或 has_extinguisher', 'give at least one finding: has_smoke_alarm or has_extinguisher'),
  });

/** An obstacle's check: cleared or still there. */
export const obstacleCheckSchema = z.strictObject({
  ...fields,
  cleared: z.boolean({
    error: (issue) =>
      issue.input === undefined
        ? say('请给出 cleared', 'cleared is required')
        : say('cleared 必须是 true 或 false', 'cleared must be true or false'),
  }),
});

export type BuildingCheckInput = z.output<typeof buildingCheckSchema>;
export type ObstacleCheckInput = z.output<typeof obstacleCheckSchema>;
