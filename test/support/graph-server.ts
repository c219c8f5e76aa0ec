/**
 * A local stand-in for Microsoft Graph v1.0, for tests. It receives the real Graph client's requests
 * (the client keeps https://graph.microsoft.com and a rewriting middleware sends them here, so the
 * bearer token is attached as in production), checks the token, validates each body against Graph's
 * documented shape with zod, and answers like Graph: 200 getSchedule, 201 event, 202 sendMail,
 * 202 event cancel, 204 sendActivityNotification. Shape errors get 400 and are listed in `violations`.
 *
 * Graph is strict about unknown properties ("property does not exist on type"), so are the schemas.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/** Time zones Graph accepts in dateTimeTimeZone that these tests may meet (Windows names + Graph's extra IANA list). */
const KNOWN_TIME_ZONES = new Set([
  'UTC',
  'W. Europe Standard Time',
  'Romance Standard Time',
  'GMT Standard Time',
  'Pacific Standard Time',
  'Etc/GMT',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Budapest',
  'Europe/Warsaw',
]);

/** Graph's dateTime is a wall-clock time without offset, e.g. 2017-08-29T04:00:00.0000000. */
const dateTimeTimeZone = z.strictObject({
  dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/, 'dateTime without offset'),
  timeZone: z.string().refine((zone) => KNOWN_TIME_ZONES.has(zone), 'unknown timeZone'),
});

const emailAddress = z.strictObject({ address: z.email(), name: z.string().optional() });
const itemBody = z.strictObject({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() });

export const getScheduleSchema = z
  .strictObject({
    schedules: z.array(z.email()).min(1).max(100),
    startTime: dateTimeTimeZone,
    endTime: dateTimeTimeZone,
    availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
  })
  .refine(
    (b) => b.startTime.dateTime < b.endTime.dateTime || b.startTime.timeZone !== b.endTime.timeZone,
    'endTime before startTime',
  );

export const eventSchema = z
  .strictObject({
    subject: z.string().min(1),
    body: itemBody,
    start: dateTimeTimeZone,
    end: dateTimeTimeZone,
    attendees: z.array(z.strictObject({ emailAddress, type: z.enum(['required', 'optional', 'resource']) })),
    isOnlineMeeting: z.boolean().optional(),
    onlineMeetingProvider: z.enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown']).optional(),
    location: z.strictObject({ displayName: z.string() }).optional(),
    sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
    showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
    responseRequested: z.boolean().optional(),
    allowNewTimeProposals: z.boolean().optional(),
    // Optional in Graph; required by Klantsignaal's contract (no duplicate invitations).
    transactionId: z.string().min(1),
  })
  .refine(
    (e) => !e.onlineMeetingProvider || e.isOnlineMeeting === true,
    'onlineMeetingProvider without isOnlineMeeting',
  );

const recipient = z.strictObject({ emailAddress });

/** Under 3 MB per file inline (larger ones need an upload session on a draft). */
const MAX_INLINE_ATTACHMENT_BYTES = 3 * 1024 * 1024;
/** Graph refuses a larger request with 413 "The maximum request length supported is 4MB". */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** A file sent inline with the message: name and base64 contentBytes required, contentType optional. */
const fileAttachment = z.strictObject({
  '@odata.type': z.literal('#microsoft.graph.fileAttachment'),
  name: z.string().min(1),
  contentBytes: z
    .base64()
    .refine((bytes) => Buffer.from(bytes, 'base64').length < MAX_INLINE_ATTACHMENT_BYTES, 'attachment of 3 MB or more'),
  contentType: z.string().min(1).optional(),
  isInline: z.boolean().optional(),
  contentId: z.string().optional(),
});

export const sendMailSchema = z.strictObject({
  message: z.strictObject({
    subject: z.string().min(1),
    body: itemBody,
    toRecipients: z.array(recipient).min(1),
    ccRecipients: z.array(recipient).optional(),
    internetMessageHeaders: z
      .array(z.strictObject({ name: z.string().regex(/^x-/i, 'custom headers must start with X-'), value: z.string() }))
      .optional(),
    attachments: z.array(fileAttachment).optional(),
  }),
  saveToSentItems: z.boolean().optional(),
});

export const activityNotificationSchema = z
  .strictObject({
    topic: z.strictObject({
      source: z.enum(['entityUrl', 'text']),
      value: z.string().min(1),
      webUrl: z.url().optional(),
    }),
    activityType: z.string().min(1),
    chainId: z.number().int().positive().optional(),
    previewText: z.strictObject({ content: z.string().max(150) }),
    templateParameters: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
    teamsAppId: z.string().optional(),
    iconId: z.string().optional(),
  })
  .refine(
    (n) => n.topic.source !== 'text' || n.topic.webUrl !== undefined,
    'topic.webUrl is required when source is text',
  )
  .refine(
    (n) =>
      n.activityType !== 'systemDefault' || (n.templateParameters ?? []).some((p) => p.name === 'systemDefaultText'),
    'systemDefault needs the systemDefaultText template parameter',
  );

/**
 * POST /users/{organizer}/events/{id}/cancel (Graph's `event: cancel`): one optional parameter,
 * `comment`, the message the attendees get with the cancellation. Only the organizer may cancel.
 */
export const cancelEventSchema = z.strictObject({ comment: z.string().optional() });

/** POST /users/{id}/checkMemberGroups: group object ids, at most 20 per request. */
export const checkMemberGroupsSchema = z.strictObject({ groupIds: z.array(z.guid()).min(1).max(20) });

/** A user of the Entra ID stand-in. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  mail?: string;
  userPrincipalName: string;
}

/** User properties a $select may name here (part of Graph's user resource); others get 400 like Graph. */
const USER_PROPERTIES = new Set(['id', 'displayName', 'mail', 'userPrincipalName', 'givenName', 'surname', 'jobTitle']);

/** Graph's page size for directory lists without $top, and the largest $top it accepts. */
const DIRECTORY_DEFAULT_PAGE = 100;
const DIRECTORY_MAX_PAGE = 999;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface BusyEntry {
  schedule: string;
  /** ISO instants. */
  start: string;
  end: string;
  status?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
}

export interface StoredEvent {
  id: string;
  organizer: string;
  transactionId: string;
  body: z.infer<typeof eventSchema>;
  isCancelled: boolean;
  responses: Map<string, string>;
}

/** An event withdrawn with `event: cancel`, as the attendees would receive it. */
export interface Cancellation {
  organizer: string;
  eventId: string;
  comment: string | undefined;
}

/** A fault for the next request, or (with `path`) the next request whose path contains it. */
type Fault = ({ kind: 'status'; status: number; retryAfterSeconds?: number } | { kind: 'slow'; delayMs: number }) & {
  path?: string;
};

/** Limits an injected fault to requests whose path contains `path` (e.g. '/cancel'). */
export interface FaultFilter {
  path?: string;
}

export interface GraphServerOptions {
  /** The bearer token the test's credential hands out. */
  token: string;
  /** The Teams app's declared activity types; default: manifest/manifest.json's. */
  activityTypes?: readonly DeclaredActivityType[];
}

export interface DeclaredActivityType {
  type: string;
  templateText: string;
}

/** The activity types the app package declares, as Graph knows them once the app is installed. */
function manifestActivityTypes(): DeclaredActivityType[] {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../manifest/manifest.json'), 'utf8')) as {
    activities?: { activityTypes?: DeclaredActivityType[] };
  };
  return manifest.activities?.activityTypes ?? [];
}

export class GraphTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly events = new Map<string, StoredEvent>();
  readonly mails: z.infer<typeof sendMailSchema>[] = [];
  /** Events withdrawn with `event: cancel`, in order (the event itself stays, isCancelled). */
  readonly cancellations: Cancellation[] = [];
  /** Activity notifications by user and chainId: a repeated chainId replaces the earlier one. */
  readonly notifications = new Map<string, z.infer<typeof activityNotificationSchema>>();
  busy: BusyEntry[] = [];
  /** Entra ID: users by object id; groups by object id with their direct members (user or group ids). */
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, string[]>();
  /** The most members one page holds, whatever $top asks (Graph may return fewer than $top). */
  memberPageSize = DIRECTORY_MAX_PAGE;
  private readonly skipTokens = new Map<string, number>();

  private readonly faults: Fault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: http.Server | undefined;
  private nextEventNumber = 1;

  private constructor(private readonly options: GraphServerOptions) {}

  /**
   * Graph's rule for activityType: declared in the app manifest (except the reserved
   * systemDefault), and the templateParameters fill that declaration's `{parameters}`: each one,
   * and no other.
   */
  private activityTypeProblem(data: z.infer<typeof activityNotificationSchema>): string | undefined {
    if (data.activityType === 'systemDefault') return undefined;
    const declared = (this.options.activityTypes ?? manifestActivityTypes()).find((a) => a.type === data.activityType);
    if (!declared) return `activityType ${data.activityType} is not declared in the app manifest`;
    const expected = [...new Set([...declared.templateText.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))].sort();
    const given = (data.templateParameters ?? []).map((p) => p.name).sort();
    return expected.join(',') === given.join(',')
      ? undefined
      : `activityType ${data.activityType} takes template parameters {${expected.join(', ')}}, got {${given.join(', ')}}`;
  }

  static async start(options: GraphServerOptions): Promise<GraphTestServer> {
    const graph = new GraphTestServer(options);
    const server = http.createServer((req, res) => {
      graph.handle(req, res).catch((error: unknown) => {
        graph.violations.push(`server error: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) {
          res.writeHead(500);
          res.end();
        }
      });
    });
    graph.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return graph;
  }

  get origin(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** The next `count` requests (only those matching `filter`) get this status, with Retry-After when given. */
  failNext(count: number, status: number, retryAfterSeconds?: number, filter: FaultFilter = {}): void {
    for (let i = 0; i < count; i += 1)
      this.faults.push({
        kind: 'status',
        status,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...(filter.path !== undefined ? { path: filter.path } : {}),
      });
  }

  /** The next `count` requests (only those matching `filter`) are answered only after `delayMs`. */
  slowNext(count: number, delayMs: number, filter: FaultFilter = {}): void {
    for (let i = 0; i < count; i += 1)
      this.faults.push({ kind: 'slow', delayMs, ...(filter.path !== undefined ? { path: filter.path } : {}) });
  }

  /** An attendee answers the invitation (what Exchange records when the reply arrives). */
  respond(eventId: string, email: string, response: 'accepted' | 'tentativelyAccepted' | 'declined'): void {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    event.responses.set(email.toLowerCase(), response);
  }

  /** The organizer deletes the meeting from the calendar. */
  deleteEvent(eventId: string): void {
    this.events.delete(eventId);
  }

  requestsTo(pathPart: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(pathPart));
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    this.faults.length = 0;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://graph.local');
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (data += chunk));
      req.on('end', () => resolve(data));
    });
    let body: unknown = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        ...(text ? { 'Content-Type': 'application/json' } : {}),
        'request-id': `req-${this.requests.length}`,
        ...headers,
      });
      res.end(text);
    };

    const faultIndex = this.faults.findIndex((f) => f.path === undefined || url.pathname.includes(f.path));
    const fault = faultIndex < 0 ? undefined : this.faults.splice(faultIndex, 1)[0];
    if (fault?.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, fault.delayMs);
        this.timers.add(timer);
      });
      // A client that gave up still had its request processed, as with real Graph: this is the
      // case transactionId exists for.
    } else if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      const code = fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
      send(fault.status, graphError(code, 'Injected fault'), headers);
      return;
    }

    if (Buffer.byteLength(raw) > MAX_REQUEST_BYTES) {
      this.violations.push(`${record.method} ${record.path}: request of ${Buffer.byteLength(raw)} bytes`);
      send(413, graphError('RequestEntityTooLarge', 'The maximum request length supported is 4MB.'));
      return;
    }

    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      this.violations.push(`${record.method} ${record.path}: missing or wrong bearer token`);
      send(401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
      return;
    }

    const route = this.route(record.method, url.pathname);
    if (!route) {
      send(404, graphError('ResourceNotFound', `No route ${record.method} ${url.pathname}`));
      return;
    }
    const validate = <T>(schema: z.ZodType<T>): T | undefined => {
      const parsed = schema.safeParse(body);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        this.violations.push(`${record.method} ${record.path}: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
      }
      send(
        400,
        graphError('BadRequest', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
      );
      return undefined;
    };

    const refuse = (problem: string, code = 'BadRequest'): void => {
      this.violations.push(`${record.method} ${record.path}: ${problem}`);
      send(400, graphError(code, problem));
    };

    switch (route.name) {
      case 'getSchedule': {
        const data = validate(getScheduleSchema);
        if (data) send(200, this.schedule(data));
        return;
      }
      case 'createEvent': {
        const data = validate(eventSchema);
        if (data) send(201, this.createEvent(route.user, data));
        return;
      }
      case 'getEvent': {
        const event = this.events.get(route.eventId);
        if (!event || event.organizer !== route.user.toLowerCase()) {
          send(404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
          return;
        }
        send(200, selectFields(this.eventView(event), url.searchParams.get('$select')));
        return;
      }
      case 'cancelEvent': {
        const data = validate(cancelEventSchema);
        if (!data) return;
        const event = this.events.get(route.eventId);
        if (event && event.organizer !== route.user.toLowerCase()) {
          // The event id belongs to the organizer's mailbox; in anyone else's it is not found.
          this.violations.push(`${record.method} ${record.path}: cancel outside the organizer's mailbox`);
        }
        // Cancelled before (Graph moved it to Deleted Items), deleted by the manager, or never there.
        if (!event || event.isCancelled || event.organizer !== route.user.toLowerCase()) {
          send(404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
          return;
        }
        event.isCancelled = true;
        this.cancellations.push({ organizer: event.organizer, eventId: event.id, comment: data.comment });
        send(202);
        return;
      }
      case 'sendMail': {
        const data = validate(sendMailSchema);
        if (data) {
          this.mails.push(data);
          send(202);
        }
        return;
      }
      case 'sendActivityNotification': {
        const data = validate(activityNotificationSchema);
        const problem = data && this.activityTypeProblem(data);
        if (problem) return refuse(problem);
        if (data) {
          const key = `${route.user.toLowerCase()}|${data.chainId ?? `unchained-${this.requests.length}`}`;
          this.notifications.set(key, data);
          send(204);
        }
        return;
      }
      case 'checkMemberGroups': {
        const data = validate(checkMemberGroupsSchema);
        if (!data) return;
        const user = this.findUser(route.user);
        if (!user) return send(404, userNotFound(route.user));
        const memberOf = data.groupIds.filter((groupId) => this.transitiveUsers(groupId).some((u) => u.id === user.id));
        send(200, { '@odata.context': `${GRAPH_METADATA}#Collection(Edm.String)`, value: memberOf });
        return;
      }
      case 'getUser': {
        const select = url.searchParams.get('$select');
        const problem = unknownProperty(select);
        if (problem) return refuse(problem);
        const user = this.findUser(route.user);
        if (!user) return send(404, userNotFound(route.user));
        send(200, { '@odata.context': `${GRAPH_METADATA}#users/$entity`, ...selectFields({ ...user }, select) });
        return;
      }
      case 'listTransitiveUsers': {
        // The OData cast is an advanced query: without both of these, Graph refuses it.
        if (req.headers.consistencylevel !== 'eventual' || url.searchParams.get('$count') !== 'true') {
          return refuse(
            'an OData cast needs the ConsistencyLevel: eventual header and $count=true',
            'Request_UnsupportedQuery',
          );
        }
        const select = url.searchParams.get('$select');
        const problem = unknownProperty(select);
        if (problem) return refuse(problem);
        const top = url.searchParams.get('$top');
        if (top !== null && !(/^\d+$/.test(top) && Number(top) >= 1 && Number(top) <= DIRECTORY_MAX_PAGE)) {
          return refuse(`$top must be 1-${DIRECTORY_MAX_PAGE}`);
        }
        const token = url.searchParams.get('$skiptoken');
        const offset = token === null ? 0 : this.skipTokens.get(token);
        if (offset === undefined) return refuse('unknown $skiptoken');
        if (!this.groups.has(route.group)) {
          return send(404, graphError('Request_ResourceNotFound', `Resource '${route.group}' does not exist.`));
        }
        const members = this.transitiveUsers(route.group);
        const size = Math.min(top === null ? DIRECTORY_DEFAULT_PAGE : Number(top), this.memberPageSize);
        const page = members.slice(offset, offset + size);
        const body: Record<string, unknown> = {
          '@odata.context': `${GRAPH_METADATA}#users${select ? `(${select})` : ''}`,
          '@odata.count': members.length,
          value: page.map((user) => selectFields({ ...user }, select)),
        };
        if (offset + size < members.length) {
          const next = `page-${this.skipTokens.size + 1}-RFNwdAIAAQAAAAsA`;
          this.skipTokens.set(next, offset + size);
          // Like Graph: the same query again, plus the skip token.
          const query = url.search
            .slice(1)
            .split('&')
            .filter((part) => !/^(\$|%24)skiptoken=/i.test(part));
          body['@odata.nextLink'] =
            `https://graph.microsoft.com${url.pathname}?${[...query, `$skiptoken=${next}`].join('&')}`;
        }
        send(200, body);
        return;
      }
    }
  }

  private findUser(idOrUpn: string): DirectoryUser | undefined {
    const wanted = idOrUpn.toLowerCase();
    return [...this.users.values()].find(
      (user) => user.id.toLowerCase() === wanted || user.userPrincipalName.toLowerCase() === wanted,
    );
  }

  /** The users among a group's direct and nested members, each once. */
  private transitiveUsers(groupId: string): DirectoryUser[] {
    const found = new Map<string, DirectoryUser>();
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const member of this.groups.get(id) ?? []) {
        const user = this.users.get(member);
        if (user) found.set(user.id, user);
        else visit(member);
      }
    };
    visit(groupId);
    return [...found.values()];
  }

  private route(
    method: string,
    pathname: string,
  ):
    | {
        name: 'getSchedule' | 'createEvent' | 'sendMail' | 'sendActivityNotification' | 'checkMemberGroups' | 'getUser';
        user: string;
      }
    | { name: 'getEvent' | 'cancelEvent'; user: string; eventId: string }
    | { name: 'listTransitiveUsers'; group: string }
    | undefined {
    const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (
      method === 'GET' &&
      parts.length === 5 &&
      parts[0] === 'v1.0' &&
      parts[1] === 'groups' &&
      parts[3]?.toLowerCase() === 'transitivemembers' &&
      parts[4] === 'microsoft.graph.user'
    )
      return { name: 'listTransitiveUsers', group: parts[2] as string };
    if (parts[0] !== 'v1.0' || parts[1] !== 'users' || !parts[2]) return undefined;
    const user = parts[2];
    const rest = parts.slice(3).join('/');
    if (method === 'POST' && rest.toLowerCase() === 'calendar/getschedule') return { name: 'getSchedule', user };
    if (method === 'POST' && rest === 'events') return { name: 'createEvent', user };
    if (method === 'GET' && parts[3] === 'events' && parts[4] && parts.length === 5)
      return { name: 'getEvent', user, eventId: parts[4] };
    if (
      method === 'POST' &&
      parts[3] === 'events' &&
      parts[4] &&
      parts[5]?.toLowerCase() === 'cancel' &&
      parts.length === 6
    )
      return { name: 'cancelEvent', user, eventId: parts[4] };
    if (method === 'POST' && rest === 'sendMail') return { name: 'sendMail', user };
    if (method === 'POST' && rest === 'teamwork/sendActivityNotification')
      return { name: 'sendActivityNotification', user };
    if (method === 'GET' && parts.length === 3) return { name: 'getUser', user };
    if (method === 'POST' && rest.toLowerCase() === 'checkmembergroups') return { name: 'checkMemberGroups', user };
    return undefined;
  }

  private schedule(request: z.infer<typeof getScheduleSchema>): unknown {
    const from = toInstant(request.startTime);
    const to = toInstant(request.endTime);
    const interval = request.availabilityViewInterval ?? 30;
    const weight: Record<string, string> = {
      free: '0',
      workingElsewhere: '0',
      tentative: '1',
      busy: '2',
      oof: '3',
      unknown: '2',
    };
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
      value: request.schedules.map((schedule) => {
        const items = this.busy.filter(
          (b) =>
            b.schedule.toLowerCase() === schedule.toLowerCase() && Date.parse(b.start) < to && Date.parse(b.end) > from,
        );
        let view = '';
        for (let t = from; t < to; t += interval * 60_000) {
          const hit = items.find((b) => Date.parse(b.start) < t + interval * 60_000 && Date.parse(b.end) > t);
          view += hit ? (weight[hit.status ?? 'busy'] ?? '2') : '0';
        }
        return {
          scheduleId: schedule,
          availabilityView: view,
          scheduleItems: items.map((b) => ({
            isPrivate: false,
            status: b.status ?? 'busy',
            start: { dateTime: utcWall(b.start), timeZone: 'UTC' },
            end: { dateTime: utcWall(b.end), timeZone: 'UTC' },
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:00:00.0000000',
            endTime: '17:00:00.0000000',
            timeZone: { name: 'W. Europe Standard Time' },
          },
        };
      }),
    };
  }

  private createEvent(user: string, body: z.infer<typeof eventSchema>): unknown {
    const organizer = user.toLowerCase();
    // Like Graph: a create with a transactionId already used by this organizer is the same event.
    const existing = [...this.events.values()].find(
      (e) => e.organizer === organizer && e.transactionId === body.transactionId,
    );
    const event =
      existing ??
      ((): StoredEvent => {
        const created: StoredEvent = {
          id: `AAMkAG-event-${this.nextEventNumber++}`,
          organizer,
          transactionId: body.transactionId,
          body,
          isCancelled: false,
          responses: new Map(),
        };
        this.events.set(created.id, created);
        return created;
      })();
    return this.eventView(event);
  }

  private eventView(event: StoredEvent): Record<string, unknown> {
    return {
      id: event.id,
      subject: event.body.subject,
      start: event.body.start,
      end: event.body.end,
      isOnlineMeeting: event.body.isOnlineMeeting ?? false,
      onlineMeetingProvider: event.body.onlineMeetingProvider ?? 'unknown',
      // As Graph: an online meeting's event carries its join link; other events null.
      onlineMeeting: event.body.isOnlineMeeting
        ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${event.id}%40thread.v2/0` }
        : null,
      isCancelled: event.isCancelled,
      transactionId: event.transactionId,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      attendees: event.body.attendees.map((a) => ({
        type: a.type,
        emailAddress: a.emailAddress,
        status: {
          response: event.responses.get(a.emailAddress.address.toLowerCase()) ?? 'none',
          time: '0001-01-01T00:00:00Z',
        },
      })),
    };
  }
}

const GRAPH_METADATA = 'https://graph.microsoft.com/v1.0/$metadata';

function userNotFound(user: string): unknown {
  return graphError(
    'Request_ResourceNotFound',
    `Resource '${user}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** Graph refuses a $select naming a property the resource does not have. */
function unknownProperty(select: string | null): string | undefined {
  const unknown = (select ?? '')
    .split(',')
    .map((name) => name.trim())
    .find((name) => name !== '' && !USER_PROPERTIES.has(name));
  return unknown && `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`;
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { 'request-id': 'test', date: new Date().toISOString() } } };
}

function selectFields(view: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return view;
  const wanted = new Set(['id', ...select.split(',').map((s) => s.trim())]);
  return Object.fromEntries(Object.entries(view).filter(([key]) => wanted.has(key)));
}

/** Only the zones this stand-in needs to do arithmetic in. */
function toInstant(value: { dateTime: string; timeZone: string }): number {
  if (value.timeZone === 'UTC' || value.timeZone === 'Etc/GMT') return Date.parse(`${value.dateTime.slice(0, 19)}Z`);
  throw new Error(`graph-server: getSchedule in ${value.timeZone} is not simulated; send UTC`);
}

function utcWall(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}.0000000`;
}
