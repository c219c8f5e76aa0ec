/**
 * The yearly analysis card's verbs (Action.Execute): the MT adopts or comments, actions and
 * measures are recorded and followed up, staf kw sends the analysis to the GGD by e-mail (or
 * records that it went another way) and sends the document to the location managers (or records
 * that they have it). Every verb answers with the card re-rendered for this viewer, with a Dutch
 * notice; a refused form keeps what was typed (reopened, or shown closed with the reason when it
 * no longer fits). Every write is idempotent: Teams re-sends a slow invoke, and people double-click.
 * The use cases (src/app/annual-analysis.ts) check roles and status again — the buttons shown are
 * a convenience, never the protection.
 */
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  ANALYSIS_FORMS,
  analysisCard,
  hasTypedText,
  type AnalysisCardModel,
  type AnalysisCardPermissions,
  type AnalysisFormName,
  type AnalysisFormState,
} from '../../cards/analysis';
import { noticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import {
  addAnnualAnalysisMeasure,
  informLocationManagersByMail,
  recordAnnualAnalysisAudience,
  summariseAnnualAnalysisMeasures,
  recordLocationManagersInformed,
  recordSentToGgd,
  reviewAnnualAnalysis,
  sendAnnualAnalysisToGgd,
  submitAnnualAnalysisToMt,
  updateAnnualAnalysisMeasure,
  type AnalysisMailDeps,
  type AnalysisOutcome,
  type AnnualAnalysisDeps,
  type GgdMailOutcome,
  type InformOutcome,
  type SubmitOutcome,
} from '../../src/app/annual-analysis';
import { ATTACHMENTS_TOO_LARGE, PermanentOutboundError } from '../../src/app/outbound-ports';
import { canStartAnalysis } from '../../src/app/access';
import type { Versioned } from '../../src/app/ports';
import { personKey, type ConversationReferenceStore } from '../../src/app/reminder-ports';
import { missingReportSettings, type RequiredReportSetting } from '../../src/domain/report-content';
import {
  AUDIENCE_MOVES,
  GGD_SEND_CHANNELS,
  MEASURE_STATUSES,
  adoptingMembers,
  type AnalysisActor,
  type AnnualAnalysis,
  mayViewAnalysis,
} from '../../src/domain/analysis-workflow';
import { amsterdamDate } from '../../src/domain/deadlines';
import { formatDate, literal } from '../../src/i18n/format';
import type { Person, Role } from '../../src/domain/organisation';
import type { PersonRef } from '../../src/domain/signal';
import { nl } from '../../src/i18n/nl';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import { cardMessage } from '../attachments';
import { neverSent } from '../proactive';
import type { TurnRequest, VerbHandler } from '../handlers';
import type { PersonalCardSender } from '../services';

const texts = nlAnalysis.card;
const MAX_TEXT = 4000;

const yearRef = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const formOpen = yearRef.extend({ form: z.enum(ANALYSIS_FORMS) });
const formSubmit = yearRef.extend({ formId: z.uuid() });

export function analysisActor(person: Person): AnalysisActor {
  return { id: person.id, name: person.name, roles: person.roles };
}

export function permissionsFor(person: Person): AnalysisCardPermissions {
  const mt = person.roles.includes('mt');
  const quality = person.roles.includes('quality');
  return {
    review: mt,
    submit: quality,
    addMeasure: mt || quality,
    updateMeasures: mt || quality,
    sendToGgd: quality,
    inform: quality,
  };
}

const OWNER_ROLES: readonly Role[] = ['mt', 'quality', 'manager', 'locationManager'];

/** The card as `viewer` should see it (buttons depend on their roles). */
export function analysisCardFor(
  request: TurnRequest,
  viewer: Person,
  analysis: AnnualAnalysis,
  extras: { notice?: AnalysisCardModel['notice']; form?: AnalysisFormState } = {},
): AdaptiveCard {
  const now = request.services.clock.now();
  const owners = request.services.directory
    .organisation()
    .people.filter((person) => person.roles.some((role) => OWNER_ROLES.includes(role)))
    .map((person) => ({ id: person.id, name: person.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const mail = mailOptions(request);
  return analysisCard({
    analysis,
    now,
    today: amsterdamDate(now),
    permissions: permissionsFor(viewer),
    owners,
    ...(mail ? { mail } : {}),
    ...extras,
  });
}

/** What the card may offer to send: only with a mailer, and to the GGD only with its address. */
function mailOptions(request: TurnRequest): AnalysisCardModel['mail'] {
  if (!request.services.outbound) return undefined;
  const address = request.services.analysis?.ggdEmail;
  return address ? { ggdAddress: address } : {};
}

/** The analysis deps with the mailer (Graph or the local outbox), or undefined without one. */
function mailDeps(request: TurnRequest, deps: AnnualAnalysisDeps): AnalysisMailDeps | undefined {
  const outbound = request.services.outbound;
  if (!outbound) return undefined;
  return {
    ...deps,
    mailer: outbound.mailer,
    organisationName: request.services.directory.organisation().name,
    ...(outbound.claimTtlMs ? { claimTtlMs: outbound.claimTtlMs } : {}),
  };
}

/** The refusal naming the organisation's texts the report still lacks. */
export const missingSettingsText = (missing: readonly RequiredReportSetting[]): string =>
  nlAnalysis.missingSettings(missing.map((key) => nlAnalysis.settings[key]));

const notSetUp = () => noticeCard({ text: texts.notSetUp, tone: 'warning' });
const badRequest = () => noticeCard({ text: nl.errors.badRequest, tone: 'error' });
const notAllowed = () => noticeCard({ text: nlCommands.notAllowed, tone: 'warning' });
const missing = (year: number) => noticeCard({ text: texts.missing(year), tone: 'warning' });

/** What a card verb may work with: the analysis deps and a viewer allowed to see the card. */
type Gate = { ok: true; deps: AnnualAnalysisDeps; person: Person } | { ok: false; card: AdaptiveCard };

function gate(request: TurnRequest): Gate {
  const deps = request.services.analysis;
  if (!deps) return { ok: false, card: notSetUp() };
  const person = request.person;
  if (!person || !mayViewAnalysis(person.roles)) return { ok: false, card: notAllowed() };
  return { ok: true, deps, person };
}

type Access = Extract<Gate, { ok: true }>;

/**
 * A verb of the analysis card: the viewer passes the gate and the card data its schema, or gets a
 * Dutch notice instead; `run` has the deps, the viewer, the parsed data and the raw card data.
 */
function analysisVerb<Schema extends z.ZodType>(
  verb: string,
  schema: Schema,
  run: (
    request: TurnRequest,
    access: Access,
    input: z.infer<Schema>,
    data: Record<string, unknown>,
  ) => Promise<AdaptiveCard>,
): VerbHandler {
  return {
    verb,
    needsPerson: true,
    async run(request, data) {
      const access = gate(request);
      if (!access.ok) return access.card;
      const parsed = schema.safeParse(data);
      if (!parsed.success) return badRequest();
      return run(request, access, parsed.data, data);
    },
  };
}

/** Text the user typed on the card, trimmed to size, to show again after a refusal. */
function typedValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([key, value]) => [key, value.slice(0, MAX_TEXT)]),
  );
}

const text = (data: Record<string, unknown>, key: string): string =>
  typeof data[key] === 'string' ? (data[key] as string).slice(0, MAX_TEXT) : '';

interface Step {
  /** The use case; returns the workflow outcome. */
  act(): Promise<AnalysisOutcome>;
  /** The notice after success (also after a duplicate: it answers as the first time). */
  done(analysis: AnnualAnalysis): string;
  /** When the step is a form: reopened after a refusal, with what was typed. */
  form?: { name: AnalysisFormName; formId: string; values: Record<string, string> };
  /** A more precise Dutch refusal than the generic one, given the current record. */
  refusal?(error: StepRefusal, current: AnnualAnalysis): string | undefined;
  /** After 'alreadyDone': whether the record shows this very step by this person (a retry or double click). */
  repeated?(current: AnnualAnalysis): boolean;
}

type StepRefusal = Exclude<Extract<AnalysisOutcome, { ok: false }>['error'], 'notFound'>;

/** Refusals after which the same form can still be sent: fix a field, choose again, try again. */
const FORM_STILL_APPLIES: ReadonlySet<string> = new Set<StepRefusal>(['invalidInput', 'unknownMeasure', 'conflict']);

/**
 * The current card after a refused form. When the form still applies it is reopened with what was
 * typed and the reason; when it no longer can (the analysis moved on, the role is gone), what was
 * typed stays visible in the closed form with the reason; a form with nothing typed gives way to a
 * notice on the card.
 */
function refusedForm(
  request: TurnRequest,
  person: Person,
  current: AnnualAnalysis,
  reason: string,
  stillApplies: boolean,
  form:
    { name: AnalysisFormName; formId: string; values: Record<string, string>; errors?: readonly string[] } | undefined,
): AdaptiveCard {
  if (form && stillApplies) {
    return analysisCardFor(request, person, current, { form: { ...form, errors: form.errors ?? [], error: reason } });
  }
  if (form && hasTypedText(form.name, form.values)) {
    return analysisCardFor(request, person, current, {
      form: { ...form, errors: [], error: texts.formClosed(reason), closed: true },
    });
  }
  return analysisCardFor(request, person, current, { notice: { text: reason, tone: 'warning' } });
}

/**
 * Runs a step and renders the outcome: the updated card with a notice, or after a refusal the
 * form again with what was typed and the Dutch reason (see refusedForm), or the card with a notice.
 */
async function runStep(
  request: TurnRequest,
  deps: AnnualAnalysisDeps,
  person: Person,
  year: number,
  step: Step,
): Promise<AdaptiveCard> {
  const outcome = await step.act();
  if (outcome.ok) {
    request.logger.info(
      { year, status: outcome.analysis.value.status, duplicate: outcome.duplicate ?? false },
      'analysis step applied',
    );
    return analysisCardFor(request, person, outcome.analysis.value, {
      notice: { text: step.done(outcome.analysis.value), tone: 'good' },
    });
  }
  if (outcome.error === 'notFound') return missing(year);
  request.logger.info({ year, error: outcome.error, field: outcome.field }, 'analysis step refused');
  const current = await deps.analyses.get(year);
  if (!current) return missing(year);
  if (outcome.error === 'alreadyDone' && step.repeated?.(current.value)) {
    // Teams re-sent the press, or it was pressed twice: answer as the first time did.
    return analysisCardFor(request, person, current.value, {
      notice: { text: step.done(current.value), tone: 'good' },
    });
  }
  const reason =
    step.refusal?.(outcome.error, current.value) ??
    (outcome.missing ? missingSettingsText(outcome.missing) : nlAnalysis.workflowErrors[outcome.error]);
  const form = step.form && { ...step.form, errors: outcome.field ? [outcome.field] : [] };
  return refusedForm(request, person, current.value, reason, FORM_STILL_APPLIES.has(outcome.error), form);
}

/** A form refused before the use case ran (e.g. an owner the directory does not know). */
async function reopenForm(
  request: TurnRequest,
  deps: AnnualAnalysisDeps,
  person: Person,
  year: number,
  form: AnalysisFormState,
): Promise<AdaptiveCard> {
  const current = await deps.analyses.get(year);
  if (!current) return missing(year);
  return analysisCardFor(request, person, current.value, {
    form: { ...form, error: nlAnalysis.workflowErrors.invalidInput },
  });
}

/** Shows the current card; Teams calls this for every viewer (refresh) and "Annuleren" uses it. */
export const analysisRefreshVerb = analysisVerb(
  'analysis.refresh',
  yearRef,
  async (request, { deps, person }, input) => {
    const stored = await deps.analyses.get(input.year);
    return stored ? analysisCardFor(request, person, stored.value) : missing(input.year);
  },
);

/** A button that needs input: the card shows that form, with a fresh form id. */
export const analysisFormVerb = analysisVerb('analysis.form', formOpen, async (request, { deps, person }, input) => {
  const stored = await deps.analyses.get(input.year);
  if (!stored) return missing(input.year);
  return analysisCardFor(request, person, stored.value, {
    form: { name: input.form, formId: request.services.newId() },
  });
});

/**
 * MT: "Vaststellen". A non-MT viewer gets the card back with a polite refusal. Pressed again by a
 * member whose adoption already counts, nothing is added and the answer is as the first time.
 */
export const analysisAdoptVerb = analysisVerb(
  'analysis.adopt',
  yearRef,
  async (request, { deps, person }, { year }) => {
    return runStep(request, deps, person, year, {
      act: () => reviewAnnualAnalysis(deps, year, analysisActor(person), { verdict: 'adopt' }),
      done: (analysis) =>
        analysis.status === 'draft'
          ? texts.notices.adoptedPartly(adoptingMembers(analysis).length, analysis.settings.requiredAdoptions)
          : texts.notices.adopted,
    });
  },
);

/** MT: "Opmerking" (the comment form's "Opslaan"). */
export const analysisCommentVerb = analysisVerb(
  'analysis.comment',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    return runStep(request, deps, person, year, {
      // The form id goes with the comment: the same form again (a re-sent turn, a double click) is stored once.
      act: () =>
        reviewAnnualAnalysis(deps, year, analysisActor(person), {
          verdict: 'comment',
          comment: text(data, 'comment'),
          id: formId,
        }),
      done: () => texts.notices.commented,
      form: { name: 'comment', formId, values: typedValues(data) },
      refusal: (error, current) =>
        (error === 'wrongStatus' || error === 'alreadyDone') && current.status !== 'draft'
          ? texts.commentTooLate
          : undefined,
    });
  },
);

/** MT or staf kw: a new action or measure (description, owner, deadline). The form id is its id. */
export const analysisMeasureAddVerb = analysisVerb(
  'analysis.measure.add',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    const values = typedValues(data);
    const ownerId = text(data, 'owner');
    const owner = ownerId ? await request.services.directory.findPerson(ownerId) : undefined;
    if (!owner) {
      return reopenForm(request, deps, person, year, { name: 'measure', formId, values, errors: ['owner'] });
    }
    return runStep(request, deps, person, year, {
      act: async () => {
        const outcome = await addAnnualAnalysisMeasure(deps, year, analysisActor(person), {
          id: formId,
          description: text(data, 'description'),
          owner: { id: owner.id, name: owner.name },
          deadline: text(data, 'deadline'),
        });
        // The same form sent twice (a double click, a retry): the measure is there, say so.
        if (!outcome.ok && outcome.error === 'alreadyDone') return alreadyRecorded(deps, year, outcome);
        return outcome;
      },
      done: () => texts.notices.measureAdded,
      form: { name: 'measure', formId, values },
    });
  },
);

async function alreadyRecorded(
  deps: AnnualAnalysisDeps,
  year: number,
  fallback: AnalysisOutcome,
): Promise<AnalysisOutcome> {
  const stored: Versioned<AnnualAnalysis> | undefined = await deps.analyses.get(year);
  return stored ? { ok: true, analysis: stored } : fallback;
}

/** MT or staf kw: a measure's new status. */
export const analysisMeasureStatusVerb = analysisVerb(
  'analysis.measure.status',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    const values = typedValues(data);
    const status = MEASURE_STATUSES.find((candidate) => candidate === text(data, 'status'));
    if (!status) {
      return reopenForm(request, deps, person, year, { name: 'measureStatus', formId, values, errors: ['status'] });
    }
    return runStep(request, deps, person, year, {
      act: async () => {
        const measureId = text(data, 'measureId');
        const outcome = await updateAnnualAnalysisMeasure(deps, year, analysisActor(person), measureId, status);
        // The same status again (a re-sent turn, a double click): it is recorded, say so.
        if (!outcome.ok && outcome.error === 'alreadyDone') return alreadyRecorded(deps, year, outcome);
        return outcome;
      },
      done: () => texts.notices.measureUpdated,
      form: { name: 'measureStatus', formId, values },
    });
  },
);

/** Staf kw: the date the adopted analysis went to the GGD, and how. */
export const analysisSentToGgdVerb = analysisVerb(
  'analysis.sentToGgd',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    const values = typedValues(data);
    const via = GGD_SEND_CHANNELS.find((candidate) => candidate === text(data, 'via'));
    if (!via) return reopenForm(request, deps, person, year, { name: 'sentToGgd', formId, values, errors: ['via'] });
    return runStep(request, deps, person, year, {
      act: () => recordSentToGgd(deps, year, analysisActor(person), { on: text(data, 'on'), via }),
      done: () => texts.notices.sentToGgd,
      form: { name: 'sentToGgd', formId, values },
      repeated: (current) =>
        current.sentToGgd?.by.id === person.id &&
        current.sentToGgd.on === text(data, 'on') &&
        current.sentToGgd.via === via,
    });
  },
);

type GgdMailRefusal = Exclude<Extract<GgdMailOutcome, { ok: false }>['error'], 'notFound'>;

/** The Dutch notice for a refused or failed e-mail to the GGD. */
function ggdMailNotice(error: GgdMailRefusal, cause: unknown, status: AnnualAnalysis['status']): string {
  switch (error) {
    case 'notSent':
      if (cause instanceof PermanentOutboundError) {
        return cause.code === ATTACHMENTS_TOO_LARGE || cause.status === 413
          ? texts.notices.ggdMailTooLarge
          : texts.notices.ggdMailRefused;
      }
      return texts.notices.ggdMailUnavailable;
    case 'sending':
      return texts.notices.ggdMailSending;
    case 'unconfirmed':
      return texts.notices.ggdMailUnconfirmed;
    case 'notConfigured':
      return texts.notices.ggdMailNotSetUp;
    case 'wrongStatus':
      return status === 'draft' ? texts.notices.notAdoptedForGgd : nlAnalysis.workflowErrors.wrongStatus;
    default:
      return nlAnalysis.workflowErrors[error];
  }
}

/**
 * Staf kw: "Per e-mail naar de GGD" (the form's "Versturen"). The adopted Word file and CSV go to
 * GGD_EMAIL and the sending is recorded; pressed again, nothing is sent twice. When the mail
 * service fails, nothing is recorded and the form stays, with what was typed and a Dutch notice.
 */
export const analysisGgdMailVerb = analysisVerb(
  'analysis.ggdMail',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    const mail = mailDeps(request, deps);
    const outcome: GgdMailOutcome = mail
      ? await sendAnnualAnalysisToGgd(mail, year, analysisActor(person), text(data, 'note'))
      : { ok: false, error: 'notConfigured' };
    if (outcome.ok) {
      request.logger.info({ year, alreadySent: outcome.alreadySent }, 'analysis mailed to the GGD');
      const notice = outcome.alreadySent
        ? texts.notices.alreadyMailedToGgd(literal(outcome.to))
        : texts.notices.mailedToGgd(literal(outcome.to));
      return analysisCardFor(request, person, outcome.analysis.value, { notice: { text: notice, tone: 'good' } });
    }
    if (outcome.error === 'notFound') return missing(year);
    const current = await deps.analyses.get(year);
    if (!current) return missing(year);
    const cause = outcome.error === 'notSent' ? outcome.cause : undefined;
    const notice = ggdMailNotice(outcome.error, cause, current.value.status);
    if (outcome.error === 'notSent') {
      request.logger.warn({ year, err: outcome.cause }, 'analysis not mailed to the GGD');
      return analysisCardFor(request, person, current.value, {
        form: { name: 'ggdMail', formId, values: typedValues(data), error: notice },
      });
    }
    request.logger.info({ year, error: outcome.error }, 'analysis mail to the GGD refused');
    return refusedForm(request, person, current.value, notice, false, {
      name: 'ggdMail',
      formId,
      values: typedValues(data),
    });
  },
);

/** The notice after "Document naar de locatiemanagers": who has it, and who does not yet. */
function informedNotice(outcome: Extract<InformOutcome, { ok: true }>): { text: string; tone: 'good' | 'warning' } {
  const names = (list: string[]) => list.map(literal).join(', ');
  const parts = [
    outcome.mailed.length > 0 ? texts.notices.informedMailed(names(outcome.mailed)) : texts.notices.informed,
    ...(outcome.notMailed.length > 0 ? [texts.notices.informedNotMailed(names(outcome.notMailed))] : []),
    ...(outcome.unconfirmed.length > 0 ? [texts.notices.informedUnconfirmed(names(outcome.unconfirmed))] : []),
  ];
  const complete = outcome.notMailed.length === 0 && outcome.unconfirmed.length === 0;
  return { text: parts.join(' '), tone: complete ? 'good' : 'warning' };
}

/**
 * Staf kw: the location managers get the document for the parent committees and council. With a
 * mailer, each location manager with an address gets the Word file by e-mail (once per person);
 * without one, staf kw shares it themselves and this only records it.
 */
export const analysisInformedVerb = analysisVerb(
  'analysis.informed',
  yearRef,
  async (request, { deps, person }, { year }) => {
    const stored = await deps.analyses.get(year);
    const audiences = stored?.value.content?.audiences ?? [];
    const mail = mailDeps(request, deps);
    if (!mail) {
      return runStep(request, deps, person, year, {
        act: () => recordLocationManagersInformed(deps, year, analysisActor(person), audiences),
        done: () => texts.notices.informed,
        repeated: (current) => current.informed?.by.id === person.id,
      });
    }
    const managers = (await request.services.directory.peopleWithRole('locationManager')).map((manager) => ({
      id: manager.id,
      name: manager.name,
      ...(manager.email ? { email: manager.email } : {}),
    }));
    const outcome = await informLocationManagersByMail(mail, year, analysisActor(person), managers, audiences);
    if (outcome.ok) {
      request.logger.info(
        {
          year,
          mailed: outcome.mailed.length,
          notMailed: outcome.notMailed.length,
          unconfirmed: outcome.unconfirmed.length,
        },
        'analysis sent to the location managers',
      );
      return analysisCardFor(request, person, outcome.analysis.value, { notice: informedNotice(outcome) });
    }
    if (outcome.error === 'notFound') return missing(year);
    const current = await deps.analyses.get(year);
    if (!current) return missing(year);
    const notice =
      outcome.error === 'notSent'
        ? texts.notices.informNotSent(outcome.notSent.map(literal).join(', '))
        : nlAnalysis.workflowErrors[outcome.error];
    request.logger.info({ year, error: outcome.error }, 'analysis not sent to the location managers');
    return analysisCardFor(request, person, current.value, { notice: { text: notice, tone: 'warning' } });
  },
);

/** The notice after "Naar het MT sturen": who got the card now, who had it, who must open it themselves. */
function submittedNotice(outcome: Extract<SubmitOutcome, { ok: true }>, year: number): AnalysisCardModel['notice'] {
  const names = (people: PersonRef[]) => people.map((member) => literal(member.name)).join(', ');
  const parts = [
    ...(outcome.sent.length > 0 ? [texts.notices.submittedTo(names(outcome.sent))] : []),
    ...(outcome.alreadyHad.length > 0 ? [texts.notices.submitAlreadyHad(names(outcome.alreadyHad))] : []),
    ...(outcome.sending.length > 0 ? [texts.notices.submitSending(names(outcome.sending))] : []),
    ...(outcome.unconfirmed.length > 0 ? [texts.notices.submitUnconfirmed(names(outcome.unconfirmed), year)] : []),
    ...(outcome.unreached.length > 0 ? [texts.notices.submitUnreachable(names(outcome.unreached), year)] : []),
  ];
  const complete = outcome.unreached.length === 0 && outcome.unconfirmed.length === 0;
  return { text: parts.join(' '), tone: complete ? 'good' : 'warning' };
}

/**
 * How a card send that threw ended, by the rule of the reminder sweep (bot/proactive.ts,
 * docs/adr/0004-exactly-once.md): `failed` (the next press sends it again) only when it cannot have
 * reached the member — the request never left (connection refused, DNS, no token: neverSent) or
 * Teams answered with a refusal (4xx); otherwise (a timeout, a 5xx, a connection reset after
 * sending) Teams may have delivered it: `unconfirmed`, never sent again.
 */
export function cardSendFailure(error: unknown): 'failed' | 'unconfirmed' {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const refused = typeof status === 'number' && status >= 400 && status < 500;
  return refused || neverSent(error) ? 'failed' : 'unconfirmed';
}

/**
 * Staf kw: "Naar het MT sturen". With a personal-card sender, each MT member gets the card (their
 * own view, with Vaststellen and Opmerking) in their personal chat, once: the deliveries are
 * recorded in the analysis, so a second press or a turn Teams re-sends goes only to members who do
 * not have it yet (new members, or those the bot could not reach before — never those whose send
 * broke off after it may have reached Teams: see cardSendFailure), and the notice names who
 * already had it. Without a sender, or for members the bot cannot reach yet, the notice says they
 * open it with `analyse <jaar>`.
 */
export const analysisSubmitVerb = analysisVerb(
  'analysis.submit',
  yearRef,
  async (request, { deps, person }, { year }) => {
    const stored = await deps.analyses.get(year);
    if (!stored) return missing(year);
    const warn = (analysis: AnnualAnalysis, notice: string) =>
      analysisCardFor(request, person, analysis, { notice: { text: notice, tone: 'warning' } });
    if (!canStartAnalysis(person)) return warn(stored.value, nlAnalysis.workflowErrors.notAllowed);
    if (stored.value.status !== 'draft') return warn(stored.value, nlAnalysis.workflowErrors.alreadyDone);
    const lacking = missingReportSettings(stored.value.content);
    if (lacking.length > 0) return warn(stored.value, missingSettingsText(lacking));
    const members = await request.services.directory.peopleWithRole('mt');
    if (members.length === 0) return warn(stored.value, texts.notices.noMtMembers);
    const sender = request.services.personalCards;
    if (!sender) {
      const names = members.map((member) => member.name).join(', ');
      return analysisCardFor(request, person, stored.value, {
        notice: { text: texts.notices.submitHowTo(names, year), tone: 'good' },
      });
    }
    const byId = new Map(members.map((member) => [member.id, member]));
    const outcome = await submitAnnualAnalysisToMt(
      deps,
      year,
      analysisActor(person),
      members.map((member) => ({ id: member.id, name: member.name })),
      async (member, analysis) => {
        const viewer = byId.get(member.id);
        if (!viewer) return 'failed';
        const card = analysisCardFor(request, viewer, analysis);
        try {
          return (await sender.sendCard(member.id, card)) ? 'delivered' : 'failed';
        } catch (error) {
          const result = cardSendFailure(error);
          request.logger.warn({ err: error, personId: member.id, result }, 'analysis card not delivered');
          return result;
        }
      },
    );
    if (!outcome.ok) {
      if (outcome.error === 'notFound') return missing(year);
      request.logger.info({ year, error: outcome.error }, 'analysis not sent to the MT');
      const current = await deps.analyses.get(year);
      const reason = outcome.missing ? missingSettingsText(outcome.missing) : nlAnalysis.workflowErrors[outcome.error];
      return current ? warn(current.value, reason) : missing(year);
    }
    request.logger.info(
      {
        year,
        sent: outcome.sent.length,
        alreadyHad: outcome.alreadyHad.length,
        sending: outcome.sending.length,
        unconfirmed: outcome.unconfirmed.length,
        unreached: outcome.unreached.length,
      },
      'analysis sent to the MT',
    );
    return analysisCardFor(request, person, outcome.analysis.value, { notice: submittedNotice(outcome, year) });
  },
);

/** Staf kw: the nature and status of the measures taken on complaints, in their own words. */
export const analysisMeasuresSummaryVerb = analysisVerb(
  'analysis.measuresSummary',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) =>
    runStep(request, deps, person, year, {
      act: () => summariseAnnualAnalysisMeasures(deps, year, analysisActor(person), text(data, 'summary')),
      done: () => texts.notices.measuresSummarised,
      form: { name: 'measuresSummary', formId, values: typedValues(data) },
    }),
);

/** Staf kw: the report was shared with, or discussed by, one of the audiences on a date. */
export const analysisAudienceVerb = analysisVerb(
  'analysis.audience',
  formSubmit,
  async (request, { deps, person }, { year, formId }, data) => {
    const values = typedValues(data);
    const move = AUDIENCE_MOVES.find((candidate) => candidate === text(data, 'move'));
    if (!move) return reopenForm(request, deps, person, year, { name: 'audience', formId, values, errors: ['move'] });
    const audience = text(data, 'audience');
    const on = text(data, 'on');
    return runStep(request, deps, person, year, {
      act: () => recordAnnualAnalysisAudience(deps, year, analysisActor(person), { audience, move, on }),
      done: () => texts.notices.audienceRecorded(literal(audience), texts.audienceMoves[move], formatDate(on)),
      form: { name: 'audience', formId, values },
    });
  },
);

export const ANALYSIS_VERBS: readonly VerbHandler[] = [
  analysisRefreshVerb,
  analysisFormVerb,
  analysisAdoptVerb,
  analysisCommentVerb,
  analysisMeasureAddVerb,
  analysisMeasureStatusVerb,
  analysisSentToGgdVerb,
  analysisGgdMailVerb,
  analysisInformedVerb,
  analysisSubmitVerb,
  analysisMeasuresSummaryVerb,
  analysisAudienceVerb,
];

/**
 * A PersonalCardSender on the bot's adapter and the conversation references the bot keeps
 * (bot/conversation-references.ts saves the personal chat of everyone who talks to it). A person
 * who never opened the chat has no reference: false, and the caller says how to open the card.
 */
export function createPersonalCardSender(options: {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** MicrosoftAppId; '' with authentication off. */
  appId: string;
  references: Pick<ConversationReferenceStore, 'getReference'>;
}): PersonalCardSender {
  return {
    async sendCard(personId, card) {
      const stored = await options.references.getReference(personKey(personId));
      if (!stored?.reference || stored.unreachableSince) return false;
      const reference = stored.reference as Partial<ConversationReference>;
      await options.adapter.continueConversationAsync(options.appId, reference, async (context: TurnContext) => {
        await context.sendActivity(cardMessage(card));
      });
      return true;
    },
  };
}
