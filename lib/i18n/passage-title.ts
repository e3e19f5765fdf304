import { dynamicMessage, type Locale } from './index';

export interface PassageNaming {
  name?: string | null;
  code: string;
  class?: string | null;
}

/**
 * How a passage is titled wherever it is listed or opened: its name when the data has one, otherwise in words
 * with its code (无名巷道 P00430 / Unnamed lane P00430), never the bare code.
 */
export function passageTitle(locale: Locale, passage: PassageNaming): string {
  const name = passage.name?.trim();
  if (name) return name;
  const unnamed = dynamicMessage(locale, `passage.unnamed.${passage.class ?? ''}`, dynamicMessage(locale, 'passage.unnamed', ''));
  return `${unnamed} ${passage.code}`;
}
