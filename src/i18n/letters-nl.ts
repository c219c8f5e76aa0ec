/** The letters to parents, in Dutch. Plain text; the mailer escapes it for HTML. */
export interface LetterTexts {
  parentName: string;
  reference: string;
  organisationName: string;
  locationName: string;
  handlerName: string;
}

export const confirmationLetter = (
  t: LetterTexts & { conversation: string; receivedOn: string },
): { subject: string; body: string } => ({
  subject: `Bevestiging van uw klacht (${t.reference})`,
  body: [
    `Beste ${t.parentName},`,
    '',
    `Op ${t.receivedOn} heeft u ons laten weten dat u niet tevreden bent over ${t.locationName}. ` +
      'Met deze brief bevestigen wij dat wij uw klacht hebben ontvangen en dat de organisatie hem in behandeling heeft genomen.',
    '',
    t.conversation,
    '',
    `Uw klacht wordt behandeld door ${t.handlerName}. Wilt u iets aanvullen of wijzigen, dan kunt u contact met ` +
      `ons opnemen en het kenmerk ${t.reference} noemen.`,
    '',
    'Wij streven ernaar uw klacht zo snel mogelijk, en uiterlijk binnen zes weken na ontvangst, af te handelen ' +
      'met een schriftelijk en met redenen omkleed oordeel.',
    '',
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
    ...(t.measures.length > 0
      ? [
          'Wij nemen de volgende maatregelen:',
          ...t.measures.map((measure) => `- ${measure.description} (uiterlijk ${measure.deadline})`),
          '',
        ]
      : []),
    'Bent u het niet eens met dit oordeel, dan kunt u zich wenden tot het Klachtenloket Kinderopvang ' +
      '(www.klachtenloket-kinderopvang.nl) en daarna tot de Geschillencommissie Kinderopvang.',
    '',
    'Met vriendelijke groet,',
    '',
    t.handlerName,
    t.organisationName,
  ].join('\n'),
});
