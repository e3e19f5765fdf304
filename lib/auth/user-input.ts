import { z } from 'zod';
import { BadRequestError } from '../api/errors';
import { jsonVersion } from '../api/ids';
import { ROLES, type Role } from '../domain/enums';
import { say } from '../i18n/say';
import { MIN_PASSWORD_LENGTH } from './password';
import { SCOPED_ROLES } from './roles';

/** Assigned villages: each code once, in code order, so a repeated code neither counts twice nor shows twice. */
const villageList = z
  .array(
    z
      .string()
      .trim()
      .regex(/^\d{12}$/, { error: () => say('村代码为 12 位数字', 'village codes have 12 digits') }),
  )
  .min(1, { error: () => say('请至少选择一个村', 'choose at least one village') })
  .max(50, { error: () => say('最多选择 50 个村', 'choose at most 50 villages') })
  .transform((codes) => [...new Set(codes)].sort())
  .nullable();

const displayName = z
  .string()
  .trim()
  .min(1, { error: () => say('请填写姓名', 'the name is required') })
  .max(100, { error: () => say('姓名最多 100 个字', 'the name has at most 100 characters') });

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: () => say(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `at least ${MIN_PASSWORD_LENGTH} characters`) })
  .max(200, { error: () => say('密码最多 200 个字符', 'at most 200 characters') });

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{2,40}$/, { error: () => say('用户名为 2–40 个字母、数字或 _ . -', '2–40 letters, digits, _ . -') }),
  display_name: displayName,
  role: z.enum(ROLES),
  villages: villageList.default(null),
  password,
});

export const userPatchSchema = z.object({
  version: jsonVersion(),
  display_name: displayName.optional(),
  role: z.enum(ROLES).optional(),
  villages: villageList.optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});

/**
 * Checks the role/village pairing the database also enforces, with a message a person can act on:
 * village officers have exactly one village, inspectors at least one, town-wide roles none.
 */
export function checkScope(role: Role, villages: string[] | null, known: ReadonlySet<string>): void {
  for (const code of villages ?? [])
    if (!known.has(code)) throw new BadRequestError(say(`未知村代码“${code}”`, `unknown village code "${code}"`));
  if (role === 'village' && villages?.length !== 1)
    throw new BadRequestError(say('村级用户只能负责一个村', 'a village officer (村级) has exactly one village'));
  if (role === 'inspector' && !villages)
    throw new BadRequestError(say('检查员至少需要分配一个村', 'an inspector (检查员) needs at least one assigned village'));
  if (!SCOPED_ROLES.includes(role) && villages)
    throw new BadRequestError(say(`该角色可查看全镇，请不要选择村`, `the ${role} role sees the whole town; leave villages empty`));
}
