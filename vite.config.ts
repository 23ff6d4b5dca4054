import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: one React app used by the Electron shell and the browser shell alike.
export default defineConfig({
  root: 'src/ui',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/ui',
    emptyOutDir: true,
    sourcemap: false,
  },
});
