'use client';

import { enumLabel } from '@/lib/i18n';
import { useLocale } from '../i18n-context';

/** The <option>s of an enumerated field, labelled in the current language (category, severity, place type, …). */
export function EnumOptions({ group, codes }: { group: string; codes: readonly string[] }) {
  const locale = useLocale();
  return (
    <>
      {codes.map((code) => (
        <option key={code} value={code}>
          {enumLabel(locale, group, code)}
        </option>
      ))}
    </>
  );
}
