import type { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { currentLocale, say } from '../i18n/say';
import { ValidationError } from './errors';

export interface FieldError {
  /** Dotted path of the field (`location.lon`); empty for the request as a whole. */
  field: string;
  message: string;
}

/** A zod error as one `{ field, message }` per problem, for a 400/422 answer or an import report. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: say(
          `${[...path, key].join('.')} 不是可以在此设置的字段`,
          `${[...path, key].join('.')} is not a field that can be set here`,
        ),
      }));
    }
    return [{ field: path.join('.'), message: issue.message }];
  });
}

/** A failed schema as the 400 the API answers: every problem listed, the message naming each field. */
export function validationError(error: z.ZodError): ValidationError {
  const errors = fieldErrors(error);
  const message = errors
    .map((e) => (!e.field || e.message.includes(e.field) ? e.message : say(`${e.field}：${e.message}`, `${e.field}: ${e.message}`)))
    .join(say('；', '; '));
  return new ValidationError(message, errors);
}

const ZOD_MESSAGES = { 'zh-CN': zhCN(), en: en() };

/**
 * Options for `safeParse` that word zod's own messages (those a schema does not set itself) in the current
 * language.
 */
export function inCurrentLanguage(): { error: z.core.$ZodErrorMap } {
  return { error: ZOD_MESSAGES[currentLocale()].localeError };
}

/** Parses with a schema; a failure throws the API's 400 validation error. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, inCurrentLanguage());
  if (!result.success) throw validationError(result.error);
  return result.data;
}
