import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UnauthorizedError } from '../api/errors';
import { say } from '../i18n/say';

/** Personal API tokens start with this, so a leaked one is recognisable (and never mistaken for a session). */
export const API_TOKEN_PREFIX = 'fst_';
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

/** A new token: the prefix and 32 random bytes, base64url. Only its SHA-256 is stored (`hashSessionToken`). */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^fst_[A-Za-z0-9_-]{43}$/;

/**
 * The API token of an `Authorization` header: `Bearer <token>`, or HTTP Basic with the token as the password
 * and any user name (what QGIS and GDAL can send). Null without the header; a header of another shape, or a
 * credential that is not a token, is refused (401) rather than ignored, so a typo is not read as anonymous.
 */
export function apiTokenFromAuthorization(header: string | null): string | null {
  if (header === null) return null;
  const [scheme = '', credential = '', ...rest] = header.trim().split(/\s+/);
  if (rest.length > 0 || !credential)
    throw new UnauthorizedError(say('Authorization 请求头格式有误', 'the Authorization header is malformed'));
  let token: string;
  if (/^bearer$/i.test(scheme)) token = credential;
  else if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new UnauthorizedError(say('HTTP Basic 凭据必须是“用户名:令牌”', 'HTTP Basic credentials must be "user:token"'));
    token = decoded.slice(colon + 1);
  } else throw new UnauthorizedError(say('Authorization 请求头必须是 Bearer 或 Basic', 'the Authorization header must be Bearer or Basic'));
  if (!TOKEN_SHAPE.test(token)) throw new UnauthorizedError(say('该凭据不是个人 API 令牌', 'the credential is not a personal API token'));
  return token;
}

/** POST /api/v1/tokens: a name the owner recognises it by, and how long it lasts. */
export const newApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(60),
  expires_in_days: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(API_TOKEN_DEFAULT_DAYS),
});
