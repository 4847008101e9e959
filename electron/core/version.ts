// Injected by the bundlers (electron-vite define / esbuild define); falls back for tsx tests.
declare const __HOOKTRAY_VERSION__: string | undefined
export const VERSION: string =
  typeof __HOOKTRAY_VERSION__ === 'string' ? __HOOKTRAY_VERSION__ : '0.0.0-dev'
