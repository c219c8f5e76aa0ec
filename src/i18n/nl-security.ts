/** Dutch texts of the protections (flood guard). Code stays English; only these strings are Dutch. */
export const nlSecurity = {
  flood: {
    /** Sent once when someone's messages come faster than the bot takes them; later ones are dropped. */
    slowDown:
      'Rustig aan: je stuurt veel berichten kort na elkaar. Ik sla er een paar over. Wacht een paar seconden en stuur je vraag dan opnieuw.',
    /** Shown under the card when a card action came too fast; the card itself stays as it was. */
    cardSlowDown:
      'Rustig aan: je klikt erg snel achter elkaar. Er is niets opgeslagen voor deze klik. Wacht een paar seconden en probeer het opnieuw; wat je hebt ingevuld staat er nog.',
  },
} as const;
