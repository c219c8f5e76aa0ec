import { runList, type ListQuery } from '../../src/app/queries';
import type { Signal } from '../../src/domain/signal';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';
import {
  commandServices,
  personOf,
  referencesIn,
  ROLE_PEOPLE,
  seed,
  type SignalSpec,
  type TestServices,
} from './fixtures';

const urgency = (signal: Signal) => signal.nextDeadline ?? '9999';
const byUrgency = (a: Signal, b: Signal) =>
  urgency(a) < urgency(b) ? -1 : urgency(a) > urgency(b) ? 1 : a.reference < b.reference ? -1 : 1;

async function allPages(services: TestServices, role: 'quality' | 'employee' | 'locationManager', query: ListQuery) {
  const person = await personOf(services, role);
  const seen: Signal[] = [];
  let continuation: string | undefined;
  let pages = 0;
  do {
    const page = await runList(services, person, query, continuation, 7);
    expect(page.items.length).toBeLessThanOrEqual(7);
    seen.push(...page.items);
    continuation = page.continuation;
    pages += 1;
  } while (continuation && pages < 50);
  return { seen, pages };
}

describe('lists: urgency order, continuation paging across merged store lists', () => {
  let services: TestServices;
  let signals: Signal[];

  beforeAll(async () => {
    services = await commandServices();
    const specs: SignalSpec[] = [];
    for (let i = 1; i <= 40; i += 1) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = i % 2 === 0 ? '10' : '11';
      const spec: SignalSpec = {
        sequence: i,
        kind: i % 3 === 0 ? 'question' : 'complaint',
        locationId: ['zonnebloem', 'vlinder', 'eikeltje'][i % 3],
        receivedOn: `2026-${month}-${day}`,
        by: i % 4 === 0 ? ROLE_PEOPLE.otherEmployee : ROLE_PEOPLE.employee,
      };
      if (i % 10 === 0) spec.closedOn = '2026-11-24';
      specs.push(spec);
    }
    signals = await seed(services, specs);
  });

  it('quality pages through every open signal, most urgent first, no duplicates', async () => {
    const { seen, pages } = await allPages(services, 'quality', { kind: 'open' });
    const expected = signals.filter((s) => s.status === 'open').sort(byUrgency);
    expect(seen.map((s) => s.reference)).toEqual(expected.map((s) => s.reference));
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('an employee gets owned-or-registered signals merged from two store lists, in order, without duplicates', async () => {
    const { seen } = await allPages(services, 'employee', { kind: 'mine' });
    const expected = signals
      .filter((s) => s.status === 'open' && s.registeredBy.id === ROLE_PEOPLE.employee.id)
      .sort(byUrgency);
    expect(seen.map((s) => s.reference)).toEqual(expected.map((s) => s.reference));
  });

  it('a location manager with a filter sees only their locations', async () => {
    const { seen } = await allPages(services, 'locationManager', { kind: 'open', signalKind: 'complaint' });
    const expected = signals
      .filter((s) => s.status === 'open' && s.kind === 'complaint' && ['zonnebloem', 'eikeltje'].includes(s.locationId))
      .sort(byUrgency);
    expect(seen.map((s) => s.reference)).toEqual(expected.map((s) => s.reference));
  });

  it('search finds closed signals too, and by the people handling them', async () => {
    const { seen } = await allPages(services, 'quality', { kind: 'search', text: 'lynne' });
    expect(seen.map((s) => s.reference).sort()).toEqual(
      signals
        .filter((s) => s.registeredBy.id === ROLE_PEOPLE.otherEmployee.id)
        .map((s) => s.reference)
        .sort(),
    );
  });

  it('through the bot: a compact card with a "Meer" button that continues the list', async () => {
    const driver = new BotDriver(services);
    const [reply] = await driver.say(ROLE_PEOPLE.quality, 'open');
    let card = cardOf(reply);
    const collected: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      expect(JSON.stringify(card).length).toBeLessThan(80 * 1024);
      collected.push(...referencesIn(cardText(card)));
      const actions = (card.actions ?? []) as { verb?: string; data?: Record<string, unknown> }[];
      const more = actions.find((action) => action.verb === 'list.more');
      if (!more) break;
      expect(cardText(card)).toContain('Meer');
      card = (await driver.execute(ROLE_PEOPLE.quality, 'list.more', more.data ?? {})).card;
      expect(cardText(card)).toContain('(vervolg)');
    }
    const open = signals
      .filter((s) => s.status === 'open')
      .map((s) => s.reference)
      .sort();
    expect(collected.sort()).toEqual(open);
  });

  it('a tampered "meer" query is refused politely', async () => {
    const driver = new BotDriver(services);
    const result = await driver.execute(ROLE_PEOPLE.quality, 'list.more', {
      query: '{"kind":"drop"}',
      continuation: 'x',
    });
    expect(cardText(result.card)).toContain('kon niet worden verwerkt');
  });

  it('answers bad arguments with a usage card, not an error', async () => {
    const driver = new BotDriver(services);
    for (const [text, expected] of [
      ['termijnen veel', 'termijnen [dagen]'],
      ['open amsterdam', 'amsterdam'],
      ['zoek', 'Typ wat je zoekt'],
      ['status', 'Typ de referentie'],
      ['status hallo', 'geen referentie'],
      ['overzicht gisteren', 'overzicht 2026'],
      ['export volgend', 'export 2026'],
    ] as const) {
      const [reply] = await driver.say(ROLE_PEOPLE.quality, text);
      expect(cardText(cardOf(reply))).toContain(expected);
    }
  });
});

describe('overzicht', () => {
  it('counts per location, kind and step, and the share of complaints settled within 6 weeks', async () => {
    const services = await commandServices();
    await seed(services, [
      {
        sequence: 1,
        locationId: 'zonnebloem',
        receivedOn: '2026-03-02',
        by: ROLE_PEOPLE.employee,
        closedOn: '2026-03-20',
      },
      {
        sequence: 2,
        locationId: 'zonnebloem',
        receivedOn: '2026-03-03',
        by: ROLE_PEOPLE.employee,
        closedOn: '2026-05-20',
      },
      { sequence: 3, locationId: 'vlinder', receivedOn: '2026-03-10', by: ROLE_PEOPLE.otherEmployee },
      { sequence: 4, kind: 'question', locationId: 'vlinder', receivedOn: '2026-04-10', by: ROLE_PEOPLE.otherEmployee },
      { sequence: 5, locationId: 'eikeltje', receivedOn: '2026-11-20', by: ROLE_PEOPLE.employee },
    ]);
    const driver = new BotDriver(services);
    const [reply] = await driver.say(ROLE_PEOPLE.quality, 'overzicht 2026');
    const text = cardText(cardOf(reply));
    expect(text).toContain('Signalen\n5');
    expect(text).toContain('Nog open\n3');
    expect(text).toContain('KDV De Zonnebloem, Utrecht\n2');
    expect(text).toContain('Klacht\n4');
    expect(text).toContain('Vraag\n1');
    // #1 in time, #2 late, #3 open past its 6 weeks (late), #5 still running.
    expect(text).toContain('1 van 3 (33%), 1 nog lopend');

    const [march] = await driver.say(ROLE_PEOPLE.quality, 'overzicht maart 2026');
    expect(cardText(cardOf(march))).toContain('Overzicht maart 2026');
    expect(cardText(cardOf(march))).toContain('Signalen\n3');

    const [own] = await driver.say(ROLE_PEOPLE.otherEmployee, 'overzicht');
    expect(cardText(cardOf(own))).toContain('Signalen\n2');
    expect(cardText(cardOf(own))).toContain('Alleen de signalen die jij mag zien');
  });
});
