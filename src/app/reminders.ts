/**
 * The reminder sweep: finds due reminders and sends each one once.
 *
 * Exactly once, as the user needs it ("once, never twice"):
 * 1. A store lease (`reminder-sweep`) lets one instance sweep at a time; it is renewed while sending
 *    and released at the end (and by stop()).
 * 2. Every delivery (a reminder point for one person) has a deterministic id and is CLAIMED in the
 *    store (an atomic conditional create) before anything is sent, and marked SENT after. A claim
 *    that exists in any state is never sent again, so two sweepers that both get past the lease
 *    (e.g. one paused beyond the lease's expiry) still send once.
 * 3. A crash between claim and record leaves the claim. We choose AT-MOST-ONCE: such a claim is not
 *    resent, because we cannot know whether Teams delivered it, and a second reminder is what the
 *    user asked us never to produce. After `staleClaimMinutes` it is marked 'unconfirmed' and logged
 *    (ops can look). Only outcomes we know delivered nothing are retried: the connector answered with
 *    a refusal (4xx/5xx after the SDK's own retries), or the failure happened before the send began.
 *    Teams' own 429 handling (Retry-After) happens inside the sender, before any outcome is decided.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';
import { dueAnalysisPoints, type AnalysisReminderPoint } from '../domain/analysis-reminders';
import { mayViewAnalysis, reportYearFor, type AnnualAnalysis } from '../domain/analysis-workflow';
import { openDeadlineState, type DeadlineSettings } from '../domain/deadlines';
import type { Clock } from '../domain/clock';
import type { Person } from '../domain/organisation';
import {
  AUDIENCES,
  DEFAULT_REMINDER_RULES,
  dueInstant,
  dueReminders,
  hasCommitments,
  lookaheadDays,
  nextMeasurePointAfter,
  reminderPoints,
  weeklyDueAt,
  type Recipient,
  type ReminderPlan,
  type ReminderPoint,
  type ReminderRules,
} from '../domain/reminders';
import { dutyReminderPoints, isMelding } from '../domain/reporting-duty';
import type { PersonRef, Signal } from '../domain/signal';
import { nlReminders } from '../i18n/nl-reminders';
import type { Logger } from '../logging';
import type { ActivityNotice, Notifier } from './outbound-ports';
import { PermanentOutboundError, TemporarilyUnavailableError } from './outbound-ports';
import type { AnalysisStore } from './annual-analysis';
import type { Directory, SignalStore } from './ports';
import {
  personKey,
  type DeliveryRecord,
  type DigestLocation,
  type OutgoingMessage,
  type ProactiveSender,
  type ReminderStore,
  type StoredConversation,
} from './reminder-ports';

// ---- settings -------------------------------------------------------------------------------

const offsets = z.array(z.number().int().min(0).max(30)).max(10);
const audience = z.array(z.enum(AUDIENCES)).min(1);
const advance = z.object({ workingDaysBefore: offsets, audience });

export const reminderSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Seconds between sweeps; a demo may shorten it (e.g. 30). */
    intervalSeconds: z.number().int().min(1).max(86_400).default(300),
    /** How long a sweeper's lease lasts without renewal. Default: twice the interval, at least 2 min. */
    leaseTtlSeconds: z.number().int().min(5).max(86_400).optional(),
    /** A claim older than this without a "sent" record is marked unconfirmed (never resent). */
    staleClaimMinutes: z.number().int().min(1).max(10_080).default(15),
    /** Refusals by the connector before a delivery is given up. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /**
     * Someone who never opened the bot has no chat to post in: 'feed' sends the reminder to their
     * activity feed (Graph) or the local outbox instead; 'wait' keeps it due until they open the chat
     * (the Playground demo, where nobody reads the local outbox).
     */
    withoutConversation: z.enum(['feed', 'wait']).default('feed'),
    /** Deliveries in flight at once; the sender's rate limiter does the pacing. */
    sendConcurrency: z.number().int().min(1).max(64).default(8),
    rules: z
      .object({
        sendHour: z.number().int().min(0).max(23),
        confirmation: z.object({ lastWorkingDays: z.number().int().min(0).max(5), audience }),
        conversation: advance,
        settle: advance,
        answer: advance,
        measure: advance,
        missed: z.object({ audience }),
      })
      .default(DEFAULT_REMINDER_RULES),
    digest: z
      .object({
        enabled: z.boolean(),
        /** ISO weekday (1 = Monday); the first working day from then on, at rules.sendHour. */
        weekday: z.number().int().min(1).max(5),
        /** Overdue references listed per location. */
        maxReferencesPerLocation: z.number().int().min(0).max(50),
      })
      .default({ enabled: true, weekday: 1, maxReferencesPerLocation: 5 }),
  })
  .transform((settings) => ({
    ...settings,
    leaseTtlSeconds: settings.leaseTtlSeconds ?? Math.max(120, settings.intervalSeconds * 2),
  }));

export type ReminderSettings = z.output<typeof reminderSettingsSchema>;
export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = reminderSettingsSchema.parse({});

export class ReminderSettingsError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid reminder settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ReminderSettingsError';
  }
}

/** Validates settings given in code (tests, the composition root); throws ReminderSettingsError. */
export function parseReminderSettings(input: ReminderSettingsInput): ReminderSettings {
  const parsed = reminderSettingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ReminderSettingsError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

const ENV_NUMBER = /^\d+$/;
const ENV_LIST = /^\s*\d+(\s*,\s*\d+)*\s*$|^\s*$/;

/**
 * Reads REMINDER_* variables (all optional):
 *   REMINDERS_ENABLED=true|false, REMINDER_INTERVAL_SECONDS=300, REMINDER_LEASE_TTL_SECONDS,
 *   REMINDER_STALE_CLAIM_MINUTES=15, REMINDER_MAX_ATTEMPTS=5, REMINDER_SEND_CONCURRENCY=8,
 *   REMINDER_WITHOUT_CONVERSATION=feed|wait,
 *   REMINDER_SEND_HOUR=8, REMINDER_CONFIRMATION_LAST_WORKING_DAYS=2,
 *   REMINDER_CONVERSATION_DAYS=3, REMINDER_SETTLE_DAYS=10,5,2, REMINDER_ANSWER_DAYS=2,
 *   REMINDER_MEASURE_DAYS=5,0 (working days before),
 *   REMINDER_AUDIENCE_{CONFIRMATION,CONVERSATION,SETTLE,ANSWER,MEASURE,MISSED}=owner,quality,...
 *   REMINDER_DIGEST_ENABLED=true, REMINDER_DIGEST_WEEKDAY=1.
 */
export function reminderSettingsFromEnv(env: Record<string, string | undefined>): ReminderSettings {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!ENV_NUMBER.test(value)) problems.push(`${name}: not a whole number`);
    return Number(value);
  };
  const list = (name: string, fallback: number[]): number[] => {
    const value = env[name];
    if (value === undefined) return fallback;
    if (!ENV_LIST.test(value)) problems.push(`${name}: expected comma-separated whole numbers`);
    return value.trim() === '' ? [] : value.split(',').map((part) => Number(part.trim()));
  };
  const flag = (name: string): boolean | undefined => {
    const value = text(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (!['true', 'false', '1', '0', 'yes', 'no'].includes(value)) problems.push(`${name}: expected true or false`);
    return ['true', '1', 'yes'].includes(value);
  };
  const audiences = (name: string, fallback: readonly string[]): string[] =>
    text(name)
      ?.split(',')
      .map((part) => part.trim()) ?? [...fallback];
  const defaults = DEFAULT_REMINDER_RULES;
  const input = {
    enabled: flag('REMINDERS_ENABLED'),
    intervalSeconds: number('REMINDER_INTERVAL_SECONDS'),
    leaseTtlSeconds: number('REMINDER_LEASE_TTL_SECONDS'),
    staleClaimMinutes: number('REMINDER_STALE_CLAIM_MINUTES'),
    maxAttempts: number('REMINDER_MAX_ATTEMPTS'),
    sendConcurrency: number('REMINDER_SEND_CONCURRENCY'),
    withoutConversation: text('REMINDER_WITHOUT_CONVERSATION'),
    rules: {
      sendHour: number('REMINDER_SEND_HOUR') ?? defaults.sendHour,
      confirmation: {
        lastWorkingDays: number('REMINDER_CONFIRMATION_LAST_WORKING_DAYS') ?? defaults.confirmation.lastWorkingDays,
        audience: audiences('REMINDER_AUDIENCE_CONFIRMATION', defaults.confirmation.audience),
      },
      conversation: {
        workingDaysBefore: list('REMINDER_CONVERSATION_DAYS', defaults.conversation.workingDaysBefore),
        audience: audiences('REMINDER_AUDIENCE_CONVERSATION', defaults.conversation.audience),
      },
      settle: {
        workingDaysBefore: list('REMINDER_SETTLE_DAYS', defaults.settle.workingDaysBefore),
        audience: audiences('REMINDER_AUDIENCE_SETTLE', defaults.settle.audience),
      },
      answer: {
        workingDaysBefore: list('REMINDER_ANSWER_DAYS', defaults.answer.workingDaysBefore),
        audience: audiences('REMINDER_AUDIENCE_ANSWER', defaults.answer.audience),
      },
      measure: {
        workingDaysBefore: list('REMINDER_MEASURE_DAYS', defaults.measure.workingDaysBefore),
        audience: audiences('REMINDER_AUDIENCE_MEASURE', defaults.measure.audience),
      },
      missed: { audience: audiences('REMINDER_AUDIENCE_MISSED', defaults.missed.audience) },
    },
    digest: {
      enabled: flag('REMINDER_DIGEST_ENABLED') ?? true,
      weekday: number('REMINDER_DIGEST_WEEKDAY') ?? 1,
      maxReferencesPerLocation: 5,
    },
  };
  if (problems.length > 0) throw new ReminderSettingsError(problems);
  const cleaned = JSON.parse(JSON.stringify(input)) as ReminderSettingsInput; // drops undefined
  return parseReminderSettings(cleaned);
}

// ---- dependencies ---------------------------------------------------------------------------

export interface ReminderDeps {
  signals: SignalStore;
  reminders: ReminderStore;
  /** The yearly analyses, for the GGD deadline and the analysis's measures; absent: none reminded. */
  analyses?: Pick<AnalysisStore, 'get'>;
  directory: Directory;
  sender: ProactiveSender;
  /** Activity feed (Graph) or the local JSONL outbox: fallback for unreachable people. */
  notifier: Notifier;
  /** Also post every reminder to the activity feed (true when Graph is configured). */
  activityFeed: boolean;
  clock: Clock;
  deadlines: DeadlineSettings;
  settings: ReminderSettings;
  logger: Logger;
  /** Teams deep links the activity feed notices open (to the bot chat / the signal). */
  links: { signal(signalId: string): string; chat(): string };
  /** This instance's lease holder name; a random one when absent. */
  holder?: string;
  /** Test seam: runs after a successful Teams send and before it is recorded (crash simulation). */
  afterSend?: (deliveryId: string) => void | Promise<void>;
}

export interface SweepReport {
  skipped?: 'leaseHeld' | 'disabled';
  /** Deliveries due and not yet recorded when the sweep started. */
  due: number;
  sentViaTeams: number;
  sentViaFeed: number;
  refused: number;
  /** Outcome unknown (e.g. crash simulation): claimed, never resent. */
  unknown: number;
  /** Left due for people who never opened the chat (withoutConversation 'wait'). */
  waiting: number;
  /** Claimed by someone else meanwhile (a concurrent sweeper). */
  lostClaims: number;
  staleMarked: number;
  digests: number;
  /**
   * Measures whose deadline could not be computed (a date the calendar does not accept, e.g. 0026-05-01
   * stored before the forms checked the range): each logged at warn with the signal id and the
   * measure's index, and skipped on its own; the signal's other reminders still go.
   */
  skippedMeasures: number;
  /** The same for a signal's own deadlines (confirmBy, conversationBy, settleBy, answerBy). */
  skippedDeadlines: number;
  /**
   * Signals whose reminder points could not be computed at all (a record the rules cannot read
   * beyond one deadline): logged at warn with the signal id, skipped; the rest of the sweep goes on.
   */
  skippedSignals: number;
  /** The same for the yearly analyses' measures (the GGD reminder of the year still goes out). */
  skippedAnalyses: number;
  /** The lease was lost mid-sweep: the rest waits for the next sweep. */
  leaseLost: boolean;
}

export const SWEEP_LEASE = 'reminder-sweep';
const PAGE = 100;
const LEDGER_CHUNK = 100;
const STALE_BATCH = 100;

interface Job {
  id: string;
  person: PersonRef;
  outgoing: OutgoingMessage;
  notice: ActivityNotice;
  /** Tell staf kw when this person turns out unreachable in Teams. */
  tellQuality: boolean;
  /** Also post to the activity feed when Teams took it (reminders, with Graph configured). */
  alsoFeed: boolean;
}

// ---- the sweep ------------------------------------------------------------------------------

/** One sweep: lease, collect due deliveries, send each once, release. */
export async function runReminderSweep(
  deps: ReminderDeps,
  control: { stopping?: () => boolean } = {},
): Promise<SweepReport> {
  const report: SweepReport = {
    due: 0,
    sentViaTeams: 0,
    sentViaFeed: 0,
    refused: 0,
    unknown: 0,
    waiting: 0,
    lostClaims: 0,
    staleMarked: 0,
    digests: 0,
    skippedMeasures: 0,
    skippedDeadlines: 0,
    skippedSignals: 0,
    skippedAnalyses: 0,
    leaseLost: false,
  };
  if (!deps.settings.enabled) return { ...report, skipped: 'disabled' };
  const holder = deps.holder ?? `sweeper-${randomUUID()}`;
  const ttlMs = deps.settings.leaseTtlSeconds * 1000;
  let lease = await deps.reminders.tryAcquireLease(SWEEP_LEASE, holder, ttlMs, deps.clock.now());
  if (!lease) return { ...report, skipped: 'leaseHeld' };

  // Renew in the background while sending (a large backlog at Teams' pace takes a while).
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewing.then(async () => {
        if (!lease || report.leaseLost) return;
        try {
          const renewed = await deps.reminders.renewLease(lease, ttlMs, deps.clock.now());
          if (renewed) lease = renewed;
          else report.leaseLost = true;
        } catch (error) {
          deps.logger.warn({ err: error }, 'reminder lease renewal failed');
        }
      });
    },
    Math.max(1000, ttlMs / 3),
  );
  timer.unref();

  try {
    const now = deps.clock.now();
    const sweeper = new Sweep(deps, holder, now, report, () => report.leaseLost || (control.stopping?.() ?? false));
    await sweeper.markStaleClaims();
    const jobs = await sweeper.collect();
    await sweeper.deliverAll(jobs);
    await sweeper.updateWatches();
    return report;
  } finally {
    clearInterval(timer);
    await renewing;
    if (lease && !report.leaseLost) {
      await deps.reminders
        .releaseLease(lease)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'lease release failed'));
    }
  }
}

class Sweep {
  private readonly people = new Map<string, Promise<Person[]>>();
  /** Per sweep: whether a measure owner may open the analysis card. */
  private readonly analysisReaders = new Map<string, Promise<boolean>>();
  private readonly seenSignals = new Map<string, Signal>();
  /** Signals whose points could not be computed this sweep: skipped, their watch left as it is. */
  private readonly brokenSignals = new Set<string>();
  /** Signals with a measure whose deadline could not be computed this sweep. */
  private readonly unreadableMeasures = new Set<string>();
  /** Signals collected through a due watch (closed signals with measures). */
  private readonly watched = new Set<string>();
  /** Per signal, the measure deliveries due this sweep (recorded or not), for updateWatches. */
  private readonly measureDeliveries = new Map<string, { id: string; dueAt: string }[]>();
  /** Per melding, its consultation deliveries due this sweep, for updateWatches. */
  private readonly meldingDeliveries = new Map<string, { id: string; dueAt: string }[]>();
  /**
   * Notices to staf kw about an unreachable person, already handled in this sweep: every reminder
   * for that person leads here, and one notice per person is meant (not a lost claim).
   */
  private readonly unreachableNotices = new Set<string>();
  private readonly locationNames: Map<string, string>;

  constructor(
    private readonly deps: ReminderDeps,
    private readonly holder: string,
    private readonly now: Date,
    private readonly report: SweepReport,
    private readonly shouldStop: () => boolean,
  ) {
    this.locationNames = new Map(
      deps.directory.organisation().locations.map((location) => [location.id, location.name]),
    );
  }

  private get rules(): ReminderRules {
    return this.deps.settings.rules;
  }

  async markStaleClaims(): Promise<void> {
    const before = new Date(this.now.getTime() - this.deps.settings.staleClaimMinutes * 60_000).toISOString();
    const stale = await this.deps.reminders.listStaleClaims(before, STALE_BATCH);
    for (const claim of stale) {
      // At-most-once: we cannot tell whether Teams showed it, so it is never resent.
      this.deps.logger.warn(
        { deliveryId: claim.id, claimedAt: claim.claimedAt, holder: claim.holder },
        'reminder claimed but never confirmed; not resent',
      );
      await this.deps.reminders.markUnconfirmed(claim.id, this.now);
      this.report.staleMarked += 1;
    }
  }

  /** Signals with something due: open ones through listDue, closed ones with measures through the watch list. */
  async collect(): Promise<Job[]> {
    const horizon = new Date(this.now.getTime() + lookaheadDays(this.rules) * 86_400_000).toISOString();
    let continuation: string | undefined;
    do {
      const page = await this.deps.signals.listDue(horizon, { limit: PAGE, ...(continuation ? { continuation } : {}) });
      for (const signal of page.items) this.seenSignals.set(signal.id, signal);
      continuation = page.continuation;
    } while (continuation);
    for (const watch of await this.deps.reminders.listWatches(this.now.toISOString(), 1000)) {
      this.watched.add(watch.signalId);
      if (this.seenSignals.has(watch.signalId)) continue;
      const found = await this.deps.signals.get(watch.signalId);
      if (found) this.seenSignals.set(found.value.id, found.value);
      else await this.deps.reminders.setWatch(watch.signalId, null);
    }

    const candidates: Job[] = [];
    for (const signal of this.seenSignals.values()) {
      const points = [...this.duePointsOf(signal), ...this.dueMeldingPoints(signal)];
      // A melding's reminders, the complaint side's too, go to its route and to nobody else.
      const route = isMelding(signal) ? this.routeRecipients() : undefined;
      for (const point of points) {
        for (const person of await this.recipients(route ?? point.recipients)) {
          const job = this.reminderJob(signal, point, person);
          candidates.push(job);
          if (point.deadlineKind === 'measure') {
            const list = this.measureDeliveries.get(signal.id) ?? [];
            list.push({ id: job.id, dueAt: point.dueAt });
            this.measureDeliveries.set(signal.id, list);
          }
          if (point.deadlineKind === 'reportingConsultation') {
            const list = this.meldingDeliveries.get(signal.id) ?? [];
            list.push({ id: job.id, dueAt: point.dueAt });
            this.meldingDeliveries.set(signal.id, list);
          }
        }
      }
    }
    candidates.push(...(await this.analysisJobs()));
    candidates.push(...(await this.digestJobs()));
    const open = await this.notYetRecorded(candidates);
    this.report.due = open.length;
    return interleaveByPerson(open);
  }

  /**
   * The signal's due points. A deadline or measure whose date cannot be computed (a date the calendar
   * refuses, stored before the forms checked the range or by an old client) is left out on its own
   * and logged once per sweep at warn, by the signal's id and the measure's index (never the measure's
   * text or anything about a person); the signal's other reminders, the legal deadline among them,
   * still go. Should the signal as a whole be unreadable, it is skipped, logged by id likewise.
   */
  private duePointsOf(signal: Signal): ReminderPoint[] {
    let plan: ReminderPlan;
    try {
      plan = dueReminders(signal, this.now, this.rules);
    } catch (error) {
      this.brokenSignals.add(signal.id);
      this.report.skippedSignals += 1;
      this.deps.logger.warn(
        { signalId: signal.id, error: error instanceof Error ? error.message : String(error) },
        'reminder points of a signal cannot be computed; skipped',
      );
      return [];
    }
    for (const unreadable of plan.unreadable) {
      const storedDate = unreadable.storedDate === undefined ? {} : { storedDate: unreadable.storedDate };
      if (unreadable.deadlineKind === 'measure') {
        this.unreadableMeasures.add(signal.id);
        this.report.skippedMeasures += 1;
        this.deps.logger.warn(
          { signalId: signal.id, measureIndex: unreadable.measureIndex, ...storedDate },
          'measure deadline of a signal cannot be computed; that measure skipped',
        );
      } else {
        this.report.skippedDeadlines += 1;
        this.deps.logger.warn(
          { signalId: signal.id, deadlineKind: unreadable.deadlineKind, ...storedDate },
          'deadline of a signal cannot be computed; its reminders skipped',
        );
      }
    }
    return plan.points;
  }

  /**
   * A melding's own point due now while the consultation is not recorded: only the latest one due
   * (after an outage the escalation says it all; the notice of the flag is not sent after it).
   */
  private dueMeldingPoints(signal: Signal): ReminderPoint[] {
    const at = this.now.getTime();
    const due = dutyReminderPoints(signal, this.rules.sendHour, dueInstant).filter((p) => Date.parse(p.dueAt) <= at);
    const latest = due[due.length - 1];
    if (!latest) return [];
    return [
      {
        id: latest.id,
        signalId: signal.id,
        deadlineKind: 'reportingConsultation',
        kind: latest.kind === 'consultMissed' ? 'missed' : 'upcoming',
        deadline: latest.deadline,
        dueAt: latest.dueAt,
        offsetLabel: latest.kind,
        recipients: [],
      },
    ];
  }

  /** The people named on the meldplicht route (organisation settings); the audience is only a label here. */
  private routeRecipients(): Recipient[] {
    const route = this.deps.directory.organisation().reportingDuty?.route ?? [];
    return route.map((entry) => ({ type: 'person', person: { id: entry.id, name: entry.name }, audience: 'owner' }));
  }

  /**
   * When the sweep must look at a melding again: a due delivery not yet final keeps it at its
   * moment; else its next point; null when the consultation is recorded. Undefined: not a melding.
   */
  private meldingWatch(signal: Signal, open: (id: string) => boolean): string | null | undefined {
    if (!isMelding(signal)) return undefined;
    const pending = (this.meldingDeliveries.get(signal.id) ?? [])
      .filter((d) => open(d.id))
      .map((d) => d.dueAt)
      .sort();
    if (pending[0]) return pending[0];
    const at = this.now.getTime();
    return (
      dutyReminderPoints(signal, this.rules.sendHour, dueInstant).find((p) => Date.parse(p.dueAt) > at)?.dueAt ?? null
    );
  }

  private async notYetRecorded(jobs: Job[]): Promise<Job[]> {
    const records = new Map<string, DeliveryRecord>();
    for (let start = 0; start < jobs.length; start += LEDGER_CHUNK) {
      const chunk = jobs.slice(start, start + LEDGER_CHUNK).map((job) => job.id);
      for (const [id, record] of await this.deps.reminders.getDeliveries(chunk)) records.set(id, record);
    }
    const unique = new Map<string, Job>();
    for (const job of jobs) {
      const record = records.get(job.id);
      if (!record || record.state === 'retry') unique.set(job.id, job);
    }
    return [...unique.values()];
  }

  private async recipients(recipients: readonly Recipient[]): Promise<PersonRef[]> {
    const found = new Map<string, PersonRef>();
    for (const recipient of recipients) {
      if (recipient.type === 'person') {
        found.set(recipient.person.id, recipient.person);
        continue;
      }
      const key = `${recipient.role}@${recipient.locationId ?? '*'}`;
      let people = this.people.get(key);
      if (!people) {
        people = this.deps.directory.peopleWithRole(recipient.role, recipient.locationId);
        this.people.set(key, people);
      }
      for (const person of await people)
        if (!found.has(person.id)) found.set(person.id, { id: person.id, name: person.name });
    }
    return [...found.values()];
  }

  private reminderJob(signal: Signal, point: ReminderPoint, person: PersonRef): Job {
    const id = `${point.id}@${person.id}`;
    const state = openDeadlineState(point.deadline, this.now, this.deps.deadlines);
    const message = {
      deliveryId: id,
      signalId: signal.id,
      reference: signal.reference,
      signalKind: signal.kind,
      locationName: this.locationNames.get(signal.locationId) ?? signal.locationId,
      deadlineKind: point.deadlineKind,
      pointKind: point.kind,
      deadline: point.deadline,
      state,
      recipientName: person.name,
      ...(point.measure ? { measureDescription: point.measure.description, measureSource: point.measure.source } : {}),
    } as const;
    return {
      id,
      person,
      outgoing: { type: 'reminder', message },
      notice: {
        activity: {
          type: message.state === 'late' ? 'deadlineMissed' : 'deadlineApproaching',
          parameters: { reference: signal.reference },
        },
        webUrl: this.deps.links.signal(signal.id),
        title: nlReminders.feedTitle(message),
        previewText: nlReminders.feedPreview(message).slice(0, 150),
        idempotencyKey: id,
      },
      tellQuality: true,
      alsoFeed: this.deps.activityFeed,
    };
  }

  /** The GGD deadline of last year's analysis, and the measures of the last two analyses. */
  private async analysisJobs(): Promise<Job[]> {
    const analyses = this.deps.analyses;
    if (!analyses) return [];
    const reportYear = reportYearFor(this.now);
    const years = [reportYear - 1, reportYear];
    const stored = await Promise.all(
      years.map(async (year) => ({ year, analysis: (await analyses.get(year))?.value })),
    );
    const jobs: Job[] = [];
    for (const point of stored.flatMap((entry) => this.dueAnalysisPointsOf(entry, reportYear))) {
      for (const person of await this.recipients(point.recipients)) {
        // The GGD reminder goes to staf kw and the MT only; a measure's owner may be anyone.
        const canOpen = point.subject === 'sendToGgd' || (await this.mayOpenAnalysis(person.id));
        jobs.push(this.analysisJob(point, person, canOpen));
      }
    }
    return jobs;
  }

  /**
   * One analysis's due points, each analysis on its own: when a measure's date cannot be computed the
   * analysis's measures are skipped (logged once per sweep, by year), and the GGD reminder still goes.
   */
  private dueAnalysisPointsOf(
    entry: { year: number; analysis: AnnualAnalysis | undefined },
    reportYear: number,
  ): AnalysisReminderPoint[] {
    try {
      return dueAnalysisPoints([entry], reportYear, this.now, this.rules);
    } catch (error) {
      this.report.skippedAnalyses += 1;
      this.deps.logger.warn(
        { analysisYear: entry.year, error: error instanceof Error ? error.message : String(error) },
        'reminder points of an analysis cannot be computed; its measures skipped',
      );
      const withoutMeasures = entry.analysis ? { ...entry.analysis, measures: [] } : undefined;
      return dueAnalysisPoints([{ year: entry.year, analysis: withoutMeasures }], reportYear, this.now, this.rules);
    }
  }

  private async mayOpenAnalysis(personId: string): Promise<boolean> {
    let may = this.analysisReaders.get(personId);
    if (!may) {
      may = this.deps.directory.findPerson(personId).then((person) => (person ? mayViewAnalysis(person.roles) : false));
      this.analysisReaders.set(personId, may);
    }
    return may;
  }

  private analysisJob(point: AnalysisReminderPoint, person: PersonRef, canOpenAnalysis: boolean): Job {
    const id = `${point.id}@${person.id}`;
    const state = openDeadlineState(point.deadline, this.now, this.deps.deadlines);
    const message = {
      deliveryId: id,
      year: point.year,
      subject: point.subject,
      pointKind: point.kind,
      deadline: point.deadline,
      state,
      status: point.status,
      recipientName: person.name,
      canOpenAnalysis,
      ...(point.measure ? { measureId: point.measure.id, measureDescription: point.measure.description } : {}),
    } as const;
    return {
      id,
      person,
      outgoing: { type: 'analysis', message },
      notice: {
        activity: { type: 'analysisReminder', parameters: { year: String(point.year) } },
        webUrl: this.deps.links.chat(),
        title: nlReminders.analysis.title(message),
        previewText: nlReminders.analysis.feedPreview(message).slice(0, 150),
        idempotencyKey: id,
      },
      tellQuality: true,
      alsoFeed: this.deps.activityFeed,
    };
  }

  /** The weekly digest for every staf kw person, once per ISO week, from its moment on. */
  private async digestJobs(): Promise<Job[]> {
    const digest = this.deps.settings.digest;
    if (!digest.enabled) return [];
    const { week, dueAt } = weeklyDueAt(this.now, digest.weekday, this.rules.sendHour);
    if (Date.parse(dueAt) > this.now.getTime()) return [];
    const quality = await this.deps.directory.peopleWithRole('quality');
    const ids = quality.map((person) => `digest:${week}@${person.id}`);
    const recorded = await this.deps.reminders.getDeliveries(ids);
    const pending = quality.filter((person) => {
      const record = recorded.get(`digest:${week}@${person.id}`);
      return !record || record.state === 'retry';
    });
    if (pending.length === 0) return [];
    const locations = await this.digestLocations();
    const totalOpen = locations.reduce((sum, location) => sum + location.open, 0);
    const totalOverdue = locations.reduce((sum, location) => sum + location.overdue, 0);
    return pending.map((person) => {
      const id = `digest:${week}@${person.id}`;
      return {
        id,
        person: { id: person.id, name: person.name },
        outgoing: {
          type: 'digest',
          message: { deliveryId: id, week, generatedAt: this.now.toISOString(), locations, totalOpen, totalOverdue },
        },
        notice: {
          activity: { type: 'weeklyDigest', parameters: { week } },
          webUrl: this.deps.links.chat(),
          title: nlReminders.digestTitle(week),
          previewText: nlReminders.digestPreview(totalOpen, totalOverdue),
          idempotencyKey: id,
        },
        tellQuality: false,
        alsoFeed: false,
      };
    });
  }

  /** Open and overdue signals per location: one paged, indexed list per location (weekly). */
  private async digestLocations(): Promise<DigestLocation[]> {
    const result: DigestLocation[] = [];
    const nowIso = this.now.toISOString();
    for (const location of this.deps.directory.organisation().locations) {
      let open = 0;
      const overdue: string[] = [];
      let continuation: string | undefined;
      do {
        const page = await this.deps.signals.listByLocations([location.id], {
          status: 'open',
          limit: PAGE,
          ...(continuation ? { continuation } : {}),
        });
        for (const signal of page.items) {
          // The digest goes to staf kw: a melding is not theirs to count.
          if (isMelding(signal)) continue;
          open += 1;
          // Sorted by urgency: the most overdue come first.
          if (signal.nextDeadline !== null && signal.nextDeadline < nowIso) overdue.push(signal.reference);
        }
        continuation = page.continuation;
      } while (continuation);
      result.push({
        locationId: location.id,
        locationName: location.name,
        open,
        overdue: overdue.length,
        overdueReferences: overdue.slice(0, this.deps.settings.digest.maxReferencesPerLocation),
      });
    }
    return result;
  }

  async deliverAll(jobs: Job[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length && !this.shouldStop()) {
        const job = jobs[next]!;
        next += 1;
        await this.deliver(job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.settings.sendConcurrency, jobs.length) }, worker));
  }

  /** Claim, send (Teams, else the activity feed), record. See the file comment for the guarantees. */
  async deliver(job: Job): Promise<void> {
    const { reminders, logger } = this.deps;
    const maxAttempts = this.deps.settings.maxAttempts;
    let conversation: StoredConversation | undefined;
    try {
      conversation = await reminders.getReference(personKey(job.person.id));
    } catch (error) {
      // Nothing claimed yet: the next sweep tries again.
      logger.warn({ err: error, deliveryId: job.id }, 'conversation reference not readable; will retry');
      this.report.refused += 1;
      return;
    }
    if (!conversation && this.deps.settings.withoutConversation === 'wait') {
      // Not claimed: still due at the next sweep, which finds the chat once they have opened it.
      this.report.waiting += 1;
      return;
    }
    if (!(await reminders.claim(job.id, this.holder, this.now, maxAttempts))) {
      this.report.lostClaims += 1;
      return;
    }
    let sendStarted = false;
    try {
      if (!conversation?.reference || conversation.unreachableSince) {
        const reason = conversation?.unreachableReason ?? 'noReference';
        const since =
          conversation?.unreachableSince ??
          (await reminders.markUnreachable(personKey(job.person.id), reason, this.now));
        sendStarted = true;
        await this.viaFeed(job, reason, since);
        return;
      }
      sendStarted = true;
      const outcome = await this.deps.sender.send(conversation.reference, job.outgoing);
      if (outcome.status === 'sent') {
        await this.deps.afterSend?.(job.id);
        await reminders.markSent(job.id, this.holder, this.now, 'teams', outcome.activityId);
        this.report.sentViaTeams += 1;
        if (job.alsoFeed) {
          await this.deps.notifier.notify(job.person.id, job.notice).catch((error: unknown) => {
            logger.warn({ err: error, deliveryId: job.id }, 'activity feed copy of a reminder failed');
          });
        }
        return;
      }
      if (outcome.status === 'notInRoster') {
        const since = await reminders.markUnreachable(personKey(job.person.id), 'notInRoster', this.now);
        logger.warn(
          { personId: job.person.id, deliveryId: job.id },
          'bot not in conversation roster; falling back to the activity feed',
        );
        await this.viaFeed(job, 'notInRoster', since);
        return;
      }
      const state = await reminders.markRefused(
        job.id,
        this.holder,
        this.now,
        maxAttempts,
        `${outcome.httpStatus} ${outcome.detail}`,
      );
      this.report.refused += 1;
      logger.warn({ deliveryId: job.id, status: outcome.httpStatus, state }, 'reminder refused by the connector');
    } catch (error) {
      if (!sendStarted || error instanceof TemporarilyUnavailableError || error instanceof PermanentOutboundError) {
        // Nothing left this process (or the feed said no): safe to try again later.
        this.report.refused += 1;
        logger.warn({ err: error, deliveryId: job.id }, 'reminder not delivered; will retry');
        await reminders
          .markRefused(
            job.id,
            this.holder,
            this.now,
            maxAttempts,
            error instanceof Error ? error.message.slice(0, 200) : 'error',
          )
          .catch((markError: unknown) =>
            logger.error({ err: markError, deliveryId: job.id }, 'could not record refusal'),
          );
        return;
      }
      // Unknown outcome: the claim stays; at-most-once means no second attempt.
      this.report.unknown += 1;
      logger.error({ err: error, deliveryId: job.id }, 'reminder outcome unknown; claimed and not resent');
    }
  }

  /** Activity feed (or local outbox) instead of Teams chat, and staf kw hears once per unreachable period. */
  private async viaFeed(job: Job, reason: 'notInRoster' | 'noReference', since: string): Promise<void> {
    await this.deps.notifier.notify(job.person.id, job.notice);
    await this.deps.reminders.markSent(job.id, this.holder, this.now, 'feed', reason);
    this.report.sentViaFeed += 1;
    if (!job.tellQuality) return;
    const quality = await this.deps.directory.peopleWithRole('quality');
    for (const person of quality) {
      const id = `unreachable:${job.person.id}:${since}@${person.id}`;
      if (this.unreachableNotices.has(id)) continue;
      this.unreachableNotices.add(id);
      await this.deliver({
        id,
        person: { id: person.id, name: person.name },
        outgoing: { type: 'unreachable', message: { deliveryId: id, personName: job.person.name, reason } },
        notice: {
          activity: { type: 'colleagueUnreachable', parameters: { name: job.person.name } },
          webUrl: this.deps.links.chat(),
          title: nlReminders.unreachableTitle,
          previewText: nlReminders.unreachableText(job.person.name, reason).slice(0, 150),
          idempotencyKey: id,
        },
        tellQuality: false,
        alsoFeed: false,
      });
    }
  }

  /**
   * Signals with measures (or ruling obligations, Klachtenloket agreements) stay on the watch list until
   * their last measure reminder is settled: a settled or closed one has no other deadline to be found by.
   * A measure delivery due now but not final (left waiting for a chat, refused and to be retried, or
   * not reached because the sweep stopped or lost its lease) keeps the watch at its moment, so the
   * next sweep tries it again; only when every due one is final does the watch move on to the next
   * point (or go). A signal whose points could not be computed, or that came through its watch with
   * a measure whose deadline cannot be computed, keeps its watch as it is: it is looked at (and
   * logged) again every sweep until someone repairs the date, and its other measures are reminded
   * all the same. A measure reminder past its late-sending window (MEASURE_LATE_WORKING_DAYS) is no
   * longer due, so it holds no watch.
   */
  async updateWatches(): Promise<void> {
    const ids = [...this.measureDeliveries.values(), ...this.meldingDeliveries.values()]
      .flat()
      .map((delivery) => delivery.id);
    const records = new Map<string, DeliveryRecord>();
    for (let start = 0; start < ids.length; start += LEDGER_CHUNK) {
      for (const [id, record] of await this.deps.reminders.getDeliveries(ids.slice(start, start + LEDGER_CHUNK)))
        records.set(id, record);
    }
    const maxAttempts = this.deps.settings.maxAttempts;
    const open = (id: string): boolean => {
      const record = records.get(id);
      return !record || (record.state === 'retry' && record.attempts < maxAttempts);
    };
    for (const signal of this.seenSignals.values()) {
      const melding = this.meldingWatch(signal, open);
      if (!hasCommitments(signal) || this.brokenSignals.has(signal.id)) {
        if (melding !== undefined) await this.deps.reminders.setWatch(signal.id, melding);
        continue;
      }
      if (this.unreadableMeasures.has(signal.id) && this.watched.has(signal.id)) continue;
      const pending = (this.measureDeliveries.get(signal.id) ?? [])
        .filter((delivery) => open(delivery.id))
        .map((delivery) => delivery.dueAt)
        .sort();
      const measures = pending[0] ?? nextMeasurePointAfter(signal, this.now, this.rules);
      await this.deps.reminders.setWatch(signal.id, earliest(measures, melding ?? null));
    }
  }
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Round-robin over people, so the workers do not all wait on one conversation's rate limit. */
function interleaveByPerson(jobs: Job[]): Job[] {
  const queues = new Map<string, Job[]>();
  for (const job of jobs) {
    const queue = queues.get(job.person.id) ?? [];
    queue.push(job);
    queues.set(job.person.id, queue);
  }
  const result: Job[] = [];
  for (let round = 0; result.length < jobs.length; round += 1) {
    for (const queue of queues.values()) {
      const job = queue[round];
      if (job) result.push(job);
    }
  }
  return result;
}

/**
 * Call after a move that records a decision with measures (and at will after any change): puts the
 * signal on the measure watch list, so its measure deadlines are reminded even after it is closed.
 */
export async function trackSignalReminders(
  reminders: Pick<ReminderStore, 'setWatch'>,
  signal: Signal,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): Promise<void> {
  const measures = reminderPoints(signal, rules).filter((point) => point.deadlineKind === 'measure');
  // A melding's first open point may be due already: the next sweep then sets the watch right.
  const melding = dutyReminderPoints(signal, rules.sendHour, dueInstant)[0]?.dueAt ?? null;
  await reminders.setWatch(signal.id, earliest(measures[0]?.dueAt ?? null, melding));
}

// ---- scheduling -----------------------------------------------------------------------------

export interface ReminderScheduler {
  /** Runs a sweep now (unless one is running); resolves with its report. */
  runNow(): Promise<SweepReport | undefined>;
  /** Stops the schedule, lets a running sweep finish its current delivery, releases the lease. */
  stop(): Promise<void>;
}

/** Starts the sweep on a croner schedule every `settings.intervalSeconds` (first run right away). */
export function startReminderScheduler(deps: ReminderDeps): ReminderScheduler {
  const holder = deps.holder ?? `sweeper-${randomUUID()}`;
  const withHolder: ReminderDeps = { ...deps, holder };
  let stopping = false;
  let running: Promise<SweepReport | undefined> | undefined;

  const run = (): Promise<SweepReport | undefined> => {
    if (stopping) return Promise.resolve(undefined);
    if (running) return running;
    running = runReminderSweep(withHolder, { stopping: () => stopping })
      .then((report) => {
        if (!report.skipped && report.due > 0) deps.logger.info({ report }, 'reminder sweep');
        return report;
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'reminder sweep failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const job = new Cron(
    '* * * * * *',
    { interval: deps.settings.intervalSeconds, protect: true, name: `reminder-sweep-${holder}`, unref: true },
    () => run().then(() => undefined),
  );
  void run();

  return {
    runNow: run,
    async stop() {
      stopping = true;
      job.stop();
      await running;
      // The sweep releases its lease when it ends; a lease left by a crashed run of ours goes too.
      const lease = await deps.reminders
        .tryAcquireLease(SWEEP_LEASE, holder, 1, deps.clock.now())
        .catch(() => undefined);
      if (lease) await deps.reminders.releaseLease(lease).catch(() => undefined);
    },
  };
}
