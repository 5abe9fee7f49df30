import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    // Locally the API runs on :3000 (`pnpm start`); the dev server forwards to it so calls stay same-origin.
    proxy: { '/v1': 'http://localhost:3000' },
  },
});
