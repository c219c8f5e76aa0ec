/**
 * Issue 20 (1, 2, 6) in Chromium: the built page on the bot's own server, in the embedded demo
 * (authentication off), where the page offers the demo people and says so. For staf kwaliteit, an
 * employee, a location manager and an MT member: the charts draw, the numbers on screen equal
 * `overzicht` for that person (totals and the per-month table), the MT gets no signal rows, no API
 * answer the page receives holds parent data, and axe-core finds no serious violation, light or dark.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { overview } from '../../src/app/queries';
import { amsterdamDate } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import { nlTab } from '../../src/i18n/nl-tab';
import { startApp, type RunningApp } from '../../src/server';
import { describeWithBrowser, launchBrowser, screenshotOnFailure, type BrowserSession } from '../support/browser';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';
import { DESCRIPTION_SECRET, PARENT_EMAIL, PARENT_SECRET, tabSignals } from '../support/tab-data';

const SECRETS = [PARENT_SECRET, PARENT_EMAIL, DESCRIPTION_SECRET, '0612345678'];
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The few canvas members the test reads (the test code has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getAttribute(name: string): string | null;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

const CHARTS = ['deadlines', 'open', 'months', 'settle', 'themes', 'channels', 'satisfaction'];

describeWithBrowser('the Overzicht tab in Chromium', () => {
  let app: RunningApp;
  let browser: BrowserSession;
  let dataDir: string;
  const year = new Date().getFullYear();
  const apiBodies: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-tab-browser-'));
    app = await startApp({
      env: { REMINDERS_ENABLED: 'false' },
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION },
      logger: pino({ level: 'silent' }),
    });
    for (const signal of tabSignals({ count: 300, year, today: amsterdamDate(new Date()) })) {
      await app.services.store.create(signal);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openAs(personId: string, theme = 'light'): Promise<Page> {
    const page = await browser.newPage();
    page.on('response', async (response) => {
      if (response.url().includes('/tab/api/')) apiBodies.push(await response.text().catch(() => ''));
    });
    await page.goto(`${app.url}/tab/?theme=${theme}`);
    await page.getByTestId('demo-banner').waitFor();
    await page.getByLabel(nlTab.demo.choose).selectOption(personId);
    await page.getByTestId('totals').waitFor();
    return page;
  }

  async function expected(personId: string) {
    const person = (await app.services.directory.findPerson(personId)) as Person;
    const deps = { store: app.services.store, directory: app.services.directory, clock: app.services.clock };
    return { person, deps, figures: await overview(deps, person, { year }) };
  }

  const totalOn = async (page: Page, id: string) =>
    Number(await page.getByTestId(`total-${id}`).getByTestId('value').textContent());

  /** Whether a chart's canvas has any drawn pixel. */
  const drawn = (page: Page, id: string) =>
    page.getByTestId(`chart-${id}`).evaluate((element) => {
      const canvas = element as unknown as CanvasLike;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
      return { painted, label: canvas.getAttribute('aria-label') ?? '', role: canvas.getAttribute('role') };
    });

  it('says it is the demo, offers the demo people, and draws every chart for staf kwaliteit with the bot’s numbers', async () => {
    const page = await openAs(PEOPLE.quality.id);
    await screenshotOnFailure(page, 'tab-quality', async () => {
      expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo');
      const { figures, person, deps } = await expected(PEOPLE.quality.id);
      expect(await totalOn(page, 'received')).toBe(figures.total);
      expect(await totalOn(page, 'open')).toBe(figures.open);
      expect(await totalOn(page, 'complaints')).toBe(figures.complaints.total);
      expect(await totalOn(page, 'settledInTime')).toBe(figures.complaints.settledInTime);
      expect(await totalOn(page, 'late')).toBe(figures.complaints.late);
      expect(await totalOn(page, 'pending')).toBe(figures.complaints.pending);
      for (const id of CHARTS) {
        const chart = await drawn(page, id);
        expect(chart.role).toBe('img');
        expect(chart.label.length).toBeGreaterThan(20);
        expect(chart.painted).toBeGreaterThan(500);
      }
      // The table view of the months chart, opened by keyboard: each row is `overzicht <maand>`.
      await page.getByTestId('card-months').getByRole('button', { name: nlTab.views.table }).focus();
      await page.keyboard.press('Enter');
      const rows = await page.getByTestId('table-months').locator('tbody tr').all();
      expect(rows).toHaveLength(12);
      for (const [index, row] of rows.entries()) {
        const cells = (await row.locator('td').allTextContents()).map((cell) => cell.trim());
        const month = await overview(deps, person, { year, month: index + 1 });
        expect(cells).toEqual([
          nlTab.months[index],
          String(month.total),
          String(month.complaints.settledInTime),
          String(month.complaints.late),
          String(month.complaints.pending),
        ]);
      }
      // Signal rows open the signal in the bot's chat.
      const link = page.getByTestId('rows-overdue').getByRole('link').first();
      const href = new URL((await link.getAttribute('href'))!);
      expect(href.pathname).toBe('/l/chat/0/0');
      expect(href.searchParams.get('message')).toMatch(/^status KS-\d{4}-\d{4}$/);
    });
    await page.close();
  });

  it.each([
    ['employee', PEOPLE.employee.id],
    ['location manager', PEOPLE.locationManager.id],
    ['MT (Patti: MT and beheerder)', PEOPLE.admin.id],
  ])('%s sees only their part, as overzicht gives it to them', async (_role, id) => {
    const page = await openAs(id);
    await screenshotOnFailure(page, `tab-${id}`, async () => {
      const { figures, person } = await expected(id);
      await page.getByTestId('who').getByText(person.name).waitFor();
      expect(await totalOn(page, 'received')).toBe(figures.total);
      expect(await totalOn(page, 'open')).toBe(figures.open);
      expect(await totalOn(page, 'late')).toBe(figures.complaints.late);
      const everything = await expected(PEOPLE.quality.id);
      const aggregatesOnly = person.roles.every((role) => role === 'mt' || role === 'admin');
      if (aggregatesOnly) {
        expect(figures.total).toBe(everything.figures.total);
        expect(await page.getByTestId('card-rows').count()).toBe(0);
        expect(await page.getByTestId('who').textContent()).toContain(nlTab.aggregatesOnly);
      } else {
        expect(figures.total).toBeLessThan(everything.figures.total);
        expect(await page.getByTestId('card-rows').count()).toBe(1);
      }
    });
    await page.close();
  });

  it.each(['light', 'dark'])(
    'axe-core finds no serious or critical violation (%s theme, chart and table views)',
    async (theme) => {
      const page = await openAs(PEOPLE.quality.id, theme);
      await screenshotOnFailure(page, `tab-axe-${theme}`, async () => {
        const audit = async () => {
          await page.addScriptTag({ content: AXE });
          return page.evaluate<string[]>(`(async () => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => violation.id + ': ' + violation.nodes.map((node) => node.target.join(' ')).join(', '));
        })()`);
        };
        expect(await audit()).toEqual([]);
        for (const id of ['months', 'open', 'themes']) {
          await page.getByTestId(`card-${id}`).getByRole('button', { name: nlTab.views.table }).click();
        }
        // Not hovering a button and no colour transition half-way: axe judges the colours at rest.
        await page.mouse.move(0, 0);
        await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
        expect(await audit()).toEqual([]);
        if (theme === 'dark') {
          const background = await page
            .getByTestId('demo-banner')
            .evaluate(
              (element) =>
                (
                  globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
                ).getComputedStyle(
                  (element as unknown as { closest(s: string): unknown }).closest('.fui-FluentProvider'),
                ).backgroundColor,
            );
          expect(background).not.toBe('rgb(255, 255, 255)');
        }
      });
      await page.close();
    },
  );

  it('no API answer the page received holds parent data', () => {
    expect(apiBodies.length).toBeGreaterThan(5);
    for (const body of apiBodies) for (const secret of SECRETS) expect(body).not.toContain(secret);
  });
});
