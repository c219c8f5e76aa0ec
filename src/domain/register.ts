import { initialDeadlines, nextOpenDeadline, type DeadlineSettings } from './deadlines';
import type { IntakeInput } from './intake';
import type { PersonRef, Signal } from './signal';

export interface RegisterCommand {
  /** Chosen by the caller (the intake card's id) so a re-sent submit creates nothing new. */
  id: string;
  reference: string;
  input: IntakeInput;
  by: PersonRef;
  at: Date;
}

/** A new signal starts at step 0 with the employee who registered it as owner. */
export function registerSignal(command: RegisterCommand, settings: DeadlineSettings): Signal {
  const { input, by } = command;
  const at = command.at.toISOString();
  const deadlines = initialDeadlines(input.kind, input.receivedOn, settings);
  const signal: Signal = {
    id: command.id,
    reference: command.reference,
    kind: input.kind,
    locationId: input.locationId,
    themeId: input.themeId,
    channel: input.channel,
    receivedOn: input.receivedOn,
    parent: {
      name: input.parentName,
      ...(input.parentEmail ? { email: input.parentEmail } : {}),
      ...(input.parentPhone ? { phone: input.parentPhone } : {}),
      contactPreference: input.contactPreference,
    },
    description: input.description,
    parentWish: input.parentWish ?? '',
    registeredBy: by,
    registeredAt: at,
    owner: by,
    step: 'employee',
    highestStep: 'employee',
    status: 'open',
    deadlines,
    nextDeadline: null,
    history: [
      {
        id: `${command.id}:registered`,
        type: 'registered',
        at,
        actor: by,
        after: {},
      },
    ],
  };
  signal.nextDeadline = nextOpenDeadline(signal);
  // The first event records the whole starting state (no parent details), so the history replays from it.
  signal.history[0]!.after = {
    reference: signal.reference,
    kind: signal.kind,
    locationId: signal.locationId,
    owner: signal.owner,
    step: signal.step,
    highestStep: signal.highestStep,
    status: signal.status,
    deadlines: signal.deadlines,
    nextDeadline: signal.nextDeadline,
  };
  return signal;
}
