import { z } from 'zod';
import { noticeCard } from '../../cards/notice';
import { parseMoveForm, type MoveFieldError } from '../../src/app/move-forms';
import { performMove, viewSignal } from '../../src/app/signal-moves';
import { performMoveWithOutbound } from '../../src/app/plan-conversation';
import { trackSignalReminders } from '../../src/app/reminders';
import { MOVE_NAMES, moveGuard } from '../../src/domain/process';
import { nlSignal, refusalText } from '../../src/i18n/nl-signal';
import { nl } from '../../src/i18n/nl';
import type { TurnRequest, VerbHandler } from '../handlers';
import { inSharedConversation } from '../conversation';
import { signalCardFor } from '../signal-view';
import type { Signal } from '../../src/domain/signal';
import type { OutboxItem } from '../../src/app/outbox';
import { canMakeMove } from '../../src/app/access';
import { maskEmail } from '../../src/app/letters';
import { moveTitle } from '../../cards/signal';
import { formatDateTime } from '../../src/i18n/format';

const signalRef = z.object({ signalId: z.string().min(1).max(100) });
const moveRef = signalRef.extend({ move: z.enum(MOVE_NAMES) });
const moveSubmit = moveRef.extend({ formId: z.uuid() });

const unavailable = () => noticeCard({ text: nlSignal.card.unavailable, tone: 'warning' });
const badRequest = () => noticeCard({ text: nl.errors.badRequest, tone: 'error' });

function deps(request: TurnRequest) {
  return {
    store: request.services.store,
    directory: request.services.directory,
    clock: request.services.clock,
    accessLog: request.services.accessLog,
  };
}

/** Shows the signal card (also the "Annuleren" of a form and the button on reminder cards). */

/** Moves that can promise the parent something by a date: reminded like measures. */
const COMMITMENT_MOVES: ReadonlySet<string> = new Set(['recordDecision', 'disputeRuling', 'complaintsDeskOutcome']);
export const signalOpenVerb: VerbHandler = {
  verb: 'signal.open',
  needsPerson: true,
  async run(request, data) {
    const parsed = signalRef.safeParse(data);
    if (!parsed.success) return badRequest();
    const outcome = await viewSignal(deps(request), parsed.data.signalId, request.person!);
    return outcome.kind === 'found' ? signalCardFor(request, outcome.signal) : unavailable();
  },
};

/** Teams asks for the current card when someone looks at it (Action.Execute refresh). */
export const signalRefreshVerb: VerbHandler = { ...signalOpenVerb, verb: 'signal.refresh' };

/** A move's button: the card shows that move's form, with a fresh form id. */
export const signalFormVerb: VerbHandler = {
  verb: 'signal.form',
  needsPerson: true,
  async run(request, data) {
    const parsed = moveRef.safeParse(data);
    if (!parsed.success) return badRequest();
    const outcome = await viewSignal(deps(request), parsed.data.signalId, request.person!);
    if (outcome.kind !== 'found') return unavailable();
    if (!canMakeMove(request.person!, outcome.signal, parsed.data.move))
      return signalCardFor(request, outcome.signal, { notice: { text: nlSignal.notYourRole, tone: 'warning' } });
    const guard = moveGuard(outcome.signal, parsed.data.move);
    if (guard)
      return signalCardFor(request, outcome.signal, { notice: { text: nlSignal.moveErrors[guard], tone: 'warning' } });
    return signalCardFor(request, outcome.signal, {
      form: { move: parsed.data.move, formId: request.services.newId() },
    });
  },
};

/** A form's "Opslaan": validates, applies the move, and shows the updated card, or the form again with what was typed. */
export const signalMoveVerb: VerbHandler = {
  verb: 'signal.move',
  needsPerson: true,
  async run(request, data) {
    const parsed = moveSubmit.safeParse(data);
    if (!parsed.success) return badRequest();
    const { signalId, move, formId } = parsed.data;
    const current = await viewSignal(deps(request), signalId, request.person!);
    if (current.kind !== 'found') return unavailable();
    const values = Object.fromEntries(
      Object.entries(data)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([key, value]) => [key, value.slice(0, 4000)]),
    );
    const form = parseMoveForm(
      move,
      data,
      current.signal,
      request.services.directory.organisation(),
      request.services.clock.now(),
    );
    /** Refused or overtaken: the form stays, with what was typed and the reason (see keepForm). */
    const keepForm = (signal: Signal, error: string, errors?: Record<string, MoveFieldError>) => {
      // In a group chat or channel a re-rendered form shows what was typed to everyone there; a
      // message leaves the inputs on the sender's screen only.
      if (inSharedConversation(request.context)) {
        const fields = Object.keys(errors ?? {}).map((field) => nlSignal.fields[field] ?? field);
        const text = fields.length > 0 ? `${error} ${nlSignal.card.checkFieldsShared(fields)}` : error;
        return { type: 'message' as const, text };
      }
      return signalCardFor(request, signal, { form: { move, formId, values, ...(errors ? { errors } : {}), error } });
    };
    if (!form.ok) return keepForm(current.signal, nlSignal.moveErrors.invalidInput, form.errors);
    const moveRequest = {
      signalId,
      command: form.command,
      actor: request.person!,
      eventId: formId,
      preloaded: { value: current.signal, etag: current.etag },
    };
    // With outbound wired, the letters a move generates are queued to be e-mailed or printed.
    const outbound = request.services.outbound;
    const outcome = outbound
      ? await performMoveWithOutbound({ ...deps(request), outbound }, moveRequest)
      : await performMove(deps(request), moveRequest);
    if (outcome.kind === 'unavailable') return unavailable();
    // Refused or overtaken, on the current signal: "Opslaan" again is harmless (the form id), or "Annuleren".
    if (outcome.kind === 'conflict') return keepForm(outcome.signal, nlSignal.card.conflict);
    if (outcome.kind === 'rejected') {
      request.logger.info({ signalId, move, error: outcome.error }, 'move refused');
      const errors = outcome.field ? { [outcome.field]: 'rejected' as const } : undefined;
      return keepForm(outcome.signal, refusalText(outcome.error), errors);
    }
    request.logger.info({ signalId, move, duplicate: outcome.duplicate }, 'move applied');
    // A settled complaint has no open deadline for the sweep to find it by: put its measures (and a
    // ruling's obligations, the Klachtenloket's agreements) on the watch list now. Also on a
    // duplicate: the first press may have saved the move and failed right here.
    if (COMMITMENT_MOVES.has(move) && request.services.reminders) {
      await trackSignalReminders(request.services.reminders, outcome.signal, request.services.reminderRules);
    }
    const letters: OutboxItem[] = 'letters' in outcome && Array.isArray(outcome.letters) ? outcome.letters : [];
    const sent = letters.map((item) => letterResultLine(item, outcome.signal));
    return signalCardFor(request, outcome.signal, {
      notice: {
        text: outcome.duplicate
          ? nlSignal.card.duplicate
          : sent.length > 0
            ? sent.map((line) => line.text).join(' ')
            : `${moveTitle(move, current.signal)}: ${nlSignal.card.saved.toLowerCase()}`,
        tone: sent.some((line) => !line.ok) ? 'warning' : 'good',
      },
    });
  },
};

/** What went out, to whom, how and when: the card's answer to a move that sent a letter. */
function letterResultLine(item: OutboxItem, signal: Signal): { text: string; ok: boolean } {
  const t = nlSignal.letterResult;
  const kind = item.work.kind === 'letter' ? item.work.letterKind : 'confirmation';
  const what = t.what[kind];
  const when = formatDateTime(item.doneAt ?? item.updatedAt);
  if (item.state === 'failed') return { text: t.failed(what), ok: false };
  if (item.state !== 'sent') return { text: t.pending(what), ok: false };
  if (item.work.kind === 'letter' && item.work.route === 'print') return { text: t.printReady(what, when), ok: true };
  return { text: t.emailed(what, maskEmail(signal.parent?.email ?? ''), when), ok: true };
}
