import type { z } from 'zod';

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
        message: `${[...path, key].join('.')} is not a field that can be set here`,
      }));
    }
    return [{ field: path.join('.'), message: issue.message }];
  });
}
