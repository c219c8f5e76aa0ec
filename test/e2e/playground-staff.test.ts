/**
 * Issues 7 and 8 as a new user would try them in the Microsoft 365 Agents Playground (demo data,
 * Debian's Chromium): as Alex Wilber (employee) the query commands show only his own signals and
 * export is refused; as staf kwaliteit (`rol staf`) every signal can be found, the late complaint
 * is listed and a year is exported; staf kw produces the yearly analysis and sends it to the MT,
 * and the MT (`rol mt`) adopts it.
 *
 * The Playground cannot show or accept a FileConsentCard, so the bot offers its files there as
 * single-use download buttons (bot/downloads.ts); the tests press them and read what arrives.
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { adoptingMembers } from '../../src/domain/analysis-workflow';
import { nl } from '../../src/i18n/nl';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import { nlDownloads } from '../../src/i18n/nl-downloads';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import {
  CARD,
  MESSAGE_BOX,
  PAGE_LOAD_MS,
  newCardAfter,
  say,
  startPlaygroundSession,
  waitForTexts,
  waitUntil,
  type PlaygroundSession,
} from '../support/playground-ui';

/** A test's bound: a handful of commands, each answered within STEP_MS. */
const TEST_MS = 150_000;

/** What the Playground shows in the chat instead of a FileConsentCard: the bot must never send one here. */
const FILE_CONSENT_PLACEHOLDER = 'File Consent Card is not supported yet';

/** A word of the late complaint's description (nlDemo.signals[2]): free text, so personal data. */
const LATE_WORD = 'onderbezet';
const LATE_PARENT = 'Sanne de Vries';

/** Notice texts use **bold**; the rendered card shows the words without the asterisks. */
const shown = (text: string) => text.replace(/\*\*/g, '');

/** Clicks a download button (Action.OpenUrl) and returns the download, in a new tab or the page itself. */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const seen: Download[] = [];
  const watch = (target: Page) => target.on('download', (download) => seen.push(download));
  watch(page);
  page.context().on('page', watch);
  await click();
  await waitUntil(
    'a download after the click',
    async () => seen.length,
    (count) => count > 0,
  );
  return seen[0]!;
}

describeWithBrowser('Staf kwaliteit and the MT in the Playground (demo data): issues 7 and 8', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;
  /** The demo signals' references and the year the late complaint was received in. */
  let question = '';
  let nearingSixWeeks = '';
  let late = '';
  let year = 0;
  let signalsInYear = 0;

  beforeAll(async () => {
    // The Playground sends several invokes per click (card refreshes): at test speed the default burst trips.
    session = await startPlaygroundSession({
      env: { DEMO_DATA: 'true', REMINDERS_ENABLED: 'false', FLOOD_BURST: '100' },
    });
    page = session.page;
    const store = session.playground.app.services.store;
    const demo = await Promise.all(
      ['demo-question', 'demo-complaint-six-weeks', 'demo-complaint-late'].map(async (id) => {
        const stored = await store.get(id);
        if (!stored) throw new Error(`demo signal ${id} was not seeded`);
        return stored.value;
      }),
    );
    [question, nearingSixWeeks, late] = demo.map((signal) => signal.reference) as [string, string, string];
    year = Number(demo[2]!.receivedOn.slice(0, 4));
    signalsInYear = demo.filter((signal) => signal.receivedOn.startsWith(`${year}-`)).length;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);
  const placeholders = () => page.getByText(FILE_CONSENT_PLACEHOLDER, { exact: true });

  /**
   * Types a command and returns its card once it shows `expected`, with its text; checks that it is
   * the one new card, or — with `files` — that a download card with those files follows it.
   */
  async function command(
    text: string,
    expected: string[],
    files: string[] = [],
  ): Promise<{ card: Locator; text: string; downloads: Locator }> {
    const { card, before } = await newCardAfter(page, text);
    const shownText = await waitForTexts(card, ...expected);
    const downloads = cards().nth(before + 1);
    if (files.length > 0) await waitForTexts(downloads, nlDownloads.title, ...files.map(nlDownloads.button));
    await expect(cards().count()).resolves.toBe(before + 1 + (files.length > 0 ? 1 : 0));
    await expect(placeholders().count()).resolves.toBe(0);
    return { card, text: shownText, downloads };
  }

  /** Clicks a button on `card` and waits until that card shows `expected` (Action.Execute: in place). */
  async function clickInPlace(card: Locator, button: string, ...expected: string[]): Promise<string> {
    const count = await cards().count();
    await card.getByRole('button', { name: button, exact: true }).click();
    const text = await waitForTexts(card, ...expected);
    await expect(cards().count()).resolves.toBe(count);
    return text;
  }

  /** Presses the download button of `fileName` and returns the bytes that arrived. */
  async function download(downloads: Locator, fileName: string): Promise<{ name: string; bytes: Buffer }> {
    const arrived = await downloadBy(page, () =>
      downloads.getByText(nlDownloads.button(fileName), { exact: true }).click(),
    );
    return { name: arrived.suggestedFilename(), bytes: readFileSync(await arrived.path()) };
  }

  /** `rol <word>`: the demo person whose main role it is, with all their roles (bot/commands/role.ts). */
  async function switchRole(word: string, roles: string): Promise<string> {
    const { text } = await command(`rol ${word}`, [`(${roles}). Alles wat je hierna doet`]);
    const name = new RegExp(`Je bent nu (.+?) \\(${roles.replace(/[/()]/g, '\\$&')}\\)`).exec(text)?.[1] ?? '';
    expect(name).not.toBe('');
    return name;
  }

  it(
    'opens the chat',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-open', async () => {
        expect([question, nearingSixWeeks, late].every((reference) => /^KS-\d{4}-\d{4}$/.test(reference))).toBe(true);
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        await cards().filter({ hasText: 'Welkom bij Klantsignaal' }).first().waitFor({ timeout: PAGE_LOAD_MS });
        await page.locator(MESSAGE_BOX).waitFor();
      });
    },
    PAGE_LOAD_MS + 15_000,
  );

  it(
    'as Alex (employee), the same commands show only his own signals, and export is refused',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-employee', async () => {
        const overdue = await command('te laat', [nlCommands.titles.overdue, nlCommands.list.none]);
        expect(overdue.text).not.toContain(late);

        const search = await command(`zoek ${LATE_WORD}`, [nlCommands.titles.search(LATE_WORD), nlCommands.list.none]);
        expect(search.text).not.toContain(late);

        const mine = await command('mijn', [nlCommands.titles.mine, question, nearingSixWeeks]);
        expect(mine.text).not.toContain(late);

        const status = await command(`status ${late}`, [nlCommands.hidden(late)]);
        expect(status.text).not.toContain(LATE_PARENT);

        await command(`export ${year}`, [shown(nlCommands.notAllowed)]);
      });
    },
    TEST_MS,
  );

  it(
    'as staf kw (rol staf), finds any signal, sees what is late and exports the year',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-quality', async () => {
        await expect(switchRole('staf', nl.roles.quality)).resolves.toBe('Isaiah Langer');

        const overdue = await command('te laat', [nlCommands.titles.overdue, late, nl.deadlineStates.late]);
        expect(overdue.text).not.toContain(question);
        expect(overdue.text).not.toContain(nlCommands.list.none);

        await command(`zoek ${LATE_WORD}`, [nlCommands.titles.search(LATE_WORD), late]);

        const status = await command(`status ${late}`, [
          `${late} · Klacht`,
          'Stap 2 · organisatie',
          // The description is personal data staf kw sees (the parent's details are behind "Ouder").
          LATE_WORD,
          nl.deadlineStates.late,
        ]);
        expect(status.text).toContain('Adele Vance');

        // The export comes as a download button (no file consent here); the file arrives once.
        const fileName = nlCommands.export.fileName(year);
        const { card } = await command(`export ${year}`, [nlDownloads.title, nlDownloads.button(fileName)]);
        const file = await download(card, fileName);
        expect(file.name).toBe(fileName);
        expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
        const log = await session!.playground.app.services.accessLog!.list({});
        expect(log.filter((entry) => entry.action === 'export')).toHaveLength(signalsInYear);
      });
    },
    TEST_MS,
  );

  it(
    'as staf kw, produces the analysis for the year (Word and CSV offered) and sends it to the MT',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-analysis', async () => {
        const { card, downloads } = await command(
          `analyse ${year}`,
          [
            nlAnalysis.card.produced(year),
            nlAnalysis.title(year),
            nlAnalysis.card.statuses.draft,
            nlAnalysis.card.adoptions(0, 2, ''),
          ],
          [nlAnalysis.fileName(year, 'docx'), nlAnalysis.fileName(year, 'csv')],
        );
        await expect(
          card.getByRole('button', { name: nlAnalysis.card.buttons.submit, exact: true }).count(),
        ).resolves.toBe(1);
        await expect(
          card.getByRole('button', { name: nlAnalysis.card.buttons.adopt, exact: true }).count(),
        ).resolves.toBe(0);

        // The CSV arrives: the report's figures, exact.
        const csv = await download(downloads, nlAnalysis.fileName(year, 'csv'));
        expect(csv.bytes.toString('utf8')).toContain('Kerncijfers');
        expect(csv.bytes.toString('utf8')).not.toContain('< 5');

        // No MT member ever talked to the bot in the Playground, so the card cannot reach them
        // directly: the notice tells staf kw they open it with "analyse <year>".
        await clickInPlace(
          card,
          nlAnalysis.card.buttons.submit,
          shown(nlAnalysis.card.notices.submitUnreachable('Adele Vance, Patti Fernandez', year)),
          nlAnalysis.title(year),
        );

        const stored = await session!.playground.app.services.analysis!.analyses.get(year);
        expect(stored?.value).toMatchObject({ year, status: 'draft', reviews: [] });
      });
    },
    TEST_MS,
  );

  let firstMember = '';

  it(
    'as the MT (rol mt), adopts it: one of the two adoptions it needs',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-mt', async () => {
        firstMember = await switchRole('mt', `${nl.roles.mt}, ${nl.roles.admin}`);
        const { card } = await command(
          `analyse ${year}`,
          [nlAnalysis.title(year), nlAnalysis.card.statuses.draft, nlAnalysis.card.adoptions(0, 2, '')],
          [nlAnalysis.fileName(year, 'docx'), nlAnalysis.fileName(year, 'csv')],
        );
        await expect(
          card.getByRole('button', { name: nlAnalysis.card.buttons.comment, exact: true }).count(),
        ).resolves.toBe(1);
        await expect(
          card.getByRole('button', { name: nlAnalysis.card.buttons.submit, exact: true }).count(),
        ).resolves.toBe(0);

        const text = await clickInPlace(
          card,
          nlAnalysis.card.buttons.adopt,
          nlAnalysis.card.notices.adoptedPartly(1, 2),
          nlAnalysis.card.adoptions(1, 2, firstMember),
          nlAnalysis.card.reviews,
          nlAnalysis.card.reviewAdopted,
        );
        expect(text).toContain(nlAnalysis.card.statuses.draft);
        expect(text).not.toContain(nlAnalysis.card.statuses.adopted);

        const stored = await session!.playground.app.services.analysis!.analyses.get(year);
        expect(stored?.value.status).toBe('draft');
        expect(adoptingMembers(stored!.value).map((member) => member.name)).toEqual([firstMember]);
      });
    },
    TEST_MS,
  );

  it(
    'as a second MT member (rol manager: Adele, manager and MT), adopts it too: the MT has adopted it',
    async () => {
      const second = await switchRole('manager', `${nl.roles.manager}, ${nl.roles.mt}`);
      expect(second).not.toBe(firstMember);
      const refused = shown(nlCommands.notAllowed);
      const before = await cards().count();
      await say(page, `analyse ${year}`);
      const text = await waitUntil(
        `the analysis card or a refusal after "analyse ${year}"`,
        () =>
          cards()
            .nth(before)
            .innerText()
            .catch(() => ''),
        (seen) => seen.includes(nlAnalysis.title(year)) || seen.includes(refused),
      );
      expect(text).not.toContain(refused);
      expect(text).toContain(nlAnalysis.card.adoptions(1, 2, firstMember));
      // The files to read first follow the card in the same turn: let them arrive before counting cards.
      await waitUntil(
        'the files offered after the analysis card',
        () =>
          cards()
            .nth(before + 1)
            .innerText()
            .catch(() => ''),
        (seen) => seen.includes(nlAnalysis.fileName(year, 'docx')),
      );
      await clickInPlace(
        cards().nth(before),
        nlAnalysis.card.buttons.adopt,
        nlAnalysis.card.notices.adopted,
        nlAnalysis.card.statuses.adopted,
        nlAnalysis.card.adoptions(2, 2, ''),
      );
      const stored = await session!.playground.app.services.analysis!.analyses.get(year);
      expect(stored?.value.status).toBe('adopted');
      expect(
        adoptingMembers(stored!.value)
          .map((member) => member.name)
          .sort(),
      ).toEqual([firstMember, second].sort());
    },
    TEST_MS,
  );

  it(
    'switches back (rol ik): Alex again, who still may not export',
    async () => {
      await screenshotOnFailure(page, 'playground-staff-back', async () => {
        await command('rol ik', [nlCommands.demo.reset]);
        await command(`export ${year}`, [shown(nlCommands.notAllowed)]);
      });
    },
    TEST_MS,
  );
});
