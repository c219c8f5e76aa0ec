/**
 * The embedded default: invitations as .ics, letters as .eml, notices as JSON lines, all in a
 * temporary outbox. The .ics is read back with node-ical, a standard iCalendar parser.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ical from 'node-ical';
import { transactionIdFor, type ActivityNotice, type ConversationInvite } from '../../src/app/outbound-ports';
import { planConversationSlots, planningWindow } from '../../src/app/slot-planner';
import { createLocalAdapters, type LocalMailer } from '../../src/adapters/local';
import { conversationDeadline } from '../../src/domain/deadlines';

const MANAGER = 'manager@kinderopvang.example';
const MAILBOX = { name: 'Klachtenfunctionaris', email: 'klachten@kinderopvang.example' };

let outbox: string;

beforeEach(async () => {
  outbox = await fs.mkdtemp(path.join(os.tmpdir(), 'ks-outbox-'));
});

afterEach(async () => {
  await fs.rm(outbox, { recursive: true, force: true });
});

function invite(overrides: Partial<ConversationInvite> = {}): ConversationInvite {
  return {
    transactionId: transactionIdFor('signal-42', 'conversation', '1'),
    organizerId: MANAGER,
    organizer: { name: 'Mira Manager', email: MANAGER },
    attendees: [{ name: 'J. de Vries', email: 'ouder@example.nl', role: 'parent' }],
    start: '2026-12-28T08:00:00.000Z',
    end: '2026-12-28T08:30:00.000Z',
    timeZone: 'Europe/Amsterdam',
    reference: 'KS-2026-0042',
    subject: 'Gesprek over uw klacht (KS-2026-0042)',
    summary: 'Gesprek over de communicatie bij het ophalen',
    mode: 'meeting',
    ...overrides,
  };
}

describe('local calendar', () => {
  it('writes one .ics per transactionId that a standard parser reads back', async () => {
    const { calendar } = createLocalAdapters({ outboxDir: outbox, from: MAILBOX });
    const first = await calendar.createEvent(invite());
    const second = await calendar.createEvent(invite({ summary: 'changed on the second call' }));
    expect(second).toEqual(first);

    const files = (await fs.readdir(path.join(outbox, 'invites'))).sort();
    expect(files).toEqual([`${first.eventId}.ics`, `${first.eventId}.json`]);

    const text = await fs.readFile(path.join(outbox, 'invites', `${first.eventId}.ics`), 'utf8');
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe(`${invite().transactionId}@klantsignaal`);
    expect(event.start.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-12-28T08:30:00.000Z');
    expect(event.summary).toBe('Gesprek over uw klacht (KS-2026-0042)');
    expect(String(event.description)).toContain('Gesprek over de communicatie bij het ophalen');
    expect(String(event.description)).not.toContain('changed on the second call');
    expect(event.method).toBe('REQUEST');
    expect(JSON.stringify(event.attendee)).toContain('mailto:ouder@example.nl');
    expect(JSON.stringify(event.organizer)).toContain(MANAGER);
  });

  it('a name cannot change who is invited: quotes and line breaks in names are taken out', async () => {
    const { calendar } = createLocalAdapters({ outboxDir: outbox, from: MAILBOX });
    const forged = 'X":mailto:attacker@evil.example;X-Y="Z';
    const { eventId } = await calendar.createEvent(
      invite({
        organizer: { name: 'Mira\r\nATTENDEE:mailto:attacker@evil.example', email: MANAGER },
        attendees: [{ name: forged, email: 'ouder@example.nl', role: 'parent' }],
      }),
    );
    const text = await fs.readFile(path.join(outbox, 'invites', `${eventId}.ics`), 'utf8');
    // Unfolded, every line names its property once: a name never starts a line of its own.
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines.filter((line) => /^ATTENDEE[;:]/.test(line))).toHaveLength(1);
    expect(
      lines.filter((line) => /^(ATTENDEE|ORGANIZER)[;:]/.test(line) && /evil/.test(line.split('"').pop()!)),
    ).toEqual([]);
    const event = Object.values(ical.sync.parseICS(text)).find((c): c is ical.VEvent => c?.type === 'VEVENT')!;
    const attendees = [event.attendee].flat() as unknown as { val: string }[];
    expect(attendees.map((a) => a.val)).toEqual(['mailto:ouder@example.nl']);
    expect(lines.find((line) => line.startsWith('ATTENDEE'))).toContain(`CN="X':mailto:attacker@evil.example;X-Y='Z"`);
    expect((event.organizer as unknown as { val: string }).val.toLowerCase()).toBe(`mailto:${MANAGER}`);
  });

  it('reads free/busy from the outbox and the demo list, and plans around both', async () => {
    const { calendar } = createLocalAdapters({
      outboxDir: outbox,
      from: MAILBOX,
      demoBusy: [{ userId: MANAGER, start: '2026-12-29T08:00:00Z', end: '2026-12-29T16:00:00Z' }],
    });
    await calendar.createEvent(invite());
    const now = '2026-12-24T10:15:00+01:00';
    const deadline = conversationDeadline(now);
    const window = planningWindow(now, deadline);
    const busy = await calendar.getFreeBusy([MANAGER, 'OUDER@example.nl'], window.fromIso, window.toIso);
    expect(busy.get(MANAGER)).toEqual([
      { start: '2026-12-29T08:00:00Z', end: '2026-12-29T16:00:00Z', status: 'busy' },
      { start: '2026-12-28T08:00:00.000Z', end: '2026-12-28T08:30:00.000Z', status: 'busy' },
    ]);
    expect(busy.get('OUDER@example.nl')).toHaveLength(1);

    const plan = planConversationSlots({ now, deadline, requiredPeople: [MANAGER], busy });
    expect(plan.slots.map((s) => s.start)).toEqual([
      '2026-12-28T08:30:00.000Z',
      '2026-12-30T08:00:00.000Z',
      '2026-12-31T08:00:00.000Z',
    ]);
  });

  it("answers 'accepted' unless the demo .response file says otherwise", async () => {
    const { calendar } = createLocalAdapters({ outboxDir: outbox, from: MAILBOX });
    const { eventId } = await calendar.createEvent(invite());
    expect(await calendar.getEventResponse(MANAGER, eventId)).toBe('accepted');

    await fs.writeFile(path.join(outbox, 'invites', `${eventId}.response`), 'declined\n');
    expect(await calendar.getEventResponse(MANAGER, eventId)).toBe('declined');
    // A declined invitation no longer blocks the manager's time.
    const busy = await calendar.getFreeBusy([MANAGER], '2026-12-28T00:00:00Z', '2026-12-29T00:00:00Z');
    expect(busy.get(MANAGER)).toEqual([]);

    await fs.writeFile(path.join(outbox, 'invites', `${eventId}.response`), 'maybe');
    await expect(calendar.getEventResponse(MANAGER, eventId)).rejects.toThrow(/invalidResponseFile|maybe/);
    expect(await calendar.getEventResponse(MANAGER, 'no-such-event')).toBe('declined');
  });
});

describe('local calendar: withdrawing an invitation', () => {
  it('writes one METHOD:CANCEL .ics with the same UID; the slot is free again and the answer is declined', async () => {
    const { calendar } = createLocalAdapters({ outboxDir: outbox, from: MAILBOX });
    const { eventId } = await calendar.createEvent(invite());
    await calendar.cancelEvent(MANAGER, eventId, 'Het gesprek over KS-2026-0042 gaat niet door.');
    await calendar.cancelEvent(MANAGER, eventId, 'a second call writes nothing new');

    const files = (await fs.readdir(path.join(outbox, 'invites'))).sort();
    expect(files).toEqual([`${eventId}.cancel.ics`, `${eventId}.ics`, `${eventId}.json`]);
    const text = await fs.readFile(path.join(outbox, 'invites', `${eventId}.cancel.ics`), 'utf8');
    expect(text).toMatch(/^METHOD:CANCEL\r?$/m);
    expect(text).toMatch(/^STATUS:CANCELLED\r?$/m);
    expect(text).toMatch(/^SEQUENCE:1\r?$/m);
    const [event] = Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(event?.uid).toBe(`${eventId}@klantsignaal`);
    expect(event?.start.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(event?.summary).toBe('Gesprek over uw klacht (KS-2026-0042)');
    expect(String(event?.description)).toContain('gaat niet door');
    expect(JSON.stringify(event?.attendee)).toContain('mailto:ouder@example.nl');

    const busy = await calendar.getFreeBusy([MANAGER], '2026-12-28T00:00:00Z', '2026-12-29T00:00:00Z');
    expect(busy.get(MANAGER)).toEqual([]);
    expect(await calendar.getEventResponse(MANAGER, eventId)).toBe('declined');
    // Nothing there to withdraw: done, nothing written.
    await calendar.cancelEvent(MANAGER, 'no-such-event', 'x');
    expect(await fs.readdir(path.join(outbox, 'invites'))).toHaveLength(3);
  });
});

describe('local mailer', () => {
  it('writes the letter once as a MIME message with a text and an escaped HTML part', async () => {
    const { mailer } = createLocalAdapters({
      outboxDir: outbox,
      from: MAILBOX,
      now: () => new Date('2026-12-24T10:00:00Z'),
    });
    const letter = {
      idempotencyKey: 'signal-42:confirmation',
      to: { name: 'J. de Vries', email: 'ouder@example.nl' },
      subject: 'Bevestiging van uw klacht KS-2026-0042 — gesprek gepland',
      text: 'Beste mevrouw De Vries,\n\nWe spreken u graag <b>maandag</b> & dinsdag.',
      reference: 'KS-2026-0042',
    };
    await mailer.send(letter);
    await mailer.send({ ...letter, text: 'a second, different text' });

    const files = await fs.readdir(path.join(outbox, 'mail'));
    expect(files).toHaveLength(1);
    const file = (mailer as LocalMailer).fileFor(letter.idempotencyKey);
    expect(path.basename(file)).toBe(files[0]);
    const eml = await fs.readFile(file, 'utf8');
    expect(eml).toMatch(/^From: Klachtenfunctionaris <klachten@kinderopvang\.example>$/m);
    expect(eml).toMatch(/^To: "J\. de Vries" <ouder@example\.nl>$/m);
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m); // the em dash is MIME-encoded
    expect(eml).toMatch(/^X-Klantsignaal-Idempotency-Key: signal-42:confirmation$/m);
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(eml).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    expect(eml).toContain('&lt;b&gt;maandag&lt;/b&gt; &amp; dinsdag');
    expect(eml).not.toContain('a second, different text');
  });
});

describe('local notifier', () => {
  it('appends one JSON line per idempotency key', async () => {
    const { notifier } = createLocalAdapters({
      outboxDir: outbox,
      from: MAILBOX,
      now: () => new Date('2026-12-24T10:00:00Z'),
    });
    const notice: ActivityNotice = {
      activity: { type: 'deadlineApproaching', parameters: { reference: 'KS-2026-0042' } },
      webUrl: 'https://teams.microsoft.com/l/entity/x',
      title: 'KS-2026-0042',
      previewText: 'Kies een tijd',
      idempotencyKey: 'k1',
    };
    await Promise.all([notifier.notify(MANAGER, notice), notifier.notify(MANAGER, notice)]);
    await notifier.notify(MANAGER, { ...notice, idempotencyKey: 'k2' });
    const lines = (await fs.readFile(path.join(outbox, 'notifications.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { idempotencyKey: string }).idempotencyKey)).toEqual(['k1', 'k2']);
    expect(JSON.parse(lines[0]!)).toEqual({ at: '2026-12-24T10:00:00.000Z', userId: MANAGER, ...notice });
  });
});
