import type { MetadataRoute } from 'next';

/** Lets phones install the field app; it opens on the hazards page, which works offline after one visit. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: '刘胡兰镇消防安全',
    short_name: '消防安全',
    description: '刘胡兰镇消防安全隐患排查与整改',
    lang: 'zh-CN',
    start_url: '/hazards',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#9f1d1d',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}
