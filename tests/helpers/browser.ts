import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with no network beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's findings on the page, one line each ("impact: rule – help (targets)"). Every WCAG 2.0–2.2
 * A/AA violation counts (target-size included); best-practice rules count when serious or critical.
 * The page's CSP is bypassed only so axe itself can be injected (the context sets bypassCSP).
 */
export async function axeViolations(
  page: Page,
  minimum: 'any' | 'serious' = 'any',
  /** Run only these rules (e.g. those a narrower window can change); every rule otherwise. */
  only?: string[],
): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    async ({ tags, only }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const axe = (window as any).axe;
      return axe.run(document, {
        runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: [...tags, 'best-practice'] },
        resultTypes: ['violations'],
      });
    },
    { tags: wcagTags, only },
  );
  return (
    result.violations as {
      id: string;
      impact: string;
      help: string;
      tags: string[];
      nodes: { target: string[] }[];
    }[]
  )
    .filter((v) => {
      const serious = v.impact === 'serious' || v.impact === 'critical';
      // "region": every part of the page is in a landmark (moderate, best practice, but asked for).
      const always = v.tags.some((t) => wcagTags.includes(t)) || v.id === 'region';
      return serious || (minimum === 'any' && always);
    })
    .map((v) => `${v.impact}: ${v.id} – ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Fails on serious or critical axe-core violations (WCAG 2.0–2.2 A/AA and best practice). */
export async function expectAccessible(page: Page, label = page.url()) {
  expect(await axeViolations(page, 'serious'), `accessibility violations on ${label}`).toEqual([]);
}

/** Signs in through the real form. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
