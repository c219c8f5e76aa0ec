/** Dutch texts of the meldplicht: the melding's card, its forms, the e-mail to the route, help. */
import type { DutyFieldError, DutyFormMove } from '../app/reporting-duty-forms';
import type {
  DutyFigures,
  DutyMoveError,
  DutyStep,
  DutyStepState,
  InspectorContact,
  OffenceKind,
  RouteFunction,
} from '../domain/reporting-duty';

export const nlReportingDuty = {
  functions: {
    houder: 'houder',
    directeur: 'directeur',
    aandachtsfunctionaris: 'aandachtsfunctionaris',
  } satisfies Record<RouteFunction, string>,
  offences: {
    sexual: 'Zedendelict',
    violence: 'Geweld',
    both: 'Geweld en zedendelict',
  } satisfies Record<OffenceKind, string>,
  yes: 'Ja',
  no: 'Nee',
  via: { intake: 'bij de registratie', later: 'later, op het signaal' },
  moves: {
    consult: 'Overleg vertrouwensinspecteur',
    conclude: 'Conclusie',
    reportToPolice: 'Aangifte politie',
    recordMeasures: 'Maatregelen',
    recordAftercare: 'Nazorg',
  } satisfies Record<DutyFormMove, string>,
  moveIntro: {
    consult:
      'Leg vast wanneer je de vertrouwensinspecteur sprak, met wie, en wat het advies was. De wet vraagt dit zonder uitstel.',
    conclude:
      'Is er na het overleg een redelijk vermoeden van een strafbaar feit? Bij ja volgt aangifte bij de politie.',
    reportToPolice: 'Leg vast wanneer en door wie aangifte is gedaan.',
    recordMeasures: 'Welke maatregelen zijn genomen richting de medewerker en richting de ouders?',
    recordAftercare: 'Welke nazorg is er voor het kind, de ouders, de groep en het team?',
  } satisfies Record<DutyFormMove, string>,
  fields: {
    on: 'Datum',
    time: 'Tijd (uu:mm)',
    inspector: 'Met wie bij de Inspectie (naam)',
    offence: 'Waar gaat het om?',
    advice: 'Advies van de vertrouwensinspecteur',
    reasonableSuspicion: 'Redelijk vermoeden van een strafbaar feit?',
    explanation: 'Toelichting',
    by: 'Aangifte gedaan door (naam, functie)',
    employee: 'Richting de medewerker',
    parents: 'Richting de ouders',
    text: 'Nazorg',
  } as Record<string, string>,
  fieldErrors: {
    required: 'Vul dit in.',
    unknownOption: 'Kies een van de mogelijkheden.',
    rejected:
      'Dit klopt niet: kijk het na (een datum ligt niet voor de melding en niet in de toekomst; tijd als 14:30).',
  } satisfies Record<DutyFieldError, string>,
  errors: {
    anonymised: 'De persoonsgegevens van dit signaal zijn al verwijderd; er kan niets meer worden vastgelegd.',
    alreadyFlagged: 'Dit signaal is al doorgegeven als melding (meldplicht).',
    notFlagged: 'Dit signaal is geen melding.',
    alreadyDone: 'Deze stap is al vastgelegd.',
    consultationFirst: 'Leg eerst het overleg met de vertrouwensinspecteur vast.',
    conclusionFirst: 'Leg eerst de conclusie na het overleg vast.',
    noSuspicion: 'Er is geen redelijk vermoeden vastgelegd, dus geen aangifte nodig.',
    invalidInput: 'Niet alles is goed ingevuld. Kijk de velden met een melding na; wat je typte staat er nog.',
    eventIdConflict: 'Deze kaart is verouderd. Open de melding opnieuw.',
  } satisfies Record<DutyMoveError, string>,
  steps: {
    consultation: 'Overleg met de vertrouwensinspecteur',
    conclusion: 'Conclusie: redelijk vermoeden?',
    policeReport: 'Aangifte bij de politie',
    measures: 'Maatregelen (medewerker en ouders)',
    aftercare: 'Nazorg',
  } satisfies Record<DutyStep, string>,
  stepStates: {
    done: 'vastgelegd',
    open: 'nog te doen',
    notNeeded: 'niet nodig (geen redelijk vermoeden)',
    waiting: 'na de vorige stap',
  } satisfies Record<DutyStepState, string>,
  card: {
    title: (reference: string) => `Meldplicht · ${reference}`,
    intro:
      'Mogelijk geweld of een zedendelict door iemand die bij ons werkt. Alleen de mensen van de meldroute zien deze melding.',
    route: 'Meldroute',
    flaggedAt: 'Gemeld',
    flaggedBy: 'Door',
    consultBy: 'Overleg uiterlijk',
    consultLate: 'te laat: het overleg met de vertrouwensinspecteur is niet binnen één werkdag vastgelegd',
    consultOnTime: 'op tijd',
    consultDone: 'gedaan',
    inspector: 'Vertrouwensinspecteur (Inspectie van het Onderwijs)',
    inspectorName: 'Naam',
    inspectorNote: 'Bereikbaar',
    phone: 'Telefoon',
    email: 'E-mail',
    recordedBy: 'Vastgelegd door',
    save: 'Opslaan',
    cancel: 'Annuleren',
    openSignal: 'Klachtkant openen',
    saved: (step: string) => `${step}: opgeslagen.`,
    duplicate: 'Dit was al opgeslagen.',
    placeholderChoose: 'Kies…',
    checkFieldsShared: 'Open de melding in je persoonlijke chat met Klantsignaal om stappen vast te leggen.',
  },
  openButton: 'Meldplicht openen',
  flagButton: 'Meldplicht: vermoeden van geweld of zedendelict',
  flagConfirm: {
    title: 'Doorgeven als melding (meldplicht)?',
    text: 'Gaat het (mogelijk) om geweld of een zedendelict door iemand die bij ons werkt (medewerker, stagiair, vrijwilliger, chauffeur)? Dan gaat dit signaal nu naar de aandachtsfunctionaris en de houder. Daarna zien alleen zij het, ook de klachtkant; jij en je collega\u2019s zien alleen dat het is doorgegeven. Dit kan niet worden teruggedraaid.',
    confirm: 'Ja, doorgeven',
    cancel: 'Annuleren',
  },
  passedOn: (reference: string) =>
    `**${reference}** is doorgegeven aan de aandachtsfunctionaris en de houder (meldplicht). Zij nemen het over; jij ziet het signaal daarom niet meer in je lijsten. Bespreek het niet met collega\u2019s of met de betrokken medewerker. Vragen? Neem contact op met de aandachtsfunctionaris.`,
  passedOnTitle: 'Doorgegeven (meldplicht)',
  notConfigured:
    'De meldroute voor de meldplicht is niet ingesteld (reportingDuty in het organisatiebestand). Neem direct contact op met de aandachtsfunctionaris of de houder en vraag de beheerder de meldroute in te stellen.',
  unavailable: 'Deze melding bestaat niet of je hoort niet bij de meldroute.',
  sharedChat:
    'Een melding (meldplicht) bekijk je alleen in je persoonlijke chat met Klantsignaal: hier leest iedereen in de chat mee.',
  mail: {
    subject: (reference: string) => `Meldplicht: nieuwe melding ${reference}`,
    body: (input: { name: string; reference: string; consultBy: string; inspector: InspectorContact }) =>
      [
        `Beste ${input.name},`,
        '',
        `In Klantsignaal is signaal ${input.reference} doorgegeven als melding onder de meldplicht: mogelijk geweld of een zedendelict door iemand die bij ons werkt. Jij staat op de meldroute.`,
        '',
        `Overleg zonder uitstel met de vertrouwensinspecteur, uiterlijk ${input.consultBy}, en leg het overleg vast in Klantsignaal (typ in Teams: status ${input.reference}).`,
        '',
        `Vertrouwensinspecteur: ${input.inspector.name}, telefoon ${input.inspector.phone}${input.inspector.email ? `, e-mail ${input.inspector.email}` : ''}${input.inspector.note ? ` (${input.inspector.note})` : ''}.`,
        '',
        'Deze e-mail bevat bewust geen inhoud van de melding. Stuur hem niet door.',
        '',
        'Klantsignaal',
      ].join('\n'),
  },
  reminder: {
    flagged: (reference: string) =>
      `Nieuwe melding (meldplicht): ${reference}. Overleg zonder uitstel met de vertrouwensinspecteur en leg het vast.`,
    today: (reference: string) =>
      `Meldplicht ${reference}: het overleg met de vertrouwensinspecteur moet vandaag worden vastgelegd.`,
    missed: (reference: string) =>
      `Meldplicht ${reference}: het overleg met de vertrouwensinspecteur is niet binnen één werkdag vastgelegd. Overleg nu en leg het vast.`,
  },
  ggd: (figures: DutyFigures) =>
    `Meldplicht (Wet kinderopvang) in ${figures.year}: ${figures.meldingen} meldingen van een mogelijk vermoeden van geweld of een zedendelict door een medewerker, ${figures.consultations} keer overleg met de vertrouwensinspecteur, ${figures.policeReports} aangiften bij de politie.`,
  help: {
    title: 'Meldplicht: geweld of een zedendelict door iemand die bij ons werkt',
    text: [
      'Sinds 1 juli 2013 geldt in de kinderopvang een **meld-, overleg- en aangifteplicht** (Wet kinderopvang) bij een mogelijk vermoeden van een zedendelict of geweld tegen een kind door iemand die bij de organisatie werkt (medewerker, stagiair, vrijwilliger, chauffeur).',
      '',
      '- **Medewerker**: meld het direct aan de houder. In Klantsignaal: beantwoord bij **nieuw** de vraag "Gaat het (mogelijk) om geweld of een zedendelict door iemand die bij ons werkt?" met **ja**, of kies op een bestaand signaal **Meldplicht: vermoeden van geweld of zedendelict**.',
      '- Het signaal wordt dan een **melding** op een eigen route: alleen de aandachtsfunctionaris en de houder/directeur (de meldroute in de instellingen) zien het en krijgen direct een bericht in Teams en een e-mail. Iedereen anders, ook de locatiemanager en staf kwaliteit, ziet er niets meer van; wie het registreerde ziet alleen dat het is doorgegeven.',
      '- **Houder**: overleg zonder uitstel met de **vertrouwensinspecteur** van de Inspectie van het Onderwijs (uiterlijk het eind van de eerstvolgende werkdag; anders volgt een escalatie). Leg het overleg vast (datum, tijd, met wie, advies), dan de conclusie (redelijk vermoeden ja/nee), bij ja de **aangifte bij de politie**, de maatregelen richting medewerker en ouders, en de nazorg.',
      '- De klacht van de ouder loopt gewoon door (bevestiging, oordeel, 6 weken), maar alleen binnen de meldroute.',
      '- De jaarcijfers (meldingen, overleggen, aangiften) ziet alleen de meldroute: **help meldplicht <jaar>**. Ze staan nooit in het verslag voor de oudercommissies.',
    ].join('\n'),
    contact: (inspector: InspectorContact) =>
      `Vertrouwensinspecteur: ${inspector.name}, telefoon ${inspector.phone}${inspector.email ? `, e-mail ${inspector.email}` : ''}${inspector.note ? ` (${inspector.note})` : ''}.`,
    figures: (figures: DutyFigures, offences: Record<OffenceKind | 'unknown', string>) =>
      [
        `**Jaarcijfers meldplicht ${figures.year}** (alleen voor de meldroute)`,
        '',
        `- Meldingen: ${figures.meldingen}`,
        `- Overleg met de vertrouwensinspecteur: ${figures.consultations} (waarvan binnen één werkdag: ${figures.consultedInTime})`,
        `- Redelijk vermoeden: ${figures.reasonableSuspicions}`,
        `- Aangiften bij de politie: ${figures.policeReports}`,
        '',
        ...(['sexual', 'violence', 'both', 'unknown'] as const)
          .filter((kind) => figures.byOffence[kind].meldingen > 0)
          .map(
            (kind) =>
              `- ${offences[kind]}: ${figures.byOffence[kind].meldingen} meldingen, ${figures.byOffence[kind].consultations} overleggen, ${figures.byOffence[kind].policeReports} aangiften`,
          ),
      ].join('\n'),
    unknownOffence: 'Nog niet bekend (geen overleg)',
    badYear: 'Gebruik: **help meldplicht** of **help meldplicht 2026** (een jaartal).',
  },
};
