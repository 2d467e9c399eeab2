import { randomBytes } from 'node:crypto';
import type { Notify } from '../notices/notify';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import { scoreCommitment } from '../../core/score-commitment';
import { ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import { conflict } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { Actor } from '../../actor';
import type { ApplicationsRepository } from './applications.repository';
import type { AdminVacancyDetail } from './appointments.schemas';
import type { InterviewsRepository } from './interviews.repository';
import type { PanelAssignment, PanelBody, ScoreBody, ScoreReceipt, SlotBody } from './interviews.schemas';
import type { RoundsRepository } from './rounds.repository';
import type { VacancyDetailReader } from './vacancy-detail';
import { publicVacancy } from './vacancy-view';

export const MIN_PANEL = 3;

const scoreEntered = 'score.exists';

/** Interviews: the panel, the slots, absences, and each member's final, committed scores. */
export function createInterviewsService(deps: {
  db: Db;
  clock: Clock;
  repository: InterviewsRepository;
  applications: ApplicationsRepository;
  rounds: RoundsRepository;
  detail: VacancyDetailReader;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** The candidate told of their interview's time and place, and of each move (issue 17). */
  notices: Pick<Notify, 'notify'>;
}) {
  const { db, clock, repository, applications, rounds, detail, log, audit, notices } = deps;

  async function adminDetail(vacancyId: string): Promise<AdminVacancyDetail> {
    const row = await rounds.vacancy(vacancyId);
    if (!row) throw new NotFoundError('No such vacancy.');
    return detail.adminDetail(row);
  }

  /** The vacancy while its interviews are open: announced, not yet ranked. */
  async function interviewing(vacancyId: string) {
    const vacancy = await rounds.lockVacancy(vacancyId);
    if (!vacancy) throw new NotFoundError('No such vacancy.');
    if (vacancy.status !== 'announced')
      throw conflict(
        'id',
        vacancy.status === 'draft' ? 'vacancy.draft' : 'vacancy.ranked',
        vacancy.status === 'draft'
          ? 'This vacancy is not announced yet.'
          : 'The ranking of this vacancy is published; its interviews are over.',
      );
    return vacancy;
  }

  /** Locks the application's vacancy, then the application: always in that order, as every writer here does. */
  async function lockedApplication(id: string) {
    const found = await applications.find(id);
    if (!found) throw new NotFoundError('No such application.');
    const vacancy = await interviewing(found.vacancyId);
    const application = (await applications.lock(id))!;
    return { application, vacancy };
  }

  return {
    adminDetail,

    async setPanel(actor: Actor, vacancyId: string, input: PanelBody): Promise<AdminVacancyDetail> {
      const now = clock();
      const problems: FieldProblem[] = [];
      const ids = input.members.map((m) => m.userId);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i)
          problems.push({ field: `members.${i}.userId`, code: 'duplicate', message: 'A member is listed twice.' });
      });
      if (new Set(ids).size < MIN_PANEL)
        problems.push({ field: 'members', code: 'too_few', message: `A panel has at least ${MIN_PANEL} members.` });
      if (input.members.filter((m) => m.panelRole === 'chair').length !== 1)
        problems.push({ field: 'members', code: 'one_chair', message: 'A panel has exactly one chair.' });
      await transaction(db, async () => {
        await interviewing(vacancyId);
        const accounts = await repository.accounts(ids);
        ids.forEach((id, i) => {
          const account = accounts.find((a) => a.id === id);
          if (!account || account.role === 'applicant')
            problems.push({
              field: `members.${i}.userId`,
              code: 'not_staff',
              message: 'Panel members are staff accounts (examiners or administrators).',
            });
        });
        if (problems.length) throw new ValidationError(problems);
        if ((await repository.scores([vacancyId])).length > 0)
          throw conflict('id', 'panel.scores_entered', 'Scores have been entered; the panel can no longer change.');
        await repository.replacePanel(
          vacancyId,
          input.members.map((m) => ({
            vacancyId,
            userId: m.userId,
            panelRole: m.panelRole,
            appointedBy: actor.id!,
            appointedAt: now,
          })),
        );
        await audit.append(
          auditEvent(actor, 'interview.panel_set', 'vacancy', vacancyId, {
            members: input.members.map((m) => ({ userId: m.userId, panelRole: m.panelRole })),
          }),
          now,
        );
      });
      return adminDetail(vacancyId);
    },

    /** Schedules (or moves, until it starts) an application's interview, after the application deadline. */
    async setSlot(actor: Actor, applicationId: string, input: SlotBody): Promise<AdminVacancyDetail> {
      const now = clock();
      const startsAt = new Date(input.startsAt);
      const vacancyId = await transaction(db, async () => {
        const { application, vacancy } = await lockedApplication(applicationId);
        if (application.status !== 'active')
          throw conflict('id', 'application.not_active', 'This application is no longer active.');
        if (startsAt.getTime() < vacancy.applicationDeadline.getTime())
          throw ValidationError.field(
            'startsAt',
            'before_deadline',
            'An interview is held after the application deadline.',
          );
        if (startsAt.getTime() <= now.getTime())
          throw ValidationError.field('startsAt', 'in_past', 'The interview must be in the future.');
        const existing = await repository.slotOf(applicationId);
        if (existing && existing.startsAt.getTime() <= now.getTime())
          throw conflict('id', 'slot.started', 'This interview has already begun; it cannot be moved.');
        await repository.setSlot({
          applicationId,
          vacancyId: vacancy.id,
          startsAt,
          location: input.location.trim(),
          scheduledBy: actor.id!,
          scheduledAt: now,
        });
        await notices.notify({
          userId: application.userId,
          kind: 'interview-scheduled',
          ref: `${applicationId}:${startsAt.toISOString()}:${input.location.trim()}`,
          params: {
            applicationId,
            vacancyCode: vacancy.code,
            position: vacancy.position,
            startsAt: startsAt.toISOString(),
            place: input.location.trim(),
          },
        });
        await audit.append(
          auditEvent(actor, existing ? 'interview.rescheduled' : 'interview.scheduled', 'application', applicationId, {
            startsAt: startsAt.toISOString(),
            location: input.location.trim(),
          }),
          now,
        );
        return vacancy.id;
      });
      return adminDetail(vacancyId);
    },

    /** Records that the candidate did not come to their interview: they are not ranked. */
    async recordAbsence(actor: Actor, applicationId: string): Promise<AdminVacancyDetail> {
      const now = clock();
      const vacancyId = await transaction(db, async () => {
        const { application } = await lockedApplication(applicationId);
        if (application.status !== 'active')
          throw conflict('id', 'application.not_active', 'This application is no longer active.');
        const slot = await repository.slotOf(applicationId);
        if (!slot || slot.startsAt.getTime() > now.getTime())
          throw conflict('id', 'absence.before_interview', 'Absence is recorded once the interview has begun.');
        if ((await repository.scoresFor(applicationId)).length > 0)
          throw conflict('id', 'absence.scored', 'Scores were entered for this candidate; they were present.');
        await applications.update(applicationId, {
          status: 'absent',
          absentRecordedAt: now,
          absentRecordedBy: actor.id,
        });
        await audit.append(
          auditEvent(actor, 'interview.absence_recorded', 'application', applicationId, {
            candidateCode: application.candidateCode,
          }),
          now,
        );
        return application.vacancyId;
      });
      return adminDetail(vacancyId);
    },

    /**
     * A panel member's scores for one candidate: final when entered (the database refuses to change
     * them), and published at once in the log as a commitment to the scores and a random salt.
     */
    async enterScore(actor: Actor, applicationId: string, input: ScoreBody): Promise<ScoreReceipt> {
      const now = clock();
      const memberId = actor.id!;
      try {
        return await transaction(db, async () => {
          const found = await applications.find(applicationId);
          if (!found) throw new NotFoundError('No such application.');
          if (!(await repository.membership(found.vacancyId, memberId)))
            throw new ForbiddenError('Only the members of this vacancy’s panel enter its scores.');
          const vacancy = await rounds.lockVacancy(found.vacancyId);
          if (vacancy?.status !== 'announced')
            throw conflict('id', 'score.ranked', 'The ranking of this vacancy is published; scoring is over.');
          const application = (await applications.lock(applicationId))!;
          if (application.status === 'withdrawn') throw conflict('id', 'score.withdrawn', 'This candidate withdrew.');
          if (application.status === 'absent')
            throw conflict('id', 'score.absent', 'This candidate was recorded absent.');
          const slot = await repository.slotOf(applicationId);
          if (!slot || slot.startsAt.getTime() > now.getTime())
            throw conflict('id', 'score.before_interview', 'Scores are entered once the interview has begun.');
          const round = (await rounds.find(vacancy.roundId))!;
          const problems: FieldProblem[] = [];
          for (const criterion of round.rubric) {
            const points = input.scores[criterion.key];
            if (points === undefined)
              problems.push({ field: `scores.${criterion.key}`, code: 'required', message: 'Score every criterion.' });
            else if (points > criterion.maxPoints)
              problems.push({
                field: `scores.${criterion.key}`,
                code: 'too_large',
                message: `At most ${criterion.maxPoints} points.`,
              });
          }
          for (const key of Object.keys(input.scores))
            if (!round.rubric.some((c) => c.key === key))
              problems.push({ field: `scores.${key}`, code: 'unknown', message: 'The rubric has no such criterion.' });
          if (problems.length) throw new ValidationError(problems);
          if ((await repository.scoresFor(applicationId)).some((s) => s.memberId === memberId))
            throw conflict('id', scoreEntered, 'Your score for this candidate is entered, and final.');
          const scores = Object.fromEntries(round.rubric.map((c) => [c.key, input.scores[c.key]!]));
          const salt = randomBytes(16).toString('hex');
          const commitment = scoreCommitment(scores, salt);
          const total = Object.values(scores).reduce((a, b) => a + b, 0);
          const [receipt] = await log.append([
            {
              type: 'interview.score_committed',
              vacancyCode: vacancy.code,
              roundCode: round.code,
              candidateCode: application.candidateCode,
              memberId,
              commitment,
              enteredAt: now.toISOString(),
            },
          ]);
          const row = await repository.insertScore({
            applicationId,
            vacancyId: vacancy.id,
            memberId,
            scores,
            total: String(total),
            salt,
            commitment,
            logIndex: receipt!.logIndex,
            leafHash: receipt!.leafHash,
            enteredAt: now,
          });
          await audit.append(
            auditEvent(actor, 'interview.score_entered', 'application', applicationId, {
              vacancyCode: vacancy.code,
              candidateCode: application.candidateCode,
              logIndex: row.logIndex,
            }),
            now,
          );
          return {
            applicationId,
            memberId,
            scores,
            total,
            commitment,
            logIndex: row.logIndex,
            leafHash: row.leafHash,
            enteredAt: now.toISOString(),
          };
        });
      } catch (error) {
        if (uniqueViolation(error) === 'interview_scores_one_per_member_key')
          throw conflict('id', scoreEntered, 'Your score for this candidate is entered, and final.');
        throw error;
      }
    },

    /** The member's panels: their candidates, and only the member's own scores. */
    async assignments(memberId: string): Promise<PanelAssignment[]> {
      const memberships = await repository.memberships(memberId);
      const vacancyIds = memberships.map((m) => m.vacancyId);
      const [rows, apps, slots, scores] = await Promise.all([
        Promise.all(vacancyIds.map((id) => rounds.vacancy(id))),
        repository.applicationsOf(vacancyIds),
        repository.slots(vacancyIds),
        repository.scores(vacancyIds),
      ]);
      const panels = await Promise.all(vacancyIds.map((id) => repository.panel(id)));
      return memberships.map((membership, i) => {
        const row = rows[i]!;
        const panelSize = panels[i]!.length;
        return {
          vacancy: publicVacancy(row),
          panelRole: membership.panelRole,
          rubric: row.round.rubric,
          roundTitle: row.round.title,
          candidates: apps
            .filter((a) => a.application.vacancyId === membership.vacancyId)
            .map(({ application, fullName }) => {
              const slot = slots.find((s) => s.applicationId === application.id);
              const theirs = scores.filter((s) => s.score.applicationId === application.id);
              const mine = theirs.find((s) => s.score.memberId === memberId)?.score;
              return {
                applicationId: application.id,
                candidateCode: application.candidateCode,
                fullName,
                status: application.status,
                slot: slot ? { startsAt: slot.startsAt.toISOString(), location: slot.location } : null,
                myScore: mine
                  ? {
                      applicationId: application.id,
                      memberId,
                      scores: mine.scores,
                      total: Number(mine.total),
                      commitment: mine.commitment,
                      logIndex: mine.logIndex,
                      leafHash: mine.leafHash,
                      enteredAt: mine.enteredAt.toISOString(),
                    }
                  : null,
                scoredBy: theirs.length,
                panelSize,
              };
            }),
        };
      });
    },
  };
}

export type InterviewsService = ReturnType<typeof createInterviewsService>;
