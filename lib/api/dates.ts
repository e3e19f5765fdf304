import { z } from 'zod';
import { say } from '../i18n/say';
import { dateProblem, isPlausibleDate } from '../time';

/** A date inside a JSON body: YYYY-MM-DD, a day that exists, within the product's dates (`lib/time`). */
export function jsonDate(field: string) {
  const message = () => dateProblem(field);
  return z
    .string({ error: (issue) => (issue.input === undefined ? say(`请给出 ${field}`, `${field} is required`) : message()) })
    .trim()
    .refine(isPlausibleDate, { error: message });
}
