import template from './privacy.json';
import { expand, type AdaptiveCard } from './render';
import type { ParentDataExport } from '../src/app/privacy';
import { formatDate, literal } from '../src/i18n/format';
import { nl } from '../src/i18n/nl';
import { nlPrivacy } from '../src/i18n/nl-privacy';

/** Subject access: everything kept about the parent on this signal, shown literally. */
export function parentDataCard(signalId: string, data: ParentDataExport): AdaptiveCard {
  const { parent } = data;
  const facts = [
    { title: nlPrivacy.fields.name, value: literal(parent.name) },
    ...(parent.email ? [{ title: nlPrivacy.fields.email, value: literal(parent.email) }] : []),
    ...(parent.phone ? [{ title: nlPrivacy.fields.phone, value: literal(parent.phone) }] : []),
    { title: nlPrivacy.fields.preference, value: nl.contactPreferences[parent.contactPreference] },
  ];
  const texts = [
    { title: nlPrivacy.description, text: literal(data.description) },
    ...(data.parentWish ? [{ title: nlPrivacy.wish, text: literal(data.parentWish) }] : []),
    ...data.letters.map((letter) => ({
      title: `${nlPrivacy.letters}: ${literal(letter.subject)} (${formatDate(letter.createdAt)})`,
      text: literal(letter.body),
    })),
  ];
  return expand(template, {
    signalId,
    title: nlPrivacy.exportTitle(data.reference),
    intro: nlPrivacy.exportIntro,
    facts,
    texts,
    confirm: [],
    backTitle: nlPrivacy.back,
  });
}

/** Asks staf kw to confirm the erasure; the form id makes a double click erase once. */
export function eraseConfirmCard(signalId: string, formId: string): AdaptiveCard {
  return expand(template, {
    signalId,
    title: nlPrivacy.eraseTitle,
    intro: nlPrivacy.eraseIntro,
    facts: [],
    texts: [],
    confirm: [{ title: nlPrivacy.eraseConfirm, formId }],
    backTitle: nlPrivacy.back,
  });
}
