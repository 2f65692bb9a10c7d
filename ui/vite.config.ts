import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, sourcemap: false },
  // The contrast test reads the style sheets themselves (`?raw`): let them through.
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], css: true },
});
