import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const gateway = process.env.GATEWAY_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The dashboard is served by gateway-api at /app (apps/gateway-api/src/modules/dashboard-app);
 * `vite` alone serves it with hot reload and passes the API and sockets through to a gateway.
 */
export default defineConfig({
  root: here,
  base: '/app/',
  publicDir: resolve(here, 'public'),
  // Event names and payloads of the sockets are declared once, in libs/contracts.
  resolve: {
    alias: {
      '@cxgenie/contracts': resolve(here, '../../../libs/contracts/src/index.ts'),
      'node:net': resolve(here, 'src/shims/node-net.ts'),
    },
  },
  build: {
    outDir: resolve(here, '../../../dist/apps/gateway-api/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      // React Query marks its modules "use client" for server components; a plain SPA ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/socket.io': { target: gateway, ws: true },
      '/widget': gateway,
    },
  },
});
