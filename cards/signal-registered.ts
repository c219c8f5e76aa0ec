import template from './signal-registered.json';
import { expand, type AdaptiveCard } from './render';
import type { Signal } from '../src/domain/signal';
import type { Organisation } from '../src/domain/organisation';
import { nl } from '../src/i18n/nl';
import { formatCardDate, literal } from '../src/i18n/format';

export interface SignalRegisteredModel {
  signal: Signal;
  organisation: Organisation;
  alreadyRegistered: boolean;
}

export function signalRegisteredCard({ signal, organisation, alreadyRegistered }: SignalRegisteredModel): AdaptiveCard {
  const location = organisation.locations.find((candidate) => candidate.id === signal.locationId);
  const facts: { title: string; value: string }[] = [
    { title: nl.summary.reference, value: signal.reference },
    { title: nl.summary.kind, value: nl.kinds[signal.kind] },
    { title: nl.summary.location, value: literal(location?.name ?? signal.locationId) },
  ];
  if (signal.deadlines.settleBy)
    facts.push({ title: nl.summary.settleBy, value: formatCardDate(signal.deadlines.settleBy) });
  if (signal.deadlines.answerBy)
    facts.push({ title: nl.summary.answerBy, value: formatCardDate(signal.deadlines.answerBy) });
  return expand(template, {
    title: `${nl.summary.title}: ${signal.reference}`,
    notice: alreadyRegistered ? nl.summary.alreadyRegistered : '',
    facts,
    next: nl.summary.next,
    signalId: signal.id,
    openTitle: nl.summary.open,
    newTitle: nl.welcome.newSignal,
  });
}
