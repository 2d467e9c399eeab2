import { writeHistory, type Clock } from '../../clock';
import type { AuthService } from '../auth/auth.service';
import type { LogService } from '../log/log.service';
import type { WitnessService } from '../log/witnesses.service';
import type { BlueprintsService } from '../blueprints/blueprints.service';
import type { QuestionsService } from '../questions/questions.service';
import { seedQuestionBank } from './demo.bank';
import { currentTotpCode } from '../auth/totp';
import type { SettingsRepository } from '../settings/settings.repository';
import type { UsersRepository } from '../users/users.repository';
import type { UsersService } from '../users/users.service';
import { DEMO_ACCOUNTS } from './demo.accounts';
import { DEMO_SITTINGS_HISTORY_MS, seedDemoSittings } from './demo.sittings';
import type { AttemptsService } from '../attempts/attempts.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { SittingsService } from '../sittings/sittings.service';
import type { InvigilationService } from '../invigilation/invigilation.service';
import type { ResultsService } from '../results/results.service';
import type { Competitions } from '../competitions/competitions';
import { DEMO_COMPETITIONS_HISTORY_MS, seedDemoCompetitions } from './demo.competitions';
import { DEMO_POPULATION_HISTORY_MS, seedDemoPopulation } from './demo.population';
import type { DemoPopulationRepository } from './demo.population.repository';
import type { ConsultationsService } from '../consultations/consultations.service';
import { DEMO_CONSULTATIONS_HISTORY_MS, seedDemoConsultations } from './demo.consultations';
import type { MarkingService } from '../marking/marking.service';
import { DEMO_RESERVE_HISTORY_MS, seedDemoReserve } from './demo.reserve';

const DEMO_KEY = 'demo';

export interface DemoAccountView {
  role: string;
  fullName: string;
  email: string;
  password: string;
  totpSecret: string | null;
  currentCode: string | null;
}

const TOTP_STEP_MS = 30_000;

/**
 * The code a demo visitor can type now. A code is accepted once (no replays), so once this
 * half-minute's code has been used, the next step's code (still inside the accepted window) is shown.
 */
function usableCode(secret: string, lastStep: number | null, now: Date): string | null {
  const currentStep = Math.floor(now.getTime() / TOTP_STEP_MS);
  const step = Math.max(currentStep, (lastStep ?? -1) + 1);
  return step > currentStep + 1 ? null : currentTotpCode(secret, new Date(step * TOTP_STEP_MS));
}

/**
 * Seeds the demo through the same services real use goes through (sign-up, account creation,
 * two-factor enrolment), so the demo also proves those paths work.
 */
export function createDemoService(deps: {
  clock: Clock;
  auth: AuthService;
  usersService: UsersService;
  users: UsersRepository;
  settings: SettingsRepository;
  log: LogService;
  questions: QuestionsService;
  blueprints: BlueprintsService;
  sittings: SittingsService;
  bookings: BookingsService;
  attempts: AttemptsService;
  results: ResultsService;
  competitions: Competitions;
  /** Assigning the demo's invigilator to its rooms. */
  invigilation: Pick<InvigilationService, 'assign'>;
  /** The bulk writes of the demo's simulated population. */
  population: DemoPopulationRepository;
  /** Questions, answers, ratings and FAQ entries (issue 17). */
  consultations: ConsultationsService;
  /** The reserve programme's blind double marking (issue 18). */
  marking: MarkingService;
  /** Asked once the seed is done, so the demo's newest checkpoint is cosigned at first sight (the demo witness). */
  witnesses: Pick<WitnessService, 'run'>;
}) {
  const { clock, auth, usersService, users, settings, log, questions, blueprints } = deps;
  const system = { id: null, ip: null };

  async function enrolTwoFactor(email: string, password: string): Promise<void> {
    const signedIn = await auth.signIn(email, password, system);
    const state = await auth.validateSession(signedIn.token);
    if (!state) throw new Error(`demo: could not open a session for ${email}`);
    const { secret } = await auth.beginTwoFactorSetup(state, system);
    // Enrol with the previous time step's code (still inside the accepted window): enrolling with the
    // current one would use it up, and the code the demo shows right after seeding would be refused as a replay.
    const enrol = () =>
      auth.enableTwoFactor(state, currentTotpCode(secret, new Date(clock().getTime() - 30_000)), system);
    // A step boundary can pass between taking the code and checking it (a loaded machine's first start; it failed
    // so in CI): the code is then two steps old and refused, so it is taken once more from the new previous step.
    await enrol().catch(enrol);
    await auth.signOut(state, system);
  }

  return {
    async isSeeded(): Promise<boolean> {
      return (await settings.get(DEMO_KEY)) !== undefined;
    },

    async seed(): Promise<void> {
      // The demo's past (a sitting sat and published, a competition decided) is written dated in the past,
      // moving on as its story goes, so that it is over when the seed returns, and nobody waits for it.
      const historyMs =
        DEMO_POPULATION_HISTORY_MS + DEMO_SITTINGS_HISTORY_MS + DEMO_COMPETITIONS_HISTORY_MS + DEMO_RESERVE_HISTORY_MS;
      await writeHistory(clock, historyMs, async (history) => {
        const [admin, ...others] = DEMO_ACCOUNTS;
        const adminSummary = await usersService.createAccount(system, {
          fullName: admin!.fullName,
          email: admin!.email,
          role: admin!.role,
          password: admin!.password,
        });
        const byAdmin = { id: adminSummary.id, ip: null };
        for (const account of others) {
          if (account.role === 'applicant') {
            const signedUp = await auth.signUp(
              {
                nationalIdScheme: account.nationalIdScheme!,
                nationalId: account.nationalId!,
                fullName: account.fullName,
                email: account.email,
                password: account.password,
              },
              system,
            );
            const state = await auth.validateSession(signedUp.token);
            if (state) await auth.signOut(state, system);
          } else {
            await usersService.createAccount(byAdmin, account);
          }
        }
        for (const account of DEMO_ACCOUNTS) {
          if (account.role !== 'applicant') await enrolTwoFactor(account.email, account.password);
        }
        const examiners = await Promise.all(
          DEMO_ACCOUNTS.filter((a) => a.role === 'examiner').map(async (a) => ({
            id: (await users.findByEmail(a.email))!.id,
            ip: null,
          })),
        );
        const bank = await seedQuestionBank({ questions, blueprints, author: examiners[0]!, reviewer: examiners[1]! });
        // The log's first entry names the log and its key, so even a fresh demo has something to verify.
        await log.publish([{ type: 'log.opened', origin: log.origin, verifierKey: log.verifierKey }]);
        const applicantId = async (email: string) => (await users.findByEmail(email))!.id;
        // A thousand simulated candidates first, so the statistics and the register have a population to show.
        await seedDemoPopulation({
          clock,
          history,
          repository: deps.population,
          blueprints,
          sittings: deps.sittings,
          results: deps.results,
          pool: await questions.pool(),
          admin: byAdmin,
          author: examiners[0]!,
        });
        await seedDemoSittings({
          clock,
          history,
          sittings: deps.sittings,
          bookings: deps.bookings,
          attempts: deps.attempts,
          results: deps.results,
          keys: new Map((await questions.pool()).map((item) => [item.versionId, item])),
          admin: byAdmin,
          applicants: {
            aysel: await applicantId('aysel@demo.imtahan.az'),
            timur: await applicantId('timur@demo.imtahan.az'),
          },
          blueprints: { dim: bank.dimBlueprintId },
          invigilator: {
            id: (await users.findByEmail('invigilator@demo.imtahan.az'))!.id,
            invigilation: deps.invigilation,
          },
        });
        await seedDemoCompetitions({
          clock,
          history,
          competitions: deps.competitions,
          admin: byAdmin,
          examiners,
          applicants: {
            aysel: await applicantId('aysel@demo.imtahan.az'),
            timur: await applicantId('timur@demo.imtahan.az'),
          },
        });
        await seedDemoReserve({
          clock,
          history,
          competitions: deps.competitions,
          questions,
          blueprints,
          sittings: deps.sittings,
          bookings: deps.bookings,
          attempts: deps.attempts,
          marking: deps.marking,
          users,
          admin: byAdmin,
          examiners: [examiners[0]!, examiners[1]!],
        });
      });
      // The consultations' own past, days long, written after the rest so it does not move their story.
      await writeHistory(clock, DEMO_CONSULTATIONS_HISTORY_MS, async (history) => {
        const id = async (email: string) => ({ id: (await users.findByEmail(email))!.id, ip: null });
        await seedDemoConsultations({
          clock,
          history,
          consultations: deps.consultations,
          admin: await id('admin@demo.imtahan.az'),
          examiners: [await id('examiner@demo.imtahan.az'), await id('examiner2@demo.imtahan.az')],
          applicants: {
            aysel: (await id('aysel@demo.imtahan.az')).id,
            timur: (await id('timur@demo.imtahan.az')).id,
          },
        });
      });
      // The background job would ask within seconds; asked here, the first page seen is already cosigned.
      await deps.witnesses.run();
      await settings.set(DEMO_KEY, { seededAt: clock().toISOString() });
    },

    /** The demo accounts with their current TOTP codes, so the demo works without a phone. */
    async accounts(): Promise<DemoAccountView[]> {
      const now = clock();
      return Promise.all(
        DEMO_ACCOUNTS.map(async (account) => {
          const user = await users.findByEmail(account.email);
          const secret = user?.totpEnabledAt ? user.totpSecret : null;
          return {
            role: account.role,
            fullName: account.fullName,
            email: account.email,
            password: account.password,
            totpSecret: secret,
            currentCode: secret ? usableCode(secret, user?.totpLastStep ?? null, now) : null,
          };
        }),
      );
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
