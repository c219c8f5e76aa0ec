/** The letters to parents, in Dutch. Plain text; the mailer escapes it for HTML. */
export interface LetterTexts {
  parentName: string;
  reference: string;
  organisationName: string;
  locationName: string;
  handlerName: string;
}

/**
 * The confirmation of step 2. Only a klacht has the legal term: its letter names the date by which the
 * parent gets the written, reasoned judgment; a zorg or vraag is promised no judgment.
 */
export const confirmationLetter = (
  t: LetterTexts & { conversation: string; receivedOn: string; settleBy?: string },
): { subject: string; body: string } => ({
  subject: t.settleBy ? `Bevestiging van uw klacht (${t.reference})` : `Bevestiging van uw bericht (${t.reference})`,
  body: [
    `Beste ${t.parentName},`,
    '',
    t.settleBy
      ? `Op ${t.receivedOn} heeft u ons laten weten dat u niet tevreden bent over ${t.locationName}. ` +
        'Met deze brief bevestigen wij dat wij uw klacht hebben ontvangen en dat de organisatie hem in behandeling heeft genomen.'
      : `Op ${t.receivedOn} heeft u ons iets laten weten over ${t.locationName}. ` +
        'Met deze brief bevestigen wij dat de organisatie uw bericht in behandeling heeft genomen.',
    '',
    t.conversation,
    '',
    `Uw ${t.settleBy ? 'klacht' : 'bericht'} wordt behandeld door ${t.handlerName}. Wilt u iets aanvullen of ` +
      `wijzigen, dan kunt u contact met ons opnemen en het kenmerk ${t.reference} noemen.`,
    '',
    ...(t.settleBy
      ? [
          `De wet geeft ons zes weken om uw klacht af te handelen: u ontvangt uiterlijk ${t.settleBy} ons ` +
            'schriftelijke en met redenen omklede oordeel.',
          '',
        ]
      : []),
    'Met vriendelijke groet,',
    '',
    t.handlerName,
    t.organisationName,
  ].join('\n'),
});

export const conversationLine = {
  meeting: (when: string) => `Wij nodigen u graag uit voor een gesprek op ${when}.`,
  phone: (when: string) => `Wij bellen u graag op ${when} om uw klacht te bespreken.`,
  writing: () => 'U heeft aangegeven dat u een schriftelijke reactie wenst; die ontvangt u binnen twee weken.',
};

/** The measures as a list under their heading, with a blank line after; nothing without measures. */
function measureLines(heading: string, measures: { description: string; deadline: string }[]): string[] {
  if (measures.length === 0) return [];
  return [heading, ...measures.map((measure) => `- ${measure.description} (uiterlijk ${measure.deadline})`), ''];
}

/** Step 0/1: what was agreed with the centre, on paper. It settles the klacht. */
export const agreementLetter = (
  t: LetterTexts & { agreement: string; measures: { description: string; deadline: string }[]; receivedOn: string },
): { subject: string; body: string } => ({
  subject: `Wat wij met u hebben afgesproken over uw klacht (${t.reference})`,
  body: [
    `Beste ${t.parentName},`,
    '',
    `Op ${t.receivedOn} heeft u ons laten weten dat u niet tevreden bent over ${t.locationName}. ` +
      'Wij hebben dat met u besproken. In deze brief zetten wij op papier wat wij hebben afgesproken.',
    '',
    t.agreement,
    '',
    ...measureLines('Wij doen het volgende:', t.measures),
    'Klopt dit niet, of bent u toch niet tevreden, laat het ons dan weten en noem het kenmerk ' +
      `${t.reference}. U kunt uw klacht dan ook voorleggen aan de organisatie.`,
    '',
    'Met vriendelijke groet,',
    '',
    t.handlerName,
    t.organisationName,
  ].join('\n'),
});

export const decisionLetter = (
  t: LetterTexts & { decision: string; measures: { description: string; deadline: string }[]; receivedOn: string },
): { subject: string; body: string } => ({
  subject: `Ons oordeel over uw klacht (${t.reference})`,
  body: [
    `Beste ${t.parentName},`,
    '',
    `Op ${t.receivedOn} heeft u een klacht ingediend over ${t.locationName}. Wij hebben uw klacht onderzocht. ` +
      'In deze brief leest u ons oordeel en de redenen daarvoor.',
    '',
    t.decision,
    '',
    ...measureLines('Wij nemen de volgende maatregelen:', t.measures),
    'Bent u het niet eens met dit oordeel, dan kunt u zich wenden tot het Klachtenloket Kinderopvang ' +
      '(www.klachtenloket-kinderopvang.nl) en daarna tot de Geschillencommissie Kinderopvang.',
    '',
    'Met vriendelijke groet,',
    '',
    t.handlerName,
    t.organisationName,
  ].join('\n'),
});
