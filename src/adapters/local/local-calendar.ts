/**
 * Calendar for the embedded default: each invitation is an iCalendar file (METHOD:REQUEST, written
 * with the `ics` library) in `<outbox>/invites/<transactionId>.ics`, next to a small JSON record of
 * the same invitation that free/busy reads back (so reading does not need an iCalendar parser at
 * run time).
 *
 * Withdrawing an invitation (a re-plan replaced it) writes `<transactionId>.cancel.ics` next to it
 * (METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE), once: what Outlook sends the
 * attendees when the organizer cancels. A cancelled invitation no longer blocks free/busy and
 * answers 'declined', like Graph's isCancelled.
 *
 * Demo hook for the invite's answer: getEventResponse returns 'accepted' unless the file
 * `<outbox>/invites/<transactionId>.response` exists and holds one of
 * none | accepted | tentativelyAccepted | declined | notResponded.
 * Writing "declined" there lets a demo user try the re-plan flow.
 */
import { createEvent, type EventAttributes } from 'ics';
import path from 'node:path';
import { z } from 'zod';
import {
  assertValidInvite,
  inviteBodyText,
  PermanentOutboundError,
  type BusyInterval,
  type Calendar,
  type ConversationInvite,
  type EventResponse,
  type OutboundCallOptions,
} from '../../app/outbound-ports';
import { listFiles, readIfExists, writeOnce } from './outbox-files';

/** A busy block for the demo people (their "real" agenda). */
export interface DemoBusy {
  /** Matched like getFreeBusy's ids: UPN / e-mail address (case-insensitive). */
  userId: string;
  start: string;
  end: string;
  status?: BusyInterval['status'];
}

export interface LocalCalendarOptions {
  outboxDir: string;
  demoBusy?: DemoBusy[];
}

const inviteRecordSchema = z.object({
  transactionId: z.string(),
  organizerId: z.string(),
  organizerEmail: z.string().optional(),
  attendees: z.array(z.object({ email: z.string(), optional: z.boolean().optional() })),
  start: z.string(),
  end: z.string(),
  /** Written since invitations can be withdrawn; older records have none. */
  subject: z.string().optional(),
  mode: z.enum(['meeting', 'phone']).optional(),
});
type InviteRecord = z.infer<typeof inviteRecordSchema>;

const VALID_EVENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

const RESPONSES = ['none', 'accepted', 'tentativelyAccepted', 'declined', 'notResponded'] as const;

/**
 * A name as an iCalendar parameter value (CN="…"): RFC 5545 allows neither a double quote nor a
 * control character there, and the `ics` library only backslash-escapes the quote, which parsers
 * read as the end of the value. A parent's name could otherwise add an attendee or a line.
 */
function parameterText(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export class LocalCalendar implements Calendar {
  private readonly dir: string;

  constructor(private readonly options: LocalCalendarOptions) {
    this.dir = path.join(options.outboxDir, 'invites');
  }

  async getFreeBusy(userIds: string[], fromIso: string, toIso: string): Promise<Map<string, BusyInterval[]>> {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    const result = new Map<string, BusyInterval[]>(userIds.map((id) => [id, []]));
    const add = (who: string, interval: BusyInterval): void => {
      const start = Date.parse(interval.start);
      const end = Date.parse(interval.end);
      if (end <= from || start >= to) return;
      for (const id of userIds) if (id.toLowerCase() === who.toLowerCase()) result.get(id)!.push(interval);
    };

    for (const busy of this.options.demoBusy ?? []) {
      add(busy.userId, { start: busy.start, end: busy.end, status: busy.status ?? 'busy' });
    }
    for (const record of await this.readInvites()) {
      if (await this.isCancelled(record.transactionId)) continue;
      if ((await this.responseOf(record.transactionId)) === 'declined') continue;
      const interval: BusyInterval = { start: record.start, end: record.end, status: 'busy' };
      const people = [record.organizerId, record.organizerEmail, ...record.attendees.map((a) => a.email)];
      for (const who of new Set(people.filter((p): p is string => Boolean(p)).map((p) => p.toLowerCase())))
        add(who, interval);
    }
    return result;
  }

  async createEvent(request: ConversationInvite): Promise<{ eventId: string }> {
    assertValidInvite(request);
    const base = path.join(this.dir, request.transactionId);
    const event: EventAttributes = {
      uid: `${request.transactionId}@klantsignaal`,
      productId: 'klantsignaal',
      method: 'REQUEST',
      start: Date.parse(request.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: Date.parse(request.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: request.subject,
      description: inviteBodyText(request),
      location: request.place ?? (request.mode === 'meeting' ? 'Microsoft Teams' : 'Telefonisch'),
      status: 'CONFIRMED',
      busyStatus: 'BUSY',
      classification: 'PRIVATE',
      sequence: 0,
      ...(request.organizer
        ? { organizer: { name: parameterText(request.organizer.name), email: request.organizer.email } }
        : {}),
      attendees: request.attendees.map((a) => ({
        name: parameterText(a.name),
        email: a.email,
        rsvp: true,
        partstat: 'NEEDS-ACTION' as const,
        role: a.optional ? ('OPT-PARTICIPANT' as const) : ('REQ-PARTICIPANT' as const),
      })),
    };
    const { error, value } = createEvent(event);
    if (error || !value)
      throw new PermanentOutboundError('createEvent', undefined, 'icsError', error?.message ?? 'no iCalendar output');
    await writeOnce(`${base}.ics`, value);
    const record: InviteRecord = {
      transactionId: request.transactionId,
      organizerId: request.organizerId,
      ...(request.organizer ? { organizerEmail: request.organizer.email } : {}),
      attendees: request.attendees.map((a) => ({ email: a.email, ...(a.optional ? { optional: true } : {}) })),
      start: new Date(request.start).toISOString(),
      end: new Date(request.end).toISOString(),
      subject: request.subject,
      mode: request.mode,
    };
    await writeOnce(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    return { eventId: request.transactionId };
  }

  async cancelEvent(
    _organizerId: string,
    eventId: string,
    comment: string,
    _options?: OutboundCallOptions,
  ): Promise<void> {
    if (!VALID_EVENT_ID.test(eventId)) throw new PermanentOutboundError('cancelEvent', 400, 'invalidEventId', eventId);
    const text = await readIfExists(path.join(this.dir, `${eventId}.json`));
    // Like Graph's 404 on an event that is gone: nothing to withdraw.
    if (text === undefined) return;
    const record = inviteRecordSchema.parse(JSON.parse(text));
    const cancel: EventAttributes = {
      uid: `${eventId}@klantsignaal`,
      productId: 'klantsignaal',
      method: 'CANCEL',
      start: Date.parse(record.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: Date.parse(record.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: record.subject ?? comment,
      description: comment,
      ...(record.mode ? { location: record.mode === 'meeting' ? 'Microsoft Teams' : 'Telefonisch' } : {}),
      status: 'CANCELLED',
      classification: 'PRIVATE',
      sequence: 1,
      ...(record.organizerEmail ? { organizer: { email: record.organizerEmail } } : {}),
      attendees: record.attendees.map((a) => ({
        email: a.email,
        role: a.optional ? ('OPT-PARTICIPANT' as const) : ('REQ-PARTICIPANT' as const),
      })),
    };
    const { error, value } = createEvent(cancel);
    if (error || !value)
      throw new PermanentOutboundError('cancelEvent', undefined, 'icsError', error?.message ?? 'no iCalendar output');
    await writeOnce(this.cancelFile(eventId), value);
  }

  async getEventResponse(_organizerId: string, eventId: string): Promise<EventResponse> {
    if (!VALID_EVENT_ID.test(eventId)) {
      throw new PermanentOutboundError('getEventResponse', 400, 'invalidEventId', eventId);
    }
    // Like Graph's 404 for a deleted meeting: the slot no longer stands.
    if ((await readIfExists(path.join(this.dir, `${eventId}.ics`))) === undefined) return 'declined';
    if (await this.isCancelled(eventId)) return 'declined';
    return this.responseOf(eventId);
  }

  /** Where the cancellation of this invitation is (or will be) written. */
  cancelFile(transactionId: string): string {
    return path.join(this.dir, `${transactionId}.cancel.ics`);
  }

  private async isCancelled(transactionId: string): Promise<boolean> {
    return (await readIfExists(this.cancelFile(transactionId))) !== undefined;
  }

  private async responseOf(transactionId: string): Promise<EventResponse> {
    const text = (await readIfExists(path.join(this.dir, `${transactionId}.response`)))?.trim();
    if (text === undefined || text === '') return 'accepted';
    const answer = RESPONSES.find((r) => r === text);
    if (!answer) {
      throw new PermanentOutboundError(
        'getEventResponse',
        undefined,
        'invalidResponseFile',
        `${transactionId}.response: "${text}"`,
      );
    }
    return answer;
  }

  private async readInvites(): Promise<InviteRecord[]> {
    const records: InviteRecord[] = [];
    for (const file of await listFiles(this.dir, '.json')) {
      const text = await readIfExists(file);
      if (text === undefined) continue;
      records.push(inviteRecordSchema.parse(JSON.parse(text)));
    }
    return records;
  }
}
