import nodemailer from 'nodemailer';
import type { RenderedMail } from './template';

/** Hands one mail to whatever delivers it; throws if it was not accepted. */
export interface MailTransport {
  /** Whether the mail really leaves the system (secret bodies are blanked only then). */
  readonly delivers: boolean;
  send(mail: RenderedMail & { to: string }): Promise<void>;
  close(): void;
}

/** Sends over SMTP to `url` (smtp://, smtps://, with credentials and options in the URL, as nodemailer reads it). */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    delivers: true,
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Without SMTP (the demo): a mail is written to the log instead, so a reset link can be followed from the
 * console, and stays readable on the staff outbox page.
 */
export function logTransport(log: (mail: RenderedMail & { to: string }) => void): MailTransport {
  return {
    delivers: false,
    async send(mail) {
      log(mail);
    },
    close() {},
  };
}
