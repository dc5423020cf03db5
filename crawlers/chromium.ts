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

/**
 * CHROMIUM_ARGS plus the guarding proxy: all traffic to `proxyUrl` (loopback included, `<-loopback>` removes
 * Chromium's implicit bypass), WebRTC limited to proxied traffic (no UDP, so no STUN to internal hosts), and
 * nothing fetched by the browser on its own.
 */
export function chromiumArgs(proxyUrl: string): string[] {
  return [
    ...CHROMIUM_ARGS,
    `--proxy-server=${proxyUrl}`,
    '--proxy-bypass-list=<-loopback>',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--no-pings',
    '--dns-prefetch-disable',
  ];
}

/** The Chromium binary: the configured path, else $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumExecutablePath(configured?: string): string {
  return configured ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
