import type { Application } from '$lib/api/competitions';
import type { Translator } from '$lib/i18n';

/** An application's outcome in a few words: appointed, to be appointed, on the reserve list, or pending. */
export function outcomeText(i18n: Translator, application: Application): string {
  const outcome = application.outcome;
  if (!outcome) {
    if (application.status === 'withdrawn') return i18n.t('competitions.outcome.withdrawn');
    if (application.status === 'absent') return i18n.t('competitions.outcome.absent');
    return i18n.t('competitions.outcome.pending');
  }
  switch (outcome.result) {
    case 'appointed':
      return i18n.t('competitions.outcome.appointed', { rank: outcome.rank });
    case 'to_appoint':
      return i18n.t('competitions.outcome.toAppoint', { rank: outcome.rank });
    case 'reserve':
      return i18n.t('competitions.outcome.reserve', { rank: outcome.rank, position: outcome.reservePosition ?? '' });
  }
}
