import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { RESUME_FIXTURES } from '../../fixtures/generator/people';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** Debian's Chromium, headless, nothing fetched from the network (launch() uses a fresh temporary profile). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Name and e-mail of a fixture person, read from the generator's source (the first line is the name). */
export function fixturePerson(file: string): { name: string; nameWords: string[]; email: string } {
  const fixture = RESUME_FIXTURES.find((entry) => entry.file === file);
  if (!fixture) throw new Error(`No fixture ${file}`);
  const lines = fixture.source.split('\n').map((line) => line.trim()).filter(Boolean);
  const name = lines[0] ?? '';
  const email = /[\w.+-]+@[\w.-]+\.\w+/.exec(fixture.source)?.[0] ?? '';
  return { name, nameWords: name.split(/\s+/), email };
}
