/** Chromium flags for a headless, quiet browser that never phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--headless',
];

/** The Chromium binary: the configured path, else $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumExecutablePath(configured?: string): string {
  return configured ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
