import type { Language } from './language';

/** A mail as rendered for one recipient: a subject and a plain-text body. */
export interface RenderedMail {
  subject: string;
  text: string;
}

/**
 * One kind of mail: a subject and plain text in each interface language, written in code beside each other
 * so a translation cannot go missing (the type demands all three). `secret` mails carry something that works
 * by itself (a reset link): their body is blanked in the outbox once sent.
 */
export interface MailTemplate<Values> {
  secret?: boolean;
  render: Record<Language, (values: Values) => RenderedMail>;
}

/** Declares a template with its values' type, so `enqueue` checks the values a caller passes. */
export function defineTemplate<Values>(template: MailTemplate<Values>): MailTemplate<Values> {
  return template;
}
