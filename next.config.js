/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time,
  // so it (and pg) must stay outside the server bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'sharp', 'exceljs', 'pdfkit', 'sql.js'],
  poweredByHeader: false,
  // `next dev` serves its scripts only to localhost unless told; 127.0.0.1 is the same machine.
  allowedDevOrigins: ['127.0.0.1'],
  reactStrictMode: true,
  experimental: {
    // The proxy buffers each request body so that it and the route can both read it, and silently cuts
    // whatever is over this size: a photo of the full 10 MiB then reached its route truncated and was
    // refused as unreadable. Above every route's own limit (and a form's overhead), the routes decide,
    // with a 413 that names their limit.
    proxyClientMaxBodySize: 65 * 1024 * 1024,
  },
};

export default nextConfig;
