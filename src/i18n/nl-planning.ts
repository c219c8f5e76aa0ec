/** Dutch texts of Outlook planning, the invitation, the outbox and letter delivery. */
import type { InviteResponse, LetterKind } from '../domain/signal';

/**
 * Why outbound work failed, as the card says it (the raw code stays in the log): the service
 * refused it, the data cannot be sent as it is, the service could not be reached, or something else.
 */
export type OutboxFailure = 'refused' | 'invalid' | 'unreachable' | 'unknown';

export const nlPlanning = {
  offer: {
    title: 'Gesprek plannen in Outlook',
    intro: (reference: string, deadline: string) =>
      `Kies een moment voor het gesprek over ${reference}. Het gesprek moet uiterlijk ${deadline} zijn gevoerd. ` +
      'De momenten zijn vrij in de agenda van de manager (en van staf kwaliteit, als die meedoet).',
    afterDeadline: 'Geen vrij moment vóór de termijn; dit is het eerste daarna.',
    noSlots: 'Er is geen vrij moment gevonden, ook niet in de twee weken na de termijn. Vul zelf een tijd in.',
    manual: 'Zelf een tijd invullen',
    back: 'Terug naar het signaal',
    slot: (day: string, from: string, to: string) => `${day} ${from}–${to}`,
    calendarUnavailable:
      'De agenda in Outlook is nu niet bereikbaar. Probeer het over een paar minuten opnieuw, of vul zelf een tijd in.',
    calendarFailed: 'De agenda kon niet worden gelezen. Vraag de beheerder de Outlook-koppeling na te kijken.',
    noManagerEmail: 'Van de manager is geen e-mailadres bekend, dus de agenda kan niet worden gelezen.',
    notConfigured: 'Plannen in Outlook is niet ingesteld.',
    invalidSlot: 'Dit moment kan niet (meer) worden gekozen. Kies een ander moment.',
  },
  pick: {
    planned: (when: string) => `Gesprek gepland op ${when}.`,
    invitationSent: 'De Outlook-uitnodiging is verstuurd.',
    invitationPending:
      'De Outlook-uitnodiging nog niet verstuurd: Outlook is nu niet bereikbaar. Klantsignaal probeert het opnieuw.',
    invitationFailed: 'De Outlook-uitnodiging kon niet worden verstuurd. Vraag de beheerder dit na te kijken.',
    noInvitation: 'Er is geen uitnodiging nodig.',
  },
  invite: {
    subject: (kindLabel: string, reference: string) => `Gesprek over uw ${kindLabel.toLowerCase()} (${reference})`,
    summary: (kindLabel: string, locationName: string) =>
      `Gesprek over uw ${kindLabel.toLowerCase()} bij ${locationName}.`,
    phoneNote: (managerName: string) => `${managerName} belt de ouder op het telefoonnummer dat bij ons bekend is.`,
    /** Sent to the attendees with the cancellation of an invitation a re-plan replaced. */
    cancelComment: (reference: string) =>
      `Het gesprek over ${reference} is verplaatst of vervalt. Deze afspraak gaat niet door; ` +
      'als er een nieuw moment is, krijgt u daarvoor een aparte uitnodiging.',
  },
  /** The reason in a failure line on the card, per service. */
  failures: {
    mail: {
      refused: 'geweigerd door de mailserver',
      invalid: 'de brief of het e-mailadres klopt niet',
      unreachable: 'de mailserver is niet bereikbaar',
      unknown: 'onbekende fout',
    },
    calendar: {
      refused: 'geweigerd door Outlook',
      invalid: 'de gegevens van de afspraak kloppen niet',
      unreachable: 'Outlook is niet bereikbaar',
      unknown: 'onbekende fout',
    },
  } satisfies Record<'mail' | 'calendar', Record<OutboxFailure, string>>,
  history: {
    /** Note on the history event of a withdrawn invitation. */
    invitationWithdrawn: 'Eerdere Outlook-uitnodiging ingetrokken: de deelnemers kregen een annulering.',
  },
  /** Shown on the signal card for outbox work that is not done. */
  outbox: {
    invite: {
      pending: 'Outlook-uitnodiging nog niet verstuurd: Outlook is niet bereikbaar. Klantsignaal probeert het opnieuw.',
      claimed: 'Outlook-uitnodiging wordt nu verstuurd.',
      failed: (reason: string) =>
        `Outlook-uitnodiging kon niet worden verstuurd (${reason}). Vraag de beheerder dit na te kijken.`,
      unconfirmed: 'Niet zeker of de Outlook-uitnodiging is verstuurd; kijk in de agenda van de manager.',
    },
    /** Withdrawing (cancelling) an invitation that a re-plan replaced. */
    withdrawal: {
      pending:
        'Eerdere Outlook-uitnodiging nog niet ingetrokken: Outlook is niet bereikbaar. Klantsignaal probeert het opnieuw.',
      claimed: 'Eerdere Outlook-uitnodiging wordt nu ingetrokken.',
      failed: (reason: string) =>
        `Eerdere Outlook-uitnodiging kon niet worden ingetrokken (${reason}). Annuleer die afspraak in Outlook.`,
      unconfirmed: 'Niet zeker of de eerdere Outlook-uitnodiging is ingetrokken; kijk in de agenda van de manager.',
    },
    letter: {
      pending: (letter: string) =>
        `${letter} nog niet verstuurd: de mail is niet bereikbaar. Klantsignaal probeert het opnieuw.`,
      claimed: (letter: string) => `${letter} wordt nu verstuurd.`,
      failed: (letter: string, reason: string) =>
        `${letter} kon niet worden verstuurd (${reason}). Vraag de beheerder dit na te kijken.`,
      unconfirmed: (letter: string) =>
        `Niet zeker of de ${letter.toLowerCase()} is verstuurd; kijk in Verzonden items van de gedeelde mailbox.`,
    },
  },
  letters: { confirmation: 'Bevestigingsbrief', decision: 'Brief met de uitkomst' } satisfies Record<
    LetterKind,
    string
  >,
  responses: {
    none: 'Nog geen antwoord op de uitnodiging',
    accepted: 'Uitnodiging geaccepteerd',
    tentativelyAccepted: 'Uitnodiging voorlopig geaccepteerd',
    declined: 'Uitnodiging afgewezen: kies een ander moment',
  } satisfies Record<InviteResponse, string>,
  replan: 'Ander moment kiezen',
  planInOutlook: 'Gesprek plannen in Outlook',
  /** Heading of the .txt letter in the print folder. */
  print: {
    heading: (reference: string) => `Brief om te printen en per post te versturen — kenmerk ${reference}`,
    to: (name: string) => `Aan: ${name}`,
    subject: (subject: string) => `Onderwerp: ${subject}`,
  },
};
