/**
 * Issue 11 (2), card actions: generated Action.Execute invokes for every verb in bot/verbs (wrong
 * types, missing and extra fields, huge and empty strings, all of Unicode, `__proto__`/`constructor`
 * keys, deep nesting) always get a readable Dutch card, and no handler ever throws. Runs in its own
 * jest worker, parallel to fuzz.test.ts (commands, HTTP).
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { VERBS } from '../../bot/verbs';
import { createLogger } from '../../src/logging';
import { PEOPLE, testServices, validIntake } from '../support/services';
import { BotDriver } from '../support/test-adapter';
import { captureLogs, expectReadableAnswer, invokeValue, malformedInvokeValue, PERSONS } from './generators';

const INVOKE_CASES = 2_500;
/** Teams refuses card responses above about 80 KB. */
const TEAMS_CARD_LIMIT = 80 * 1024;

describe('generated card actions through the TestAdapter', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;
  const logs = captureLogs();
  const signalIds: string[] = [];
  const stats = { invokes: 0, maxCardBytes: 0, oversizedCards: 0, verbs: new Map<string, number>() };

  beforeAll(async () => {
    services = await testServices();
    services.logger = createLogger('warn', logs.stream);
    driver = new BotDriver(services);
    for (let index = 0; index < 3; index += 1) {
      const id = randomUUID();
      await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: id, ...validIntake() });
      signalIds.push(id);
    }
  });

  afterAll(async () => {
    await services.store.close();
    console.log(
      `fuzz (TestAdapter): ${stats.invokes} card actions ${JSON.stringify(Object.fromEntries(stats.verbs))}; ` +
        `largest card ${stats.maxCardBytes} bytes, ${stats.oversizedCards} above 80 KB`,
    );
  });

  const send = async (person: { id: string; name: string }, value: unknown) => {
    driver.adapter.activeQueue.splice(0);
    await driver.adapter.receiveActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
      value,
    } as Partial<Activity>);
    const response = driver.adapter.activeQueue.find((activity) => activity.type === 'invokeResponse');
    return response?.value as { status: number; body: { statusCode: number; type?: string; value: unknown } };
  };

  it(`answers ${INVOKE_CASES} generated card actions with a Dutch card, never failing`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PERSONS), invokeValue(signalIds), async (person, value) => {
        stats.invokes += 1;
        const named = (value as { action: { verb: unknown } }).action.verb;
        const verb = VERBS.some((handler) => handler.verb === named) ? String(named) : '(unknown verb)';
        stats.verbs.set(verb, (stats.verbs.get(verb) ?? 0) + 1);
        const invoke = await send(person, value);
        expect(invoke.status).toBe(200);
        expect(invoke.body.statusCode).toBe(200);
        expectReadableAnswer(invoke.body);
        const bytes = Buffer.byteLength(JSON.stringify(invoke.body));
        stats.maxCardBytes = Math.max(stats.maxCardBytes, bytes);
        if (bytes > TEAMS_CARD_LIMIT) stats.oversizedCards += 1;
      }),
      { numRuns: INVOKE_CASES },
    );
    for (const verb of VERBS) expect(stats.verbs.get(verb.verb) ?? 0).toBeGreaterThan(50);
    // No handler threw: the generic "something went wrong" never had to be used.
    expect(logs.lines.filter((line) => /card action failed|turn failed/.test(line))).toEqual([]);
    expect(stats.oversizedCards).toBe(0);
  }, 80_000);

  /**
   * Fixed (docs/security.md): botbuilder's ActivityHandler reads `value.action.type` without a
   * check: without KlantsignaalBot.onInvokeActivity an adaptiveCard/action invoke without an action
   * object threw (HTTP 501) and an action of another type got botbuilder's English 400.
   */
  it('answers malformed invoke envelopes with a Dutch card too', async () => {
    await fc.assert(
      fc.asyncProperty(malformedInvokeValue, async (value) => {
        const invoke = await send(PEOPLE.employee, value);
        expect(invoke.status).toBe(200);
        expectReadableAnswer(invoke.body);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the stored signals intact (no __proto__ pollution, no stray writes)', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const id of signalIds) {
      const stored = await services.store.get(id);
      expect(stored?.value.history[0]?.type).toBe('registered');
    }
  });
});
