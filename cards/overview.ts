import template from './overview.json';
import { expand, type AdaptiveCard } from './render';

export interface Fact {
  title: string;
  value: string;
}

export interface OverviewModel {
  title: string;
  scope: string;
  totals: Fact[];
  sections: { heading: string; facts: Fact[] }[];
  complaintsHeading: string;
  complaintsLine: string;
}

/** Counts per location, kind and step, and the share of complaints settled within six weeks. */
export function overviewCard(model: OverviewModel): AdaptiveCard {
  return expand(template, { ...model, sections: model.sections.filter((section) => section.facts.length > 0) });
}
