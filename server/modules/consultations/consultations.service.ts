import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import {
  CONSULTATION_TOPICS,
  type Consultation,
  type ConsultationTopic,
  type FaqEntry,
  type Role,
  type SatisfactionRating,
} from '../../../db/schema/index';
import { conflict, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, SignedInActor } from '../../actor';
import { responseTarget, bakuMonth } from '../../core/working-days';
import { serviceQuality } from '../../core/service-quality';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import { mailLanguage } from '../mail/language';
import type { Outbox } from '../mail/outbox.service';
import type { Notify } from '../notices/notify';
import type { ConsultationsRepository } from './consultations.repository';
import type {
  AskBody,
  ConsultationView,
  FaqBody,
  FaqEntryView,
  FaqQuery,
  PassBody,
  QueueQuery,
  RateBody,
  RatingStanding,
  RatingView,
  ServiceStandard,
  StaffConsultationView,
} from './consultations.schemas';

const PAGE_SIZE = 20;
/** The public figures cover this many months back, the current one included. */
const FIGURE_MONTHS = 12;

/** Who is asking: a signed-in account with its role, or nobody. */
export interface Asker extends Actor {
  role: Role | null;
}

/** What every view of a question shows first (the schemas' `Heading`). */
function heading(c: Consultation) {
  return {
    id: c.id,
    topic: c.topic,
    language: mailLanguage(c.language),
    subject: c.subject,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    targetAt: c.targetAt.toISOString(),
  };
}

function ratingView(row: SatisfactionRating): RatingView {
  return {
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    score: row.score,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
  };
}

function faqView(row: FaqEntry): FaqEntryView {
  return {
    id: row.id,
    topic: row.topic,
    question: row.question,
    answer: row.answer,
    updatedAt: (row.updatedAt ?? row.createdAt).toISOString(),
  };
}

/** Text with the same blank-space rules everywhere: trimmed, and refused when nothing is left. */
function text(field: string, value: string, min: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min)
    throw ValidationError.field(field, trimmed ? 'minLength' : 'required', `${field}: at least ${min} characters.`);
  return trimmed;
}

/**
 * Consultations (issue 17): anyone asks, a named official answers in the asker's language, the asker may reply
 * once, and how quickly and how well the centre answers is published as counts only. A thread is the asker's
 * and staff's alone: every applicant read is scoped by owner in its query.
 */
export function createConsultationsService(deps: {
  db: Db;
  clock: Clock;
  repository: ConsultationsRepository;
  audit: AuditRepository;
  outbox: Pick<Outbox, 'enqueue'>;
  /** The applicant's inbox (server/modules/notices); absent, a signed-in asker reads the answer on the page only. */
  notices?: Pick<Notify, 'notify'> | undefined;
  holidays: readonly string[];
  publicUrl: string;
}) {
  const { db, clock, repository, audit, outbox, publicUrl } = deps;
  const holidays = new Set(deps.holidays);

  async function targetDays(topic: ConsultationTopic): Promise<number> {
    return (await repository.topicTargets()).find((t) => t.topic === topic)?.targetDays ?? 3;
  }

  async function related(c: Consultation) {
    if (!c.relatedType || !c.relatedId || !c.userId) return null;
    const label = await repository.ownRelated(c.userId, c.relatedType, c.relatedId);
    return { type: c.relatedType, id: c.relatedId, label: label ?? '' };
  }

  async function applicantView(id: string, userId: string): Promise<ConsultationView> {
    const row = await repository.one(id, userId);
    if (!row) throw new NotFoundError('No such consultation.');
    const c = row.consultation;
    const [messages, rating] = await Promise.all([
      repository.messages(id),
      repository.rating(userId, 'consultation', id),
    ]);
    return {
      ...heading(c),
      related: await related(c),
      // Notes officials leave when passing a question on are theirs, never the asker's.
      messages: messages
        .filter((m) => m.message.kind !== 'note')
        .map((m) => ({
          id: m.message.id,
          kind: m.message.kind as 'question' | 'answer' | 'reply',
          body: m.message.body,
          createdAt: m.message.createdAt.toISOString(),
          official: m.message.kind === 'answer' && m.authorName ? { name: m.authorName, role: m.authorRole! } : null,
        })),
      canReply: c.status === 'answered' && !c.repliedAt,
      canRate: Boolean(c.firstAnsweredAt) && !rating,
      rating: rating ? ratingView(rating) : null,
    };
  }

  async function staffView(id: string): Promise<StaffConsultationView> {
    const row = await repository.one(id);
    if (!row) throw new NotFoundError('No such consultation.');
    const c = row.consultation;
    const [messages, rating, officials, faq] = await Promise.all([
      repository.messages(id),
      c.userId ? repository.rating(c.userId, 'consultation', id) : undefined,
      repository.officials(),
      repository.faqOfConsultation(id),
    ]);
    return {
      ...heading(c),
      firstAnsweredAt: c.firstAnsweredAt?.toISOString() ?? null,
      overdue: !c.firstAnsweredAt && c.targetAt.getTime() < clock().getTime(),
      asker: { name: row.askerName, email: row.askerEmail ?? c.email ?? '', anonymous: !c.userId },
      holder: c.holderId && row.holderName ? { id: c.holderId, name: row.holderName, role: row.holderRole! } : null,
      related: await related(c),
      replied: Boolean(c.repliedAt),
      messages: messages.map((m) => ({
        id: m.message.id,
        kind: m.message.kind,
        body: m.message.body,
        createdAt: m.message.createdAt.toISOString(),
        official:
          (m.message.kind === 'answer' || m.message.kind === 'note') && m.message.authorId && m.authorName
            ? { id: m.message.authorId, name: m.authorName, role: m.authorRole! }
            : null,
      })),
      rating: rating ? ratingView(rating) : null,
      officials,
      faqEntryIds: faq.map((f) => f.id),
    };
  }

  /** Locks an open consultation that the actor may work on: unheld, or held by themselves. */
  async function lockForWork(actor: SignedInActor, id: string) {
    const c = await repository.lock(id);
    if (!c) throw new NotFoundError('No such consultation.');
    if (c.holderId && c.holderId !== actor.id)
      throw conflict('id', 'consultation.held', 'Another official holds this question.');
    return c;
  }

  /** The published standard and the figures of the last twelve months: counts and times, no text or person. */
  async function standard(): Promise<ServiceStandard> {
    const now = clock();
    const month = bakuMonth(now);
    const [year, m] = month.split('-').map(Number) as [number, number];
    // The first day of the month FIGURE_MONTHS - 1 months ago, in Baku (UTC+4).
    const since = new Date(Date.UTC(year, m - FIGURE_MONTHS, 1) - 4 * 3_600_000);
    const [targets, facts] = await Promise.all([repository.topicTargets(), repository.qualityFacts(since)]);
    const order = CONSULTATION_TOPICS as readonly string[];
    return {
      topics: [...targets]
        .sort((a, b) => order.indexOf(a.topic) - order.indexOf(b.topic))
        .map((t) => ({ topic: t.topic, targetDays: t.targetDays })),
      holidays: [...holidays].filter((d) => d.slice(0, 7) >= month).sort(),
      figures: serviceQuality(facts.questions, facts.ratings, now, order).map((row) => ({
        ...row,
        topic: row.topic as ConsultationTopic,
      })),
    };
  }

  return {
    /**
     * Anyone asks. A signed-in applicant asks as themselves (and may tie the question to one of their own
     * things); an anonymous visitor gives an address for the answer. Staff are the ones who answer, not ask.
     */
    async ask(who: Asker, body: AskBody) {
      if (who.id && who.role !== 'applicant')
        throw new ForbiddenError('Staff accounts answer questions; sign out to ask as a member of the public.');
      const subject = text('subject', body.subject, 3);
      const question = text('question', body.question, 10);
      const email = body.email?.trim().toLowerCase();
      if (!who.id && !email)
        throw ValidationError.field('email', 'required', 'An e-mail address for the answer is required.');
      if (!who.id && body.related)
        throw ValidationError.field(
          'related',
          'consultation.related_needs_account',
          'Sign in to refer to your own things.',
        );
      if (who.id && body.related) {
        const label = await repository.ownRelated(who.id, body.related.type, body.related.id);
        if (label === undefined)
          throw ValidationError.field('related.id', 'consultation.related_not_yours', 'No such thing of yours.');
      }
      const now = clock();
      const targetAt = responseTarget(now, await targetDays(body.topic), holidays);
      const created = await transaction(db, async () => {
        const c = await repository.insert({
          topic: body.topic,
          language: body.language,
          userId: who.id,
          email: who.id ? null : email!,
          subject,
          relatedType: who.id ? (body.related?.type ?? null) : null,
          relatedId: who.id ? (body.related?.id ?? null) : null,
          createdAt: now,
          targetAt,
        });
        await repository.insertMessage({
          consultationId: c.id,
          kind: 'question',
          authorId: who.id,
          body: question,
          createdAt: now,
        });
        return c;
      });
      return { id: created.id, targetAt: targetAt.toISOString(), inAccount: Boolean(who.id) };
    },

    async own(actor: SignedInActor) {
      return (await repository.own(actor.id)).map((c) => ({
        id: c.id,
        topic: c.topic,
        subject: c.subject,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
        targetAt: c.targetAt.toISOString(),
        firstAnsweredAt: c.firstAnsweredAt?.toISOString() ?? null,
      }));
    },

    one: (actor: SignedInActor, id: string) => applicantView(id, actor.id),

    /** The asker's own bookings, attempts, appeals and applications a question may refer to. */
    async relatedChoices(actor: SignedInActor) {
      const own = await repository.relatedChoices(actor.id);
      return [
        ...own.bookings.map((b) => ({ type: 'booking' as const, id: b.id, label: `${b.code} · ${b.candidateCode}` })),
        ...own.bookings
          .filter((b) => b.attemptId)
          .map((b) => ({ type: 'attempt' as const, id: b.attemptId!, label: b.code })),
        ...own.appeals.map((a) => ({ type: 'appeal' as const, id: a.id, label: a.code })),
        ...own.applications.map((a) => ({ type: 'application' as const, id: a.id, label: a.code })),
      ];
    },

    /** The asker, not satisfied, replies once after an answer; the question goes back to its official. */
    async reply(actor: SignedInActor, id: string, body: { body: string }) {
      const reply = text('body', body.body, 10);
      const now = clock();
      await transaction(db, async () => {
        const c = await repository.lock(id);
        if (!c || c.userId !== actor.id) throw new NotFoundError('No such consultation.');
        if (c.status !== 'answered')
          throw conflict('id', 'consultation.not_answered', 'You may reply once the question is answered.');
        if (c.repliedAt) throw conflict('id', 'consultation.replied', 'You have already replied once.');
        await repository.insertMessage({
          consultationId: id,
          kind: 'reply',
          authorId: actor.id,
          body: reply,
          createdAt: now,
        });
        await repository.update(id, { status: 'open', repliedAt: now });
      });
      return applicantView(id, actor.id);
    },

    async queue(query: QueueQuery) {
      const page = query.page ?? 1;
      const { rows, total } = await repository.queue(
        { status: query.status ?? 'open', topic: query.topic },
        page,
        PAGE_SIZE,
      );
      const now = clock().getTime();
      return {
        items: rows.map(({ consultation: c, holderName, holderRole }) => ({
          ...heading(c),
          overdue: !c.firstAnsweredAt && c.targetAt.getTime() < now,
          holder: c.holderId && holderName ? { id: c.holderId, name: holderName, role: holderRole! } : null,
          anonymous: !c.userId,
          replied: Boolean(c.repliedAt),
        })),
        total,
        page,
        pageSize: PAGE_SIZE,
      };
    },

    staffOne: (id: string) => staffView(id),

    /** An official takes a question: it then shows who holds it, and no one else answers it. */
    async take(actor: SignedInActor, id: string) {
      const now = clock();
      await transaction(db, async () => {
        const c = await lockForWork(actor, id);
        if (c.status !== 'open') throw conflict('id', 'consultation.answered', 'This question is already answered.');
        if (c.holderId === actor.id) return;
        await repository.update(id, { holderId: actor.id, heldAt: now });
        await audit.append(auditEvent(actor, 'consultation.taken', 'consultation', id), now);
      });
      return staffView(id);
    },

    /**
     * An official answers (taking the question if nobody holds it). The asker is told: a signed-in one in their
     * inbox, an anonymous one by e-mail with the answer and the official's name, in the question's language.
     */
    async answer(actor: SignedInActor, id: string, body: { body: string }) {
      const answer = text('body', body.body, 10);
      const now = clock();
      await transaction(db, async () => {
        const c = await lockForWork(actor, id);
        if (c.status !== 'open') throw conflict('id', 'consultation.answered', 'This question is already answered.');
        const message = await repository.insertMessage({
          consultationId: id,
          kind: 'answer',
          authorId: actor.id,
          body: answer,
          createdAt: now,
        });
        await repository.update(id, {
          status: 'answered',
          holderId: actor.id,
          heldAt: c.heldAt ?? now,
          firstAnsweredAt: c.firstAnsweredAt ?? now,
        });
        await audit.append(
          auditEvent(actor, 'consultation.answered', 'consultation', id, {
            topic: c.topic,
            first: !c.firstAnsweredAt,
            withinTarget: now.getTime() <= c.targetAt.getTime(),
          }),
          now,
        );
        if (c.userId) {
          await deps.notices?.notify({
            userId: c.userId,
            kind: 'consultation-answered',
            params: { consultationId: id },
            ref: `${id}:${message.id}`,
          });
        } else if (c.email) {
          const official = await repository.official(actor.id);
          await outbox.enqueue({
            to: c.email,
            locale: mailLanguage(c.language),
            template: 'consultation-answered',
            values: {
              subject: c.subject,
              answer,
              officialName: official?.name ?? '',
              officialRole: official?.role ?? 'examiner',
              link: `${publicUrl}/consultations`,
            },
          });
        }
      });
      return staffView(id);
    },

    /** An official passes a question on, with a note for colleagues: to the queue, another topic, or a named official. */
    async pass(actor: SignedInActor, id: string, body: PassBody) {
      const note = text('note', body.note, 3);
      const now = clock();
      await transaction(db, async () => {
        const c = await lockForWork(actor, id);
        if (c.status !== 'open') throw conflict('id', 'consultation.answered', 'This question is already answered.');
        if (body.toUserId && !(await repository.official(body.toUserId)))
          throw ValidationError.field('toUserId', 'consultation.not_official', 'No such official.');
        if (body.toUserId === actor.id)
          throw ValidationError.field('toUserId', 'consultation.self', 'Pass it on to someone else.');
        await repository.insertMessage({
          consultationId: id,
          kind: 'note',
          authorId: actor.id,
          body: note,
          createdAt: now,
        });
        await repository.update(id, {
          holderId: body.toUserId ?? null,
          heldAt: body.toUserId ? now : null,
          topic: body.topic ?? c.topic,
        });
        await audit.append(
          auditEvent(actor, 'consultation.passed', 'consultation', id, {
            note,
            from: c.topic,
            topic: body.topic ?? c.topic,
            to: body.toUserId ?? null,
          }),
          now,
        );
      });
      return staffView(id);
    },

    /** Published FAQ entries, searched by words in any language. */
    async faq(query: FaqQuery) {
      const page = query.page ?? 1;
      const { rows, total } = await repository.faq(
        { q: query.q?.trim(), any: query.match === 'any', topic: query.topic },
        page,
        PAGE_SIZE,
      );
      return { entries: rows.map(faqView), total, page, pageSize: PAGE_SIZE };
    },

    async publishFaq(actor: SignedInActor, body: FaqBody) {
      const now = clock();
      const entry = await transaction(db, async () => {
        if (body.consultationId && !(await repository.one(body.consultationId)))
          throw ValidationError.field('consultationId', 'consultation.not_found', 'No such consultation.');
        const created = await repository.faqInsert({
          topic: body.topic,
          question: trimmed(body.question, 'question'),
          answer: trimmed(body.answer, 'answer'),
          consultationId: body.consultationId ?? null,
          createdBy: actor.id,
          createdAt: now,
        });
        await audit.append(
          auditEvent(actor, 'faq.published', 'faq_entry', created.id, {
            topic: body.topic,
            consultationId: body.consultationId ?? null,
          }),
          now,
        );
        return created;
      });
      return faqView(entry);
    },

    async editFaq(actor: SignedInActor, id: string, body: FaqBody) {
      const now = clock();
      const entry = await transaction(db, async () => {
        const found = await repository.faqLock(id);
        if (!found || found.withdrawnAt) throw new NotFoundError('No such FAQ entry.');
        const updated = await repository.faqUpdate(id, {
          topic: body.topic,
          question: trimmed(body.question, 'question'),
          answer: trimmed(body.answer, 'answer'),
          updatedBy: actor.id,
          updatedAt: now,
        });
        await audit.append(auditEvent(actor, 'faq.edited', 'faq_entry', id, { topic: body.topic }), now);
        return updated;
      });
      return faqView(entry);
    },

    async withdrawFaq(actor: SignedInActor, id: string) {
      const now = clock();
      const entry = await transaction(db, async () => {
        const found = await repository.faqLock(id);
        if (!found || found.withdrawnAt) throw new NotFoundError('No such FAQ entry.');
        const updated = await repository.faqUpdate(id, { withdrawnAt: now, updatedBy: actor.id, updatedAt: now });
        await audit.append(auditEvent(actor, 'faq.withdrawn', 'faq_entry', id), now);
        return updated;
      });
      return faqView(entry);
    },

    standard,

    async setTopicTarget(actor: SignedInActor, topic: ConsultationTopic, days: number) {
      const now = clock();
      await transaction(db, async () => {
        const before = await targetDays(topic);
        await repository.setTopicTarget(topic, days, actor.id, now);
        await audit.append(
          {
            actorId: actor.id,
            action: 'consultation_topic.target_changed',
            targetType: 'consultation_topic',
            ip: actor.ip,
            details: { topic, from: before, to: days },
          },
          now,
        );
      });
      return (await standard()).topics;
    },

    /** Whether the caller has rated this thing of theirs, and whether they may now. */
    async ratingStanding(
      actor: SignedInActor,
      subjectType: RateBody['subjectType'],
      subjectId: string,
    ): Promise<RatingStanding> {
      const subject = await repository.ratedSubject(actor.id, subjectType, subjectId);
      if (!subject) throw new NotFoundError('Nothing of yours to rate here.');
      const rating = await repository.rating(actor.id, subjectType, subjectId);
      return { rating: rating ? ratingView(rating) : null, canRate: subject.ready && !rating };
    },

    /**
     * An applicant rates the service, 1–5, once per thing of theirs: an answered consultation, a decided
     * appeal, a submitted exam. The comment is kept for staff only.
     */
    async rate(actor: SignedInActor, body: RateBody): Promise<RatingView> {
      const subject = await repository.ratedSubject(actor.id, body.subjectType, body.subjectId);
      if (!subject) throw new NotFoundError('Nothing of yours to rate here.');
      if (!subject.ready)
        throw conflict('subjectId', 'rating.not_yet', 'This may be rated once it is answered, decided or submitted.');
      const comment = body.comment?.trim() || null;
      const created = await repository.insertRating({
        userId: actor.id,
        subjectType: body.subjectType,
        subjectId: body.subjectId,
        topic: subject.topic,
        score: body.score,
        comment,
        createdAt: clock(),
      });
      if (!created) throw conflict('subjectId', 'rating.exists', 'You have already rated this.');
      return ratingView(created);
    },

    async ratings(page: number) {
      const { rows, total } = await repository.ratings(page, PAGE_SIZE);
      return { items: rows.map((r) => ({ ...ratingView(r), topic: r.topic })), total, page, pageSize: PAGE_SIZE };
    },
  };
}

/** An FAQ text with each language trimmed, refused when one is left empty. */
function trimmed(value: { az: string; ru: string; en: string }, field: string) {
  const out = { az: value.az.trim(), ru: value.ru.trim(), en: value.en.trim() };
  for (const language of ['az', 'ru', 'en'] as const)
    if (out[language].length < 3)
      throw ValidationError.field(`${field}.${language}`, out[language] ? 'minLength' : 'required', 'Too short.');
  return out;
}

export type ConsultationsService = ReturnType<typeof createConsultationsService>;
