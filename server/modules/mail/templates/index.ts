import type { MailTemplate } from '../template';
import { consultationAnswered } from './consultation-answered';
import { noticeMail } from './notice';
import { passwordReset } from './password-reset';
import { sittingChanged } from './sitting-changed';

/**
 * Every kind of mail the system sends, by name: one file per kind in this folder, each listed here once.
 * The name is stored with each mail, so it is also what the outbox page filters and shows.
 */
export const MAIL_TEMPLATES = {
  'password-reset': passwordReset,
  'sitting-changed': sittingChanged,
  'consultation-answered': consultationAnswered,
  notice: noticeMail,
};

export type MailTemplates = typeof MAIL_TEMPLATES;
export type MailTemplateName = keyof MailTemplates;
/** The values a template takes, read off its definition. */
export type MailValues<K extends MailTemplateName> = MailTemplates[K] extends MailTemplate<infer V> ? V : never;
