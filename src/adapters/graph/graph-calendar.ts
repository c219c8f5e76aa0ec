/**
 * Calendar on Microsoft Graph with application permissions.
 * - free/busy: POST /users/{id}/calendar/getSchedule (findMeetingTimes is delegated-only);
 * - invite:    POST /users/{organizer}/events with transactionId, so a retried create is one event;
 * - withdraw:  POST /users/{organizer}/events/{id}/cancel with a comment (Calendars.ReadWrite; only
 *   the organizer may cancel). Graph moves the event to Deleted Items, so a repeated cancel finds
 *   no event (404): that counts as done, which makes a retried cancel safe;
 * - answer:    GET  /users/{organizer}/events/{id}?$select=attendees,responseStatus,isCancelled.
 *   For an event the manager organizes, responseStatus is the organizer's own ('organizer'), so
 *   the answer that matters is in attendees[].status.response (Graph: "none" = not answered yet,
 *   from the organizer's view). We aggregate the required attendees; see Calendar.getEventResponse.
 */
import { DateTime } from 'luxon';
import {
  assertValidInvite,
  inviteBodyText,
  PermanentOutboundError,
  textToHtml,
  type BusyInterval,
  type BusyStatus,
  type Calendar,
  type ConversationInvite,
  type EventResponse,
  type OutboundCallOptions,
} from '../../app/outbound-ports';
import { callGraph, userSegment, type GraphConnection } from './graph-client';

/**
 * Graph's Windows name for the Amsterdam zone. Europe/Amsterdam is not in Graph's list of extra
 * IANA names for dateTimeTimeZone, so the Windows name is the safe one to write events in.
 */
export const GRAPH_AMSTERDAM_ZONE = 'W. Europe Standard Time';

interface GraphDateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

interface GraphScheduleItem {
  status?: string;
  start?: GraphDateTimeTimeZone;
  end?: GraphDateTimeTimeZone;
}

interface GraphScheduleInformation {
  scheduleId?: string;
  scheduleItems?: GraphScheduleItem[];
  error?: { message?: string; responseCode?: string };
}

interface GraphAttendee {
  type?: string;
  emailAddress?: { address?: string };
  status?: { response?: string };
}

interface GraphEvent {
  id?: string;
  /** Set on an online meeting: the Teams link to join it. */
  onlineMeeting?: { joinUrl?: string } | null;
  isCancelled?: boolean;
  responseStatus?: { response?: string };
  attendees?: GraphAttendee[];
}

const BLOCKING: Record<string, BusyStatus> = { busy: 'busy', tentative: 'tentative', oof: 'oof', unknown: 'unknown' };

/** Graph's getSchedule takes at most 62 days per request. */
const MAX_SCHEDULE_DAYS = 62;

/** Reads a Graph dateTimeTimeZone that we asked for in UTC (Prefer: outlook.timezone="UTC"). */
function instantOf(value: GraphDateTimeTimeZone): string {
  const zone =
    value.timeZone === GRAPH_AMSTERDAM_ZONE ? 'Europe/Amsterdam' : value.timeZone === 'UTC' ? 'utc' : value.timeZone;
  const dt = DateTime.fromISO(value.dateTime, { zone });
  if (!dt.isValid) throw new RangeError(`unreadable Graph time ${value.dateTime} ${value.timeZone}`);
  return dt.toUTC().toISO()!;
}

function utcWallTime(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss");
}

function amsterdamWallTime(iso: string): string {
  return DateTime.fromISO(iso).setZone('Europe/Amsterdam').toFormat("yyyy-LL-dd'T'HH:mm:ss");
}

export class GraphCalendar implements Calendar {
  constructor(private readonly connection: GraphConnection) {}

  async getFreeBusy(userIds: string[], fromIso: string, toIso: string): Promise<Map<string, BusyInterval[]>> {
    const result = new Map<string, BusyInterval[]>(userIds.map((id) => [id, []]));
    const [caller] = userIds;
    if (!caller) return result;
    const days = DateTime.fromISO(toIso).diff(DateTime.fromISO(fromIso), 'days').days;
    if (!(days > 0) || days > MAX_SCHEDULE_DAYS)
      throw new RangeError(`free/busy window must be 0-${MAX_SCHEDULE_DAYS} days`);

    const answer = await callGraph(
      this.connection,
      'getFreeBusy',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(caller)}/calendar/getSchedule`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .option('signal', signal)
          .post({
            schedules: userIds,
            startTime: { dateTime: utcWallTime(fromIso), timeZone: 'UTC' },
            endTime: { dateTime: utcWallTime(toIso), timeZone: 'UTC' },
            availabilityViewInterval: 30,
          }) as Promise<{ value?: GraphScheduleInformation[] }>,
    );

    for (const info of answer.value ?? []) {
      const id = userIds.find((u) => u.toLowerCase() === info.scheduleId?.toLowerCase());
      if (!id) continue;
      if (info.error) {
        // Planning on a schedule we could not read would offer slots that are not free.
        throw new PermanentOutboundError(
          'getFreeBusy',
          undefined,
          info.error.responseCode ?? 'scheduleError',
          `${id}: ${info.error.message ?? 'no free/busy'}`,
        );
      }
      const intervals = result.get(id)!;
      for (const item of info.scheduleItems ?? []) {
        const status = BLOCKING[item.status ?? 'unknown'];
        if (!status || !item.start || !item.end) continue;
        intervals.push({ start: instantOf(item.start), end: instantOf(item.end), status });
      }
    }
    return result;
  }

  async createEvent(
    request: ConversationInvite,
    options: OutboundCallOptions = {},
  ): Promise<{ eventId: string; joinUrl?: string }> {
    assertValidInvite(request);
    const online = request.mode === 'meeting' && !request.place;
    const event = {
      subject: request.subject,
      body: { contentType: 'HTML', content: textToHtml(inviteBodyText(request)) },
      start: { dateTime: amsterdamWallTime(request.start), timeZone: GRAPH_AMSTERDAM_ZONE },
      end: { dateTime: amsterdamWallTime(request.end), timeZone: GRAPH_AMSTERDAM_ZONE },
      attendees: request.attendees.map((a) => ({
        emailAddress: { address: a.email, name: a.name },
        type: a.optional ? 'optional' : 'required',
      })),
      // Complaints are personal: colleagues with calendar access see only "private appointment".
      sensitivity: 'private',
      showAs: 'busy',
      responseRequested: true,
      allowNewTimeProposals: false,
      isOnlineMeeting: online,
      ...(online
        ? { onlineMeetingProvider: 'teamsForBusiness' }
        : { location: { displayName: request.place ?? 'Telefonisch' } }),
      transactionId: request.transactionId,
    };
    const created = await callGraph(
      this.connection,
      'createEvent',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(request.organizerId)}/events`)
          .option('signal', signal)
          .post(event) as Promise<GraphEvent>,
      options,
    );
    if (!created.id) throw new Error('Graph created an event without an id');
    const joinUrl = created.onlineMeeting?.joinUrl;
    return { eventId: created.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  async cancelEvent(
    organizerId: string,
    eventId: string,
    comment: string,
    options: OutboundCallOptions = {},
  ): Promise<void> {
    try {
      await callGraph(
        this.connection,
        'cancelEvent',
        (signal) =>
          this.connection.client
            .api(`/users/${userSegment(organizerId)}/events/${encodeURIComponent(eventId)}/cancel`)
            .option('signal', signal)
            .post({ comment }) as Promise<unknown>,
        options,
      );
    } catch (error) {
      // Cancelled before (moved to Deleted Items) or deleted by the manager: nothing left to withdraw.
      if (error instanceof PermanentOutboundError && error.status === 404) return;
      throw error;
    }
  }

  async getEventResponse(organizerId: string, eventId: string): Promise<EventResponse> {
    let event: GraphEvent;
    try {
      event = await callGraph(
        this.connection,
        'getEventResponse',
        (signal) =>
          this.connection.client
            .api(`/users/${userSegment(organizerId)}/events/${encodeURIComponent(eventId)}`)
            .select(['attendees', 'responseStatus', 'isCancelled'])
            .option('signal', signal)
            .get() as Promise<GraphEvent>,
      );
    } catch (error) {
      // The manager deleted the meeting from the calendar: the slot no longer stands, re-plan.
      if (error instanceof PermanentOutboundError && error.status === 404) return 'declined';
      throw error;
    }
    return aggregateResponse(event);
  }
}

/** One answer for the whole invite, from the required attendees' point of view. */
export function aggregateResponse(event: GraphEvent): EventResponse {
  if (event.isCancelled) return 'declined';
  const required = (event.attendees ?? []).filter((a) => a.type !== 'optional' && a.type !== 'resource');
  const answers = required.map((a) => a.status?.response ?? 'none');
  if (answers.length === 0) {
    const own = event.responseStatus?.response;
    return own === 'accepted' || own === 'tentativelyAccepted' || own === 'declined' || own === 'notResponded'
      ? own
      : 'none';
  }
  if (answers.includes('declined')) return 'declined';
  if (answers.every((a) => a === 'accepted')) return 'accepted';
  // Partly accepted is still waiting: only a full yes settles the slot.
  if (answers.includes('tentativelyAccepted')) return 'tentativelyAccepted';
  return 'none';
}
