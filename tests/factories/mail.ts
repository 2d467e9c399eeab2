import { smtpTransport, type MailTransport } from '../../server/modules/mail/transport';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';

/** An app that sends its mail to a test SMTP server, and the transport a test drains the outbox through. */
export interface MailApp {
  t: TestApp;
  smtp: TestSmtp;
  transport: MailTransport;
  /** Closes the transport, the app and the SMTP server, in that order. */
  close: () => Promise<void>;
}

/** The start of a mail test file: the SMTP server first, so the app's configuration can name it. */
export async function mailApp(env: Record<string, string> = {}): Promise<MailApp> {
  const smtp = await startTestSmtp();
  const t = await createTestApp({ ...env, SMTP_URL: smtp.url });
  const transport = smtpTransport(smtp.url, t.config.mail.from);
  return {
    t,
    smtp,
    transport,
    close: async () => {
      transport.close();
      await t.close();
      await smtp.close();
    },
  };
}
