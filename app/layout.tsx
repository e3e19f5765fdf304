import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: '刘胡兰镇消防安全一张图',
  description: '刘胡兰镇消防安全治本攻坚三年行动 GIS 监测平台',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
