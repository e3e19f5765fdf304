/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time,
  // so it (and pg) must stay outside the server bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'sharp', 'exceljs', 'pdfkit'],
  poweredByHeader: false,
  // `next dev` serves its scripts only to localhost unless told; 127.0.0.1 is the same machine.
  allowedDevOrigins: ['127.0.0.1'],
  reactStrictMode: true,
};

export default nextConfig;
