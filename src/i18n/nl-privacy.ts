/** Dutch texts of the AVG requests on the signal card (staf kwaliteit only). */
export const nlPrivacy = {
  exportButton: 'Gegevens ouder (inzage)',
  eraseButton: 'Gegevens ouder wissen',
  back: 'Terug naar het signaal',
  exportTitle: (reference: string) => `Gegevens van de ouder bij ${reference}`,
  exportIntro: 'Dit is alles wat Klantsignaal over de ouder bij dit signaal bewaart. Deze inzage is vastgelegd.',
  eraseTitle: 'Gegevens van de ouder wissen',
  eraseIntro:
    'Op verzoek van de ouder worden naam, contactgegevens, alle vrije tekst en de brieven gewist. De cijfers voor het jaarverslag blijven. Dit kan niet ongedaan worden gemaakt.',
  eraseConfirm: 'Definitief wissen',
  erased: 'De gegevens van de ouder zijn gewist. Dat staat in de geschiedenis.',
  notAllowed: 'Alleen staf kwaliteit behandelt verzoeken om inzage of wissen.',
  nothingLeft: 'Er zijn geen gegevens van de ouder meer bij dit signaal.',
  fields: { name: 'Naam', email: 'E-mail', phone: 'Telefoon', preference: 'Contact bij voorkeur' },
  description: 'Wat is er gebeurd?',
  wish: 'Wat wil de ouder?',
  letters: 'Brieven',
};
