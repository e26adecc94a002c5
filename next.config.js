import createNextIntlPlugin from "next-intl/plugin";

// Locale comes from a cookie (i18n/request.ts), not from the URL: one set of routes for every language.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Security headers on every response. The Content Security Policy of pages carries a nonce per
// response and is set in proxy.ts; API responses are JSON and never need to load anything.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // Browsers honour HSTS only over HTTPS, so it does no harm on a plain-HTTP demo.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files next to its module; pg and Prisma's adapters are plain
  // Node packages. Keeping them external avoids bundling surprises.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
