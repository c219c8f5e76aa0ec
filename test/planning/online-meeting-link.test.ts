/**
 * A centre without an address gets an online Teams meeting: Graph creates it, and the confirmation
 * letter then gives the parent the meeting's own join link (read back from the created event).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { performMoveWithOutbound } from '../../src/app/plan-conversation';
import { GraphTestServer } from '../support/graph-server';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';
import { BotDriver } from '../support/test-adapter';
import { actionsWithVerb, escalatedComplaint, GRAPH_TOKEN, graphServices, outboundDeps } from './planning-support';

const NOW = '2026-12-24T10:00:00+01:00';

describe('an online meeting through Graph', () => {
  let graph: GraphTestServer;
  let outboxDir: string;

  beforeAll(async () => {
    graph = await GraphTestServer.start({ token: GRAPH_TOKEN });
    outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-online-'));
  });

  afterAll(async () => {
    await graph.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('puts the Teams join link Graph created into the confirmation letter', async () => {
    const services = await graphServices(graph, NOW, outboxDir);
    const sample = loadOrganisation(SAMPLE_ORGANISATION);
    // No address for the centre: the conversation is held online.
    services.directory = new OrganisationFileDirectory({
      ...sample,
      locations: sample.locations.map(({ address: _address, ...location }) => location),
    });
    const driver = new BotDriver(services);
    const signalId = await escalatedComplaint(driver, { parentEmail: 'sanne@example.nl' });
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const [slot] = actionsWithVerb(offer.card, 'planning.pick');
    await driver.execute(PEOPLE.manager, 'planning.pick', slot!.data);

    const [event] = [...graph.events.values()];
    expect(event!.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    const planned = (await services.store.get(signalId))!.value;
    const joinUrl = planned.escalation?.conversation.joinUrl;
    expect(joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

    const actor = (await services.directory.findPerson(PEOPLE.manager.id))!;
    const outcome = await performMoveWithOutbound(outboundDeps(services), {
      signalId,
      command: { name: 'confirmationSent', input: {} },
      actor,
      eventId: 'confirm-online',
    });
    expect(outcome.kind).toBe('done');
    const [mail] = graph.mails;
    expect(mail!.message.body.content).toContain(`U doet mee met deze link: ${joinUrl}`);
    expect(mail!.message.body.content).not.toContain('staat in de uitnodiging');
  });
});
