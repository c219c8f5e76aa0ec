/**
 * Generators and checks shared by the fuzz tests (issue 11, item 2).
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { VERBS } from '../../bot/verbs';
import { INTAKE_FIELDS } from '../../src/domain/intake';
import { MOVE_NAMES } from '../../src/domain/process';
import { MOVE_FORMS } from '../../src/app/move-forms';
import { PEOPLE, validIntake } from '../support/services';
import { cardText } from '../support/test-adapter';

export type Person = { id: string; name: string };
export const STRANGER: Person = { id: '99999999-9999-9999-9999-999999999999', name: 'Onbekend' };
export const PERSONS: Person[] = [...Object.values(PEOPLE), STRANGER];

// ---- generators ------------------------------------------------------------------------------

const dangerousKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '$root',
  '${x}',
];
const knownKeys = [
  'intakeId',
  'signalId',
  'move',
  'formId',
  ...INTAKE_FIELDS,
  ...new Set(Object.values(MOVE_FORMS).flatMap((fields) => fields.map((field) => field.id))),
];

const nastyTexts = [
  '',
  ' ',
  '\n\n',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '**vet** _schuin_ [klik](https://evil.example) <b>html</b> # kop',
  '<script>alert(1)</script>',
  '${$root.secret}',
  '{{name}}',
  "'; DROP TABLE signals; --",
  '../../etc/passwd',
  'null',
  '2026-02-30',
  '99:99',
  'KS-2026-0001',
];
const huge = ['x'.repeat(300_000), '🙂'.repeat(60_000), '\n'.repeat(50_000), '[a](b)'.repeat(20_000)];

export const text = fc.oneof(
  { weight: 40, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 30, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 30, arbitrary: fc.constantFrom(...nastyTexts) },
  { weight: 2, arbitrary: fc.constantFrom(...huge) },
);

/** An object nested `depth` levels deep, in objects or arrays. */
export function deep(depth: number, inArray: boolean): unknown {
  let node: unknown = 'bodem';
  for (let level = 0; level < depth; level += 1) node = inArray ? [node] : { a: node };
  return node;
}

const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt().map((value) => value.toString()),
);

const key = fc.oneof(fc.constantFrom(...knownKeys), fc.constantFrom(...dangerousKeys), fc.string({ maxLength: 12 }));

/** Object.fromEntries creates own `__proto__` / `constructor` keys, as JSON.parse does. */
export const value: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
    fc.tuple(fc.integer({ min: 100, max: 3000 }), fc.boolean()).map(([depth, inArray]) => deep(depth, inArray)),
  ),
})).node;

const record = (base: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(
      base,
      fc.array(fc.tuple(key, value), { maxLength: 6 }),
      fc.array(fc.constantFrom(...knownKeys), { maxLength: 3 }),
    )
    .map(([start, extra, removed]) => {
      const result: Record<string, unknown> = Object.fromEntries([...Object.entries(start), ...extra]);
      for (const field of removed) delete result[field];
      return result;
    });

function dataFor(signalIds: string[]): fc.Arbitrary<unknown> {
  const intake = fc.record({ intakeId: fc.oneof(fc.uuid(), text) }).map((ids) => ({ ...validIntake(), ...ids }));
  const signalRef = fc.record({
    signalId: fc.oneof(fc.constantFrom(...signalIds), text),
    move: fc.oneof(fc.constantFrom(...MOVE_NAMES), text),
    formId: fc.oneof(fc.uuid(), text),
  });
  return fc.oneof(
    { weight: 3, arbitrary: record(intake) },
    { weight: 3, arbitrary: record(signalRef) },
    { weight: 2, arbitrary: record(fc.constant({})) },
    { weight: 1, arbitrary: value },
  );
}

const verbName = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...VERBS.map((verb) => verb.verb)) },
  { weight: 1, arbitrary: fc.oneof(text, fc.integer(), fc.constant(null)) },
);

/** An Action.Execute invoke as Teams shapes it (an action object), with generated verb and data. */
export function invokeValue(signalIds: string[]): fc.Arbitrary<unknown> {
  return fc
    .record({ verb: verbName, data: dataFor(signalIds) })
    .map((action) => ({ action: { type: 'Action.Execute', ...action }, trigger: 'manual' }));
}

/** Invoke values Teams never sends: no action object, or another action type. */
export const malformedInvokeValue = fc.oneof(
  value.map((action) => ({ action })),
  value,
  fc.constant({ action: { type: 'Action.Submit', verb: 'intake.submit', data: {} } }),
);

const commandWords = [
  'help',
  'nieuw',
  'mijn',
  'status',
  'open',
  'termijnen',
  'te laat',
  'zoek',
  'overzicht',
  'rol',
  'hulp',
];
export const command = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...commandWords), text).map(([word, args]) => `${word} ${args}`) },
  { weight: 1, arbitrary: fc.constantFrom(...commandWords) },
);

// ---- checks ----------------------------------------------------------------------------------

export const ENGLISH_OR_LEAK =
  /TypeError|RangeError|ReferenceError|SyntaxError|\[object Object\]|is not a function|Cannot read propert|Internal Server Error|\bundefined\b|\bat Object\./;

/** A card a user can read: an Adaptive Card with text and no leaked English error. */
export function expectReadableCard(card: unknown): string {
  expect(card).toEqual(expect.objectContaining({ type: 'AdaptiveCard' }));
  const text = cardText(card);
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text).not.toMatch(ENGLISH_OR_LEAK);
  return text;
}

/**
 * A card action's answer a user can read: a card (see above), or a message response, which Teams
 * shows as text while the card keeps what was typed (unknown person, a handler that failed).
 */
export function expectReadableAnswer(body: { type?: string; value: unknown }): string {
  if (body.type !== 'application/vnd.microsoft.activity.message') return expectReadableCard(body.value);
  expect(typeof body.value).toBe('string');
  const text = body.value as string;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text).not.toMatch(ENGLISH_OR_LEAK);
  return text;
}

export function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}
