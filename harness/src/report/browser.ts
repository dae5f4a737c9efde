// Debian's chromium, headless, through puppeteer-core: installed by hack/browser/install-chromium.sh
// (apt-get, only when missing) or named by $CHROMIUM, never downloaded. The HTML report's tests and
// the projector picture (picture-render.ts) both open their pages here.
import path from 'node:path';
import { execa } from 'execa';
import type { Browser } from 'puppeteer-core';
import { repoRoot } from '../paths.js';

export class NoBrowserError extends Error {}

export async function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM) return env.CHROMIUM;
  const r = await execa(path.join(repoRoot, 'hack', 'browser', 'install-chromium.sh'), { reject: false });
  if (r.exitCode !== 0) throw new NoBrowserError(r.stderr.trim().split('\n').at(-1) ?? 'no chromium');
  return r.stdout.trim();
}

/** A 1280×720 window, the projector the HTML report and the pictures are made for. */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  // Loaded here, not at the top: the CLI's bundle keeps puppeteer-core outside, and a static import
  // of it would load its modules (about 0.2 s) on every command, most of which open no browser.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath: await chromiumExecutable(env),
    headless: true,
    // Root in a container has no user namespaces for chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    defaultViewport: { width: 1280, height: 720 },
  });
}
