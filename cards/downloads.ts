import template from './downloads.json';
import { expand, type AdaptiveCard } from './render';

export interface DownloadsModel {
  title: string;
  text: string;
  /** One button per file, opening its single-use link. */
  files: { title: string; url: string }[];
}

export function downloadsCard(model: DownloadsModel): AdaptiveCard {
  return expand(template, model);
}
