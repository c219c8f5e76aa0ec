import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { startPlayground, type PlaygroundOptions, type RunningPlayground } from './playground';

/** The Playground's JavaScript is ~9 MB; on a busy 2-core machine the first load takes a while. */
export const PAGE_LOAD_MS = 45_000;
export const STEP_MS = 15_000;

export const MESSAGE_BOX = '[data-lexical-editor="true"][role=textbox]';
export const CARD = '.ac-adaptiveCard';
export const INTAKE_INTRO = 'Leg vast wat de ouder vertelde';

export interface PlaygroundSession {
  playground: RunningPlayground;
  browser: BrowserSession;
  page: Page;
  stop(): Promise<void>;
}

/** The real bot behind the Playground, and a Chromium page; a half-started session is stopped again. */
export async function startPlaygroundSession(options: PlaygroundOptions = {}): Promise<PlaygroundSession> {
  const [started, launched] = await Promise.allSettled([startPlayground(options), launchBrowser()]);
  const stop = async () => {
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'fulfilled') await started.value.stop();
  };
  if (started.status === 'rejected' || launched.status === 'rejected') {
    await stop();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const page = await launched.value.newPage();
  page.setDefaultTimeout(STEP_MS);
  return { playground: started.value, browser: launched.value, page, stop };
}

/** Types a message in the chat box and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.locator(MESSAGE_BOX);
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

/** Polls an input until it shows `expected` (the renderer updates asynchronously). */
export async function waitForValue(input: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  let actual = await input.inputValue();
  while (actual !== expected && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    actual = await input.inputValue();
  }
  if (actual !== expected) throw new Error(`the input shows "${actual}", expected "${expected}"`);
}

/** Picks an option in a choice set, as a person would (the choice sets are comboboxes). */
export async function choose(page: Page, card: Locator, label: string, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await waitForValue(card.getByRole('combobox', { name: label }), option);
}

const POLL_MS = 100;
export const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Polls until `read()` satisfies `ok`, or fails with what it last saw. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + STEP_MS;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) {
      throw new Error(`waited ${STEP_MS / 1000} s for ${what}; last seen:\n${String(value)}`);
    }
    await pause(POLL_MS);
    value = await read();
  }
  return value;
}

/** Waits until the card shows every one of `texts` (innerText, so split text blocks still match). */
export async function waitForTexts(card: Locator, ...texts: string[]): Promise<string> {
  return waitUntil(
    `the card to show ${texts.map((text) => `"${text}"`).join(', ')}`,
    () => card.innerText().catch(() => ''),
    (text) => texts.every((expected) => text.includes(expected)),
  );
}

/** Types a command and waits for its new card (the first one after the cards there were). */
export async function newCardAfter(page: Page, text: string): Promise<{ card: Locator; before: number }> {
  const cards = page.locator(CARD);
  const before = await cards.count();
  await say(page, text);
  await waitUntil(
    `a new card after "${text}"`,
    () => cards.count(),
    (count) => count > before,
  );
  return { card: cards.nth(before), before };
}

/**
 * Clicks a button on the last card and waits until that same card shows `expected`:
 * Action.Execute replaces the card in place, so no message is added and it stays the last one.
 */
export async function clickOnLastCard(page: Page, button: string | Locator, ...expected: string[]): Promise<string> {
  const cards = page.locator(CARD);
  const count = await cards.count();
  const card = cards.nth(count - 1);
  await (typeof button === 'string' ? card.getByRole('button', { name: button, exact: true }) : button).click();
  const text = await waitForTexts(card, ...expected);
  await expect(cards.count()).resolves.toBe(count);
  return text;
}
