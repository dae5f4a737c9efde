// The projector picture through the real browser: chromium lays the SVG out at 1280 px wide and
// says whether every word fits inside it and is big enough to read; a .png is chromium's screenshot
// of that same SVG. The SVG itself comes from picture.ts (pure).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { PICTURE_MAX_HEIGHT_PX, PICTURE_WIDTH_PX } from './picture.js';

/** The smallest text a room reads off a 1280×720 projector. */
export const MIN_FONT_PX = 14;

export interface PictureMeasure {
  widthPx: number;
  heightPx: number;
  smallestFontPx: number;
  /** Words that reach outside the picture, with where they end. */
  outside: string[];
  /** How many texts were measured (a picture with none measured proves nothing). */
  texts: number;
}

/** Lays out an SVG file in chromium, 1280 px wide, and measures every text in it. */
export async function measurePicture(browser: Browser, svgFile: string): Promise<PictureMeasure> {
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(svgFile).href, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const svg = document.documentElement as unknown as SVGSVGElement;
      const box = svg.getBoundingClientRect();
      const outside: string[] = [];
      let smallest = Number.POSITIVE_INFINITY;
      const texts = [...svg.querySelectorAll('text, tspan')] as SVGTextContentElement[];
      for (const t of texts) {
        if (!t.textContent?.trim()) continue;
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          outside.push(`"${t.textContent.trim()}" spans x ${Math.round(r.left)}–${Math.round(r.right)}, y ${Math.round(r.top)}–${Math.round(r.bottom)}`);
        }
        const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1);
        smallest = Math.min(smallest, px);
      }
      return { widthPx: box.width, heightPx: box.height, smallestFontPx: Math.round(smallest * 10) / 10, outside, texts: texts.length };
    });
  } finally {
    await page.close();
  }
}

/** What keeps a picture from being projected as it is: empty when it is readable at 1280×720. */
export function readabilityProblems(m: PictureMeasure): string[] {
  const problems: string[] = [];
  if (m.texts === 0) problems.push('chromium found no text in the picture');
  if (Math.round(m.widthPx) !== PICTURE_WIDTH_PX) problems.push(`it is ${m.widthPx} px wide, not ${PICTURE_WIDTH_PX}`);
  if (m.heightPx > PICTURE_MAX_HEIGHT_PX) problems.push(`it is ${Math.round(m.heightPx)} px high, more than a ${PICTURE_WIDTH_PX}×${PICTURE_MAX_HEIGHT_PX} screen shows: too many hook objects for one picture`);
  if (m.smallestFontPx < MIN_FONT_PX) problems.push(`its smallest text is ${m.smallestFontPx} px, under ${MIN_FONT_PX} px`);
  for (const o of m.outside) problems.push(`a word leaves the picture: ${o}`);
  return problems;
}

/**
 * Writes the picture as `out` (.svg: the SVG; .png: chromium's screenshot of it) and measures it.
 * The SVG is laid out by chromium either way, so both kinds get the same readability verdict.
 */
export async function writePicture(browser: Browser, svg: string, out: string): Promise<{ measure: PictureMeasure; problems: string[] }> {
  await mkdir(path.dirname(out), { recursive: true });
  const png = out.endsWith('.png');
  const scratch = png ? await mkdtemp(path.join(os.tmpdir(), 'dh-picture-')) : undefined;
  const svgFile = scratch ? path.join(scratch, 'picture.svg') : out;
  try {
    await writeFile(svgFile, svg);
    const measure = await measurePicture(browser, svgFile);
    if (png) {
      const page = await browser.newPage();
      try {
        const height = Math.ceil(measure.heightPx);
        await page.setViewport({ width: PICTURE_WIDTH_PX, height: Math.max(height, 1) });
        await page.goto(pathToFileURL(svgFile).href, { waitUntil: 'load' });
        await page.screenshot({ path: out as `${string}.png`, clip: { x: 0, y: 0, width: PICTURE_WIDTH_PX, height } });
      } finally {
        await page.close();
      }
    }
    return { measure, problems: readabilityProblems(measure) };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
