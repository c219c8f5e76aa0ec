import template from './slots.json';
import { expand, type AdaptiveCard } from './render';

export interface SlotButton {
  /** ISO instant the slot starts; sent back as `slotStart`. */
  start: string;
  /** Dutch label, e.g. "donderdag 3 december 2026 10:00–10:30". */
  title: string;
}

export interface SlotsCardModel {
  signalId: string;
  title: string;
  intro?: string;
  slots: SlotButton[];
  /** The offer's id: every slot button sends it, so one offer plans one conversation. */
  pickId?: string;
  /** Shown in a warning box (e.g. "only a slot after the deadline"). */
  warning?: string;
  /** The slots lie after the deadline: the pick must say why (a required reason field). */
  lateReason?: { label: string; error: string };
  /** A message instead of slots (calendar down, nothing free). */
  message?: string;
  messageTone?: 'default' | 'attention';
  /** Button to the manual planning form; absent when planning is not possible at all. */
  manualTitle?: string;
  backTitle: string;
}

/** The slots offered for the step-2 conversation, one Action.Execute `planning.pick` per slot. */
export function slotsCard(model: SlotsCardModel): AdaptiveCard {
  return expand(template, {
    signalId: model.signalId,
    title: model.title,
    intro: model.intro ?? '',
    slots: model.slots,
    pickId: model.pickId ?? '',
    warning: model.warning ?? '',
    lateReasonLabel: model.lateReason?.label ?? '',
    lateReasonError: model.lateReason?.error ?? '',
    slotInputs: model.lateReason ? 'auto' : 'none',
    message: model.message ?? '',
    messageStyle: model.messageTone === 'attention' ? 'attention' : 'default',
    manualTitle: model.manualTitle ?? '',
    backTitle: model.backTitle,
  });
}
