/**
 * A finished complaint's signal card, as a manager sees it in the personal chat, rendered by the
 * official Adaptive Cards renderer in Chromium at Teams' chat width: at most half the height the
 * card had before issue 23 (measured the same way on that card: BEFORE_ISSUE_23_PX), with no
 * button but the overflow's. The folded parts open with their toggle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signalCard } from '../../cards/signal';
import type { AdaptiveCard } from '../../cards/render';
import { loadOrganisation } from '../../src/adapters/config/organisation-file';
import { cardMoves } from '../../src/app/card-actions';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import { applyMove, type MoveCommand } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { PersonRef, Signal } from '../../src/domain/signal';
import { describeWithBrowser, launchBrowser, screenshotOnFailure, type BrowserSession } from '../support/browser';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';

/** Teams' chat column gives a card about this width on a laptop screen. */
const TEAMS_WIDTH_PX = 560;
/**
 * The same finished complaint's card on main before issue 23 (commit 8cea748), measured once in
 * this renderer at this width with the same model: every section open, the parent's details, its
 * buttons in rows.
 */
const BEFORE_ISSUE_23_PX = 1433;

const organisation = loadOrganisation(SAMPLE_ORGANISATION);
const ref = (person: { id: string; name: string }): PersonRef => ({ id: person.id, name: person.name });
const manager = organisation.people.find((person) => person.id === PEOPLE.manager.id) as Person;

/** A klacht through step 2: escalated, planned, confirmed, held, judged with two measures, asked, closed. */
function finishedComplaint(): Signal {
  let signal = registerSignal(
    {
      id: 'sig-height',
      reference: 'KS-2026-0042',
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-11-02',
        parentName: 'Sanne de Vries',
        parentEmail: 'sanne@voorbeeld.nl',
        parentPhone: '06 12345678',
        contactPreference: 'meeting',
        description: 'Bij het ophalen was de overdracht te kort; de ouder hoorde pas thuis dat haar zoon was gevallen.',
        parentWish: 'Een gesprek en een vaste overdracht bij het ophalen.',
      },
      by: ref(PEOPLE.employee),
      at: new Date('2026-11-02T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  const steps: [MoveCommand, { id: string; name: string }, string][] = [
    [
      { name: 'handle', input: { summary: 'Besproken bij het ophalen.', satisfaction: 'notSatisfied' } },
      PEOPLE.employee,
      '2026-11-02T10:00:00Z',
    ],
    [
      { name: 'escalateToLocation', input: { locationManager: ref(PEOPLE.locationManager) } },
      PEOPLE.employee,
      '2026-11-02T11:00:00Z',
    ],
    [
      { name: 'escalateToOrganisation', input: { manager: ref(PEOPLE.manager), supporter: ref(PEOPLE.quality) } },
      PEOPLE.locationManager,
      '2026-11-03T10:00:00Z',
    ],
    [
      { name: 'conversationPlanned', input: { plannedFor: '2026-11-10T13:00:00Z' } },
      PEOPLE.manager,
      '2026-11-03T11:00:00Z',
    ],
    [{ name: 'confirmationSent', input: {} }, PEOPLE.manager, '2026-11-04T10:00:00Z'],
    [
      {
        name: 'conversationHeld',
        input: { heldAt: '2026-11-10T14:00:00Z', notes: 'Excuses aangeboden; afspraken over de overdracht.' },
      },
      PEOPLE.manager,
      '2026-11-10T15:00:00Z',
    ],
    [
      {
        name: 'recordDecision',
        input: {
          text: 'De klacht is deels gegrond: de overdracht was te kort.',
          tenor: 'partlyFounded',
          measures: [
            { description: 'Overdracht van vijf minuten bij elk ophaalmoment', deadline: '2026-12-15' },
            { description: 'Teamoverleg over ongevallen melden', deadline: '2026-12-01' },
          ],
          sentOn: '2026-11-12',
          sentVia: 'email',
        },
      },
      PEOPLE.manager,
      '2026-11-12T10:00:00Z',
    ],
    [
      { name: 'handle', input: { summary: 'Oordeel nagebeld; ouder tevreden.', satisfaction: 'satisfied' } },
      PEOPLE.manager,
      '2026-11-13T10:00:00Z',
    ],
    [{ name: 'close', input: {} }, PEOPLE.manager, '2026-11-13T11:00:00Z'],
  ];
  steps.forEach(([command, actor, at], index) => {
    const result = applyMove(signal, command, { actor: ref(actor), at: new Date(at), eventId: `evt-${index}` });
    if (!result.ok) throw new Error(`${command.name}: ${result.error}`);
    signal = result.signal;
  });
  const letter = (id: string, kind: 'confirmation' | 'decision', createdAt: string) => ({
    id,
    kind,
    createdAt,
    subject: 'Onderwerp',
    body: 'Beste Sanne de Vries,\n\nEen brief van twintig regels.\n'.repeat(6),
  });
  return {
    ...signal,
    letters: [letter('l1', 'confirmation', '2026-11-04T10:00:00Z'), letter('l2', 'decision', '2026-11-12T10:00:00Z')],
  };
}

function finishedCard(): AdaptiveCard {
  const signal = finishedComplaint();
  const now = new Date('2026-11-25T10:00:00Z');
  const moves = cardMoves(signal, manager, { shared: false, planInOutlook: false, pressing: [] });
  return signalCard({
    signal,
    organisation,
    now,
    today: '2026-11-25',
    deadlineSettings: DEFAULT_DEADLINE_SETTINGS,
    showPersonalData: true,
    moves: moves.secondary,
    primary: moves.primary,
    privacyActions: [
      { verb: 'privacy.export', title: 'Gegevens ouder (inzage)' },
      { verb: 'privacy.eraseConfirm', title: 'Gegevens wissen' },
    ],
  });
}

describeWithBrowser('the signal card of a finished complaint at Teams’ width (Chromium)', () => {
  let browser: BrowserSession | undefined;
  let page: Page;

  beforeAll(async () => {
    const script = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    const html = readFileSync(join(__dirname, 'fixtures/renderer.html'), 'utf8');
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.setContent(
      html
        .replace('<script src="/adaptivecards.min.js"></script>', () => `<script>${script}</script>`)
        .replace('style="width: 600px"', `style="width: ${TEAMS_WIDTH_PX}px"`),
    );
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
  });

  const render = (card: AdaptiveCard) =>
    page.evaluate(
      (json) => (globalThis as unknown as { renderCard(card: unknown): { rendered: boolean } }).renderCard(json),
      card as unknown as Record<string, unknown>,
    );
  const height = () => page.locator('#host').evaluate((element) => element.getBoundingClientRect().height);

  it('is at most half as tall as before, with its buttons in the overflow', async () => {
    await screenshotOnFailure(page, 'card-height-finished', async () => {
      await expect(render(finishedCard())).resolves.toMatchObject({ rendered: true });
      const px = await height();
      expect(px).toBeGreaterThan(200);
      expect(px).toBeLessThanOrEqual(BEFORE_ISSUE_23_PX / 2);
      // Closed: no next step, reopening sits in the overflow ("…"), not as a row of buttons.
      const host = page.locator('#host');
      await expect(host.getByRole('button', { name: 'Heropenen', exact: true }).count()).resolves.toBe(0);
      const text = await host.innerText();
      expect(text).toContain('afgehandeld op');
      expect(text).not.toContain('Sanne de Vries');

      // The toggles open what is folded: the parent's details and the history.
      await host.getByRole('button', { name: 'Ouder', exact: true }).click();
      await expect(host.innerText()).resolves.toContain('Sanne de Vries');
      await host.getByRole('button', { name: 'Geschiedenis', exact: true }).click();
      await expect(host.innerText()).resolves.toContain('Gesloten · Adele Vance');
      expect(await height()).toBeGreaterThan(px);
    });
  });
});
