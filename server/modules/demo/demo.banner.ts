import type { DemoAccountView } from './demo.service';

/** The console notice printed at start on a demo installation: its accounts, so anyone can try every role. */
export function formatDemoBanner(accounts: DemoAccountView[], url: string): string {
  const rows = accounts.map((a) => {
    const totp = a.totpSecret ? `  TOTP secret ${a.totpSecret}` : '';
    return `  ${a.role.padEnd(13)} ${a.email.padEnd(28)} password ${a.password}${totp}`;
  });
  return [
    '',
    'DEMO INSTALLATION: the data below is made up, and these accounts are public.',
    ...rows,
    `Staff sign-in asks for a two-factor code; on the demo the sign-in page shows the current one (${url}/sign-in).`,
    `Reserve programme (issue 18): round EHTIYAT-${new Date().getUTCFullYear()} waits at its written work; one essay awaits the chief marker, admin@demo.imtahan.az, at ${url}/marking.`,
    '',
  ].join('\n');
}
