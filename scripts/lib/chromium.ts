// Debian's Chromium as the browser tests and the audit launch it: where it is, and the flags that keep it quiet.
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** No background traffic (the machine has no network beyond loopback); each launcher adds its own headless flag. */
export const QUIET_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
