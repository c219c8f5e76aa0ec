import template from './notice.json';
import { expand, type AdaptiveCard } from './render';

export interface NoticeModel {
  title?: string;
  text: string;
  tone?: 'default' | 'warning' | 'error';
}

const COLORS = { default: 'Default', warning: 'Warning', error: 'Attention' } as const;

export function noticeCard(model: NoticeModel): AdaptiveCard {
  return expand(template, { title: model.title ?? '', text: model.text, color: COLORS[model.tone ?? 'default'] });
}
