/**
 * The demo signals of `npm start` (DEMO_DATA): what invented parents told the demo employee. No
 * real person; the e-mail addresses use the reserved example.nl domain.
 */
export const nlDemo = {
  signals: [
    {
      parentName: 'Fatima el Amrani',
      parentEmail: 'fatima.elamrani@example.nl',
      description: 'Vraagt of haar dochter in de zomervakantie een extra dag kan komen, en wat dat kost.',
      parentWish: 'Een antwoord per e-mail',
    },
    {
      parentName: 'Jeroen Bakker',
      parentEmail: 'jeroen.bakker@example.nl',
      description: 'Zijn zoon kwam drie keer met een natte broek thuis zonder dat het bij de overdracht werd gemeld.',
      parentWish: 'Dat het voortaan bij het ophalen wordt verteld',
    },
    {
      parentName: 'Sanne de Vries',
      parentEmail: 'sanne.devries@example.nl',
      description:
        'De groep was twee weken lang elke ochtend onderbezet; de ouder maakt zich zorgen over de veiligheid.',
      parentWish: 'Een gesprek met de leidinggevende',
    },
  ],
} as const;
