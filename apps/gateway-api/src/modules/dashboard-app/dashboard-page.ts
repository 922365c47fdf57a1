/**
 * Everything the dashboard loads is its own origin's: the bundle, its stylesheet, the API and the
 * Socket.IO connection (CSP3 `'self'` covers ws:/wss: to the same host). React writes styles
 * through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
