/**
 * Issue 11 (3): exactly once. The same card action sent 10 times at once creates one signal with
 * one history event; a re-sent activity has one effect; two people changing one signal at once both
 * keep their change.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amsterdamDate } from '../../src/domain/deadlines';
import { ConcurrencyError } from '../../src/app/ports';
import { performMove } from '../../src/app/signal-moves';
import { createLogger } from '../../src/logging';
import { startApp, type RunningApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testServices, validIntake } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';

describe('exactly once over real HTTP', () => {
  const connector = new RecordingConnector();
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    await connector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-once-'));
    app = await startApp({
      env: {},
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, FLOOD_BURST: '1000' },
      logger: createLogger('silent'),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const invoke = (intakeId: string, activityId = randomUUID(), data: Record<string, unknown> = {}) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: 'a:once', conversationType: 'personal' },
    from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    id: activityId,
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'intake.submit',
        data: { intakeId, ...validIntake({ receivedOn: amsterdamDate(new Date()) }), ...data },
      },
    },
  });

  const post = async (body: unknown) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: cardText(((await response.json()) as { value: unknown }).value) };
  };

  it('stores one signal with one history event when the same submit arrives 10 times at once', async () => {
    const intakeId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(invoke(intakeId))));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    // Everyone sees the same reference: the one signal that was stored.
    const references = new Set(answers.map((answer) => /KS-\d{4}-\d{4}/.exec(answer.text)?.[0]));
    expect(references.size).toBe(1);
    const stored = await app.services.store.get(intakeId);
    expect(stored?.value.history).toHaveLength(1);
    expect(stored?.value.history[0]?.type).toBe('registered');
    const page = await app.services.store.listByOwner(PEOPLE.employee.id, { limit: 100 });
    expect(page.items.filter((signal) => signal.id === intakeId)).toHaveLength(1);
  });

  it('has one effect when Teams re-sends an activity with the same id (even with changed text)', async () => {
    const intakeId = randomUUID();
    const activityId = randomUUID();
    const first = await post(invoke(intakeId, activityId));
    const again = await post(invoke(intakeId, activityId, { description: 'Tweede versie van hetzelfde formulier' }));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.text).toContain('al geregistreerd');
    const stored = await app.services.store.get(intakeId);
    expect(stored?.value.history).toHaveLength(1);
    expect(stored?.value.description).toBe(validIntake().description);
  });
});

describe('two people changing one signal at once', () => {
  it('keeps both changes (ETag retry), in either order, over 20 rounds', async () => {
    const services = await testServices();
    const driver = new BotDriver(services);
    const deps = { store: services.store, directory: services.directory, clock: services.clock };
    const directory = services.directory;
    // Count the conflicts, to prove the two moves really raced (the second save met a stale ETag).
    let conflicts = 0;
    const replace = services.store.replace.bind(services.store);
    services.store.replace = async (signal, etag) => {
      try {
        return await replace(signal, etag);
      } catch (error) {
        if (error instanceof ConcurrencyError) conflicts += 1;
        throw error;
      }
    };
    const employee = (await directory.findPerson(PEOPLE.employee.id))!;
    const quality = (await directory.findPerson(PEOPLE.quality.id))!;

    for (let round = 0; round < 20; round += 1) {
      const signalId = randomUUID();
      await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
      // Different moves on different parts of the signal, by two people, at the same moment.
      const [handled, supported] = await Promise.all([
        performMove(deps, {
          signalId,
          actor: employee,
          eventId: randomUUID(),
          command: { name: 'handle', input: { summary: `Gesprek ${round}`, satisfaction: 'notSatisfied' } },
        }),
        performMove(deps, {
          signalId,
          actor: quality,
          eventId: randomUUID(),
          command: { name: 'escalateToLocation', input: { locationManager: { ...PEOPLE.locationManager } } },
        }),
      ]);
      expect(handled.kind).toBe('done');
      expect(supported.kind).toBe('done');
      const stored = (await services.store.get(signalId))!.value;
      const types = stored.history.map((event) => event.type);
      expect(types).toEqual(expect.arrayContaining(['registered', 'handled', 'escalatedToLocation']));
      expect(types).toHaveLength(3);
      expect(stored.handling?.summary).toBe(`Gesprek ${round}`);
    }
    expect(conflicts).toBeGreaterThanOrEqual(20);
    await services.store.close();
  });

  it('keeps both changes when two people save forms on the same card through the bot', async () => {
    const services = await testServices();
    // One driver per person: each is its own Teams client with its own reply queue.
    const driver = new BotDriver(services);
    const other = new BotDriver(services);
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
    const formOf = async (person: { id: string; name: string }, move: string) => {
      const form = await driver.execute(person, 'signal.form', { signalId, move });
      const found = JSON.stringify(form.card).match(/"formId":"([0-9a-f-]{36})"/);
      if (!found) throw new Error(`no form for ${move}: ${cardText(form.card)}`);
      return { signalId, move, formId: found[1] };
    };
    const handle = await formOf(PEOPLE.employee, 'handle');
    const escalate = await formOf(PEOPLE.quality, 'escalateToLocation');
    const [a, b] = await Promise.all([
      driver.execute(PEOPLE.employee, 'signal.move', { ...handle, summary: 'Gebeld', satisfaction: 'partly' }),
      other.execute(PEOPLE.quality, 'signal.move', { ...escalate, locationManager: PEOPLE.locationManager.id }),
    ]);
    expect(cardText(a.card)).toContain('opgeslagen');
    expect(cardText(b.card)).toContain('opgeslagen');
    const types = (await services.store.get(signalId))!.value.history.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['handled', 'escalatedToLocation']));
    await services.store.close();
  });
});
