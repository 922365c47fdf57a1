#!/usr/bin/env node
// Container healthcheck: GET http://127.0.0.1:<port><path>, exit 0 on 2xx.
// The port comes from <APP>_PORT (e.g. CORE_AI_PORT for APP=core-ai) or PORT.
// Usage: node healthcheck.js [/health/ready]
'use strict';

const app = process.env.APP || '';
const portVar = `${app.toUpperCase().replace(/-/g, '_')}_PORT`;
const port = process.env[portVar] || process.env.PORT;
const path = process.argv[2] || '/health/ready';

if (!port) {
  console.error(`healthcheck: neither ${portVar} nor PORT is set`);
  process.exit(2);
}

fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) })
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch((err) => {
    console.error(`healthcheck: ${err.message}`);
    process.exit(1);
  });
