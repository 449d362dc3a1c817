import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium with nothing that reaches the network on its own. */
export async function launchChromium(): Promise<Browser> {
  const { chromium }: typeof import('playwright-core') = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Where tests keep files for a person to look at (screenshots): `TRIBUTARY_TEST_ARTIFACTS`, else
 * `tributary-test-artifacts/` beside jest's private temporary folder (which is removed after the run).
 */
export function artifactsDir(): string {
  const base = process.env.TRIBUTARY_TEST_TMPDIR ? path.dirname(process.env.TRIBUTARY_TEST_TMPDIR) : path.dirname(require('os').tmpdir());
  const dir = process.env.TRIBUTARY_TEST_ARTIFACTS ?? path.join(base, 'tributary-test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
