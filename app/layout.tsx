import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import 'maplibre-gl/dist/maplibre-gl.css';
import './globals.css';

export const metadata: Metadata = {
  title: '刘胡兰镇消防安全一张图',
  description: '刘胡兰镇消防安全治本攻坚三年行动 GIS 监测平台',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
