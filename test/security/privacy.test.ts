/**
 * Issue 11 (6), logs and reads: a whole scenario (intake, reading, moves) over real HTTP with channel
 * authentication on and the logger at `trace` writes no parent name, e-mail, phone, description,
 * wish, notes or token into any log line; and every read of a signal is in the access log.
 */
import { MicrosoftAppCredentials } from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amsterdamDate } from '../../src/domain/deadlines';
import { createLogger } from '../../src/logging';
import { startApp, type RunningApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, validIntake } from '../support/services';
import { cardText } from '../support/test-adapter';
import { TokenIssuer } from '../support/token-issuer';
import { captureLogs } from './generators';

const APP_ID = '6f1c1b2a-2222-4c1e-9d7e-000000000b07';
const APP_PASSWORD = 'app-password-that-must-never-be-logged';
const SECRETS = {
  parentName: 'Wilhelmina Zwanenburg-Oosterhout',
  parentEmail: 'w.zwanenburg@voorbeeld-ouder.nl',
  parentPhone: '06-98765432',
  description: 'Mijn dochter Fleur kwam met een blauwe plek thuis van de peutergroep.',
  parentWish: 'Uitleg van de pedagogisch medewerker over de valpartij',
};
const NOTES = 'Moeder was emotioneel, vader belde later terug over Fleur';

describe('privacy of logs and the access log', () => {
  const issuer = new TokenIssuer();
  const connector = new RecordingConnector();
  const logs = captureLogs();
  let app: RunningApp;
  let dataDir: string;
  const tokens: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    spies.push(jest.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockResolvedValue('outbound-secret-token'));
    await issuer.start();
    await connector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-privacy-'));
    app = await startApp({
      env: {},
      settings: {
        PORT: '0',
        DATA_DIR: dataDir,
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        MICROSOFT_APP_TENANT_ID: 'tenant',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        BOT_TOKEN_ISSUER: issuer.issuer,
        LOG_LEVEL: 'trace',
      },
      logger: createLogger('trace', logs.stream),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await connector.stop();
    await issuer.stop();
    spies.forEach((spy) => spy.mockRestore());
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (person: { id: string; name: string }, body: Record<string, unknown>) => {
    const token = issuer.token(issuer.claims(APP_ID, connector.url));
    tokens.push(token);
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: `a:${person.id}`, conversationType: 'personal' },
        from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
        recipient: { id: `28:${APP_ID}`, name: 'Klantsignaal' },
        id: randomUUID(),
        ...body,
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    return text ? cardText((JSON.parse(text) as { value: unknown }).value) : '';
  };
  const execute = (person: { id: string; name: string }, verb: string, data: Record<string, unknown>) =>
    send(person, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    });

  it('logs no personal data or token during intake, reading and moves, and records every read', async () => {
    const signalId = randomUUID();
    expect(
      await execute(PEOPLE.employee, 'intake.submit', {
        intakeId: signalId,
        ...validIntake({ ...SECRETS, receivedOn: amsterdamDate(new Date()) }),
      }),
    ).toContain('Signaal geregistreerd');
    // An intake refused for a bad field logs the field names, not what was typed.
    await execute(PEOPLE.employee, 'intake.submit', {
      intakeId: randomUUID(),
      ...validIntake({ ...SECRETS, parentEmail: `${SECRETS.parentEmail}@@`, receivedOn: 'gisteren' }),
    });

    const reads: { person: { id: string; name: string }; verb: string; data: Record<string, unknown> }[] = [
      { person: PEOPLE.employee, verb: 'signal.open', data: { signalId } },
      { person: PEOPLE.quality, verb: 'signal.open', data: { signalId } },
      { person: PEOPLE.employee, verb: 'signal.refresh', data: { signalId } },
      { person: PEOPLE.employee, verb: 'signal.form', data: { signalId, move: 'handle' } },
    ];
    for (const read of reads) expect(await execute(read.person, read.verb, read.data)).toContain(SECRETS.parentName);

    const form = await execute(PEOPLE.employee, 'signal.form', { signalId, move: 'handle' });
    expect(form).toContain(SECRETS.parentName);
    const saved = await execute(PEOPLE.employee, 'signal.move', {
      signalId,
      move: 'handle',
      formId: randomUUID(),
      summary: NOTES,
      satisfaction: 'notSatisfied',
    });
    expect(saved).toContain('opgeslagen');
    // Someone without access: refused, and (nothing shown) not recorded as a read.
    expect(await execute(PEOPLE.otherEmployee, 'signal.open', { signalId })).toContain('kan ik niet tonen');
    // Commands and free text too.
    await send(PEOPLE.quality, { type: 'message', text: `zoek ${SECRETS.parentName}` });
    await send(PEOPLE.employee, { type: 'message', text: `${SECRETS.parentPhone} ${SECRETS.parentEmail}` });

    const output = logs.lines.join('');
    expect(logs.lines.length).toBeGreaterThan(10);
    const forbidden = [
      ...Object.values(SECRETS),
      NOTES,
      'Wilhelmina',
      'Zwanenburg',
      'voorbeeld-ouder',
      '98765432',
      'Fleur',
      APP_PASSWORD,
      'outbound-secret-token',
      ...tokens,
      ...tokens.map((token) => token.split('.')[2] ?? ''),
    ];
    for (const secret of forbidden)
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });

    // Every read of the signal by someone allowed to see it is in the access log.
    const entries = await app.services.accessLog!.list({ signalId });
    const views = entries.filter((entry) => entry.action === 'view');
    expect(views.length).toBeGreaterThanOrEqual(reads.length + 2);
    expect(new Set(views.map((entry) => entry.personId))).toEqual(new Set([PEOPLE.employee.id, PEOPLE.quality.id]));
    expect(entries.some((entry) => entry.personId === PEOPLE.otherEmployee.id)).toBe(false);
    for (const entry of entries) expect(entry.reference).toMatch(/^KS-\d{4}-\d{4}$/);
  });
});
