import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Question, QuestionStatus, QuestionVersion } from '../../../db/schema/index';
import { uniqueViolation } from '../../../db/errors';
import type { Language, Localised, QuestionDraft } from '../../core/question';
import {
  cleanDraft,
  defaultFiling,
  FORMATS,
  planImport,
  type ExtraRules,
  type Filing,
} from '../../core/question-formats/index';
import { draftProblems } from '../../core/question-formats/validate-draft';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import type { QuestionKey } from '../../core/question';
import { auditEvent, type AuditEvent, type AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../../actor';
import { candidateView } from './candidate-view';
import type { QuestionListQuery, QuestionsRepository } from './questions.repository';
import type { RulingRef } from './questions.schemas';

export type ReviewDecision = 'approve' | 'request-changes';
export type FormatName = keyof typeof FORMATS;

/** What the importer chooses about a file: the language of unmarked text, category filings, updating by id. */
export interface ImportChoices {
  language?: Language | undefined;
  categories?: readonly { path: string; subject: string; topic?: string | undefined }[] | undefined;
  update?: boolean | undefined;
}

/** A version as examiners see it: the whole draft, key included, and when it was first used. */
export interface VersionView extends QuestionDraft {
  version: number;
  versionId: string;
  createdBy: string;
  createdAt: string;
  usedAt: string | null;
}

export function toDraft(question: Question, version: QuestionVersion): QuestionDraft {
  return {
    ...(question.externalId ? { externalId: question.externalId } : {}),
    subject: question.subjectId,
    ...(question.topicId ? { topic: question.topicId } : {}),
    difficulty: version.difficulty,
    content: version.content,
    key: version.answerKey,
    explanation: version.explanation,
    ...(version.source ? { source: version.source } : {}),
    tags: version.tags,
  };
}

function toVersionView(question: Question, version: QuestionVersion): VersionView {
  return {
    ...toDraft(question, version),
    version: version.version,
    versionId: version.id,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    usedAt: version.usedAt?.toISOString() ?? null,
  };
}

export function createQuestionsService(deps: {
  db: Db;
  clock: Clock;
  repository: QuestionsRepository;
  audit: AuditRepository;
}) {
  const { db, clock, repository, audit } = deps;

  /** Checks a draft's shape and that its subject and topic exist and belong together. */
  async function checkDraft(draft: QuestionDraft): Promise<void> {
    const problems: FieldProblem[] = draftProblems(draft, 1).map((p) => ({
      field: p.field ?? 'draft',
      code: p.code,
      message: p.message,
    }));
    const subject = await repository.subject(draft.subject);
    if (!subject) problems.push({ field: 'subject', code: 'unknown', message: `No subject ${draft.subject}.` });
    if (draft.topic) {
      const topic = await repository.topic(draft.topic);
      if (!topic) problems.push({ field: 'topic', code: 'unknown', message: `No topic ${draft.topic}.` });
      else if (topic.subjectId !== draft.subject) {
        problems.push({
          field: 'topic',
          code: 'wrong_subject',
          message: `Topic ${draft.topic} is not in ${draft.subject}.`,
        });
      }
    }
    if (problems.length) throw new ValidationError(problems);
  }

  async function mustLock(id: string): Promise<Question> {
    const question = await repository.lockQuestion(id);
    if (!question) throw new NotFoundError('No such question.');
    return question;
  }

  function versionRow(questionId: string, version: number, draft: QuestionDraft, actor: Actor, now: Date) {
    return {
      questionId,
      version,
      type: draft.content.type,
      difficulty: draft.difficulty,
      content: draft.content,
      answerKey: draft.key,
      explanation: draft.explanation,
      source: draft.source ?? null,
      tags: draft.tags,
      createdBy: actor.id!,
      createdAt: now,
    };
  }

  async function insertQuestion(actor: Actor, draft: QuestionDraft, now: Date): Promise<Question> {
    const question = await repository.insertQuestion({
      externalId: draft.externalId ?? null,
      subjectId: draft.subject,
      topicId: draft.topic ?? null,
      status: 'draft',
      authorId: actor.id!,
      currentVersion: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repository.insertVersion(versionRow(question.id, 1, draft, actor, now));
    return question;
  }

  /** The checks only the bank can make, for import readers to run on each draft they read. */
  async function bankRules(): Promise<ExtraRules> {
    const taxonomy = await repository.taxonomy();
    const topicSubject = new Map(taxonomy.flatMap((s) => s.topics.map((t) => [t.id, s.id] as const)));
    const taken = new Set(await repository.externalIds());
    return (draft) => {
      const problems: ReturnType<ExtraRules> = [];
      if (!taxonomy.some((s) => s.id === draft.subject)) {
        problems.push({ field: 'subject', code: 'unknown', message: `No subject ${draft.subject} in the bank.` });
      }
      if (draft.topic && topicSubject.get(draft.topic) !== draft.subject) {
        problems.push({ field: 'topic', code: 'unknown', message: `No topic ${draft.topic} in ${draft.subject}.` });
      }
      if (draft.externalId) {
        if (taken.has(draft.externalId)) {
          problems.push({
            field: 'externalId',
            code: 'taken',
            message: `External id ${draft.externalId} is already used.`,
          });
        }
        taken.add(draft.externalId);
      }
      return problems;
    };
  }

  async function insertDrafts(actor: Actor, drafts: readonly QuestionDraft[], origin: string) {
    const now = clock();
    const ids = await transaction(db, async () => {
      const created: string[] = [];
      for (const draft of drafts) created.push((await insertQuestion(actor, draft, now)).id);
      await audit.append(
        {
          actorId: actor.id,
          action: 'questions.imported',
          targetType: 'question',
          ip: actor.ip,
          details: { format: origin, count: created.length },
        },
        now,
      );
      return created;
    });
    return { imported: ids.length, ids };
  }

  /**
   * Reads a file for import against the bank as it is: the category filings (the importer's choice, else the
   * path's last name) and the plan (new, update, unchanged; duplicates) the bank's rules record as they run.
   */
  async function readImport(format: FormatName, content: string, choices: ImportChoices) {
    const [taxonomy, current] = await Promise.all([repository.taxonomy(), repository.currentVersions({})]);
    const bank = current.map(({ question, version }) => ({
      id: question.id,
      status: question.status,
      draft: toDraft(question, version),
    }));
    const plan = planImport(bank, taxonomy, choices.update ?? false);
    const chosen = new Map((choices.categories ?? []).map((choice) => [choice.path, choice]));
    const filing = (path: string): Filing => {
      const choice = chosen.get(path);
      if (!choice) return defaultFiling(path, taxonomy);
      return { subject: choice.subject, ...(choice.topic ? { topic: choice.topic } : {}) };
    };
    const parsed = FORMATS[format].import(content, plan.rules, {
      language: choices.language ?? 'az',
      category: filing,
    });
    return { parsed, plan, filing, chosen };
  }

  /** A new version of an existing question, as an edit makes it: back to draft, in the review trail, audited. */
  async function addVersion(
    actor: Actor,
    id: string,
    draft: QuestionDraft,
    now: Date,
    details: Record<string, unknown> = {},
    expectedVersion?: number,
  ) {
    const question = await mustLock(id);
    if (question.status === 'retired') {
      throw new ConflictError([
        { field: 'status', code: 'wrong_status', message: 'A retired question cannot be edited.' },
      ]);
    }
    if (expectedVersion !== undefined && expectedVersion !== question.currentVersion) {
      throw new ConflictError([
        { field: 'version', code: 'stale', message: `Version ${question.currentVersion} was saved meanwhile.` },
      ]);
    }
    const version = question.currentVersion + 1;
    await repository.insertVersion(versionRow(id, version, draft, actor, now));
    await repository.updateQuestion(id, {
      currentVersion: version,
      status: 'draft',
      subjectId: draft.subject,
      topicId: draft.topic ?? null,
      externalId: draft.externalId ?? null,
      updatedAt: now,
    });
    await repository.insertReview({ questionId: id, version, actorId: actor.id!, action: 'edited', createdAt: now });
    await audit.append(auditEvent(actor, 'question.edited', 'question', id, { version, ...details }), now);
    return version;
  }

  const EXTERNAL_ID_TAKEN = {
    field: 'externalId',
    code: 'taken',
    message: 'Another question already has this external id.',
  };

  async function transition(
    actor: Actor,
    id: string,
    from: readonly QuestionStatus[],
    apply: (question: Question) => Promise<Partial<Question>>,
    action: AuditEvent['action'],
    comment?: string,
  ) {
    return transaction(db, async () => {
      const question = await mustLock(id);
      if (!from.includes(question.status)) {
        throw new ConflictError([
          { field: 'status', code: 'wrong_status', message: `The question is ${question.status}.` },
        ]);
      }
      const changes = await apply(question);
      const now = clock();
      const updated = await repository.updateQuestion(id, { ...changes, updatedAt: now });
      await audit.append(
        {
          actorId: actor.id,
          action,
          targetType: 'question',
          targetId: id,
          ip: actor.ip,
          details: {
            version: question.currentVersion,
            from: question.status,
            to: updated.status,
            ...(comment ? { comment } : {}),
          },
        },
        now,
      );
      return updated;
    });
  }

  /** The rulings on the questions' versions, by question, as the bank shows them. */
  async function rulingsOf(questionIds: readonly string[]): Promise<Map<string, RulingRef[]>> {
    const byQuestion = new Map<string, RulingRef[]>();
    for (const r of await repository.rulings(questionIds)) {
      const list = byQuestion.get(r.questionId) ?? [];
      list.push({
        versionId: r.versionId,
        version: r.version,
        kind: r.kind,
        decisionId: r.decisionId,
        at: r.createdAt.toISOString(),
      });
      byQuestion.set(r.questionId, list);
    }
    return byQuestion;
  }

  /** Refuses to send for review or approve a version a ruling annulled: it must be edited into a new one. */
  async function refuseAnnulled(question: Question) {
    const version = await repository.version(question.id, question.currentVersion);
    const rulings = await repository.rulings([question.id]);
    if (rulings.some((r) => r.kind === 'annul' && r.versionId === version?.id))
      throw new ConflictError([
        {
          field: 'version',
          code: 'version_annulled',
          message: `Version ${question.currentVersion} was annulled on appeal; edit the question to make a new version.`,
        },
      ]);
  }

  return {
    taxonomy: () => repository.taxonomy(),

    async createTopic(actor: Actor, subjectId: string, input: { id: string; name: Localised }) {
      if (!(await repository.subject(subjectId))) throw new NotFoundError('No such subject.');
      if (await repository.topic(input.id))
        throw new ConflictError([{ field: 'id', code: 'taken', message: 'A topic with this id exists.' }]);
      const position = await repository.nextTopicPosition(subjectId);
      await transaction(db, async () => {
        await repository.insertTopic({ id: input.id, subjectId, name: input.name, position });
        await audit.append(auditEvent(actor, 'topic.created', 'topic', input.id, { subjectId }), clock());
      });
      return { id: input.id, subjectId, name: input.name, position };
    },

    async list(query: QuestionListQuery) {
      const { rows, total } = await repository.list(query);
      const rulings = await rulingsOf(rows.map((r) => r.question.id));
      const last = rows.at(-1);
      return {
        items: rows.map(({ question, version, authorName }) => ({
          id: question.id,
          externalId: question.externalId,
          subject: question.subjectId,
          topic: question.topicId,
          status: question.status,
          currentVersion: question.currentVersion,
          approvedVersion: question.approvedVersion,
          type: version.type,
          difficulty: version.difficulty,
          text: version.content.text,
          tags: version.tags,
          authorId: question.authorId,
          authorName,
          updatedAt: question.updatedAt.toISOString(),
          rulings: rulings.get(question.id) ?? [],
        })),
        total,
        nextCursor: rows.length === query.limit && last ? last.question.seq : null,
      };
    },

    /** A question with every version and its review trail. Reading it reveals the key, so it is audited. */
    async get(actor: Actor, id: string) {
      const question = await repository.findQuestion(id);
      if (!question) throw new NotFoundError('No such question.');
      const [versions, reviews, rulings] = await Promise.all([
        repository.versions(id),
        repository.reviews(id),
        rulingsOf([id]),
      ]);
      const names = await repository.names([question.authorId, ...versions.map((v) => v.createdBy)]);
      await audit.append(auditEvent(actor, 'question.key-read', 'question', id), clock());
      return {
        id: question.id,
        externalId: question.externalId,
        subject: question.subjectId,
        topic: question.topicId,
        status: question.status,
        authorId: question.authorId,
        authorName: names.get(question.authorId) ?? '',
        currentVersion: question.currentVersion,
        approvedVersion: question.approvedVersion,
        createdAt: question.createdAt.toISOString(),
        updatedAt: question.updatedAt.toISOString(),
        versions: versions.map((v) => ({ ...toVersionView(question, v), createdByName: names.get(v.createdBy) ?? '' })),
        rulings: rulings.get(id) ?? [],
        reviews: reviews.map((r) => ({
          version: r.version,
          actorId: r.actorId,
          actorName: r.actorName,
          action: r.action,
          comment: r.comment,
          at: r.createdAt.toISOString(),
        })),
      };
    },

    async preview(id: string, language: Language, version?: number) {
      const question = await repository.findQuestion(id);
      if (!question) throw new NotFoundError('No such question.');
      const row = await repository.version(id, version ?? question.currentVersion);
      if (!row) throw new NotFoundError('No such version.');
      return candidateView(row.content, language);
    },

    async create(actor: Actor, typed: QuestionDraft) {
      const draft = cleanDraft(typed);
      await checkDraft(draft);
      const now = clock();
      try {
        const question = await transaction(db, async () => {
          const created = await insertQuestion(actor, draft, now);
          await audit.append(auditEvent(actor, 'question.created', 'question', created.id), now);
          return created;
        });
        return { id: question.id, version: 1 };
      } catch (error) {
        if (uniqueViolation(error) === 'questions_external_id_key') throw new ConflictError([EXTERNAL_ID_TAKEN]);
        throw error;
      }
    },

    /**
     * Saves an edit as a new version; every version stays as it was. The question goes back to
     * draft for review, while papers keep drawing the last approved version.
     */
    async edit(actor: Actor, id: string, typed: QuestionDraft, expectedVersion?: number) {
      const draft = cleanDraft(typed);
      await checkDraft(draft);
      try {
        return await transaction(db, async () => {
          const version = await addVersion(actor, id, draft, clock(), {}, expectedVersion);
          return { id, version };
        });
      } catch (error) {
        if (uniqueViolation(error) === 'questions_external_id_key') throw new ConflictError([EXTERNAL_ID_TAKEN]);
        throw error;
      }
    },

    submit(actor: Actor, id: string) {
      return transition(
        actor,
        id,
        ['draft'],
        async (question) => {
          await refuseAnnulled(question);
          await repository.insertReview({
            questionId: id,
            version: question.currentVersion,
            actorId: actor.id!,
            action: 'submitted',
            createdAt: clock(),
          });
          return { status: 'in_review' };
        },
        'question.submitted',
      );
    },

    /** Approves or sends back a question in review. Nobody approves a question they wrote or last edited. */
    review(actor: Actor, id: string, decision: ReviewDecision, comment: string | undefined) {
      return transition(
        actor,
        id,
        ['in_review'],
        async (question) => {
          const version = await repository.version(id, question.currentVersion);
          if (decision === 'approve' && (question.authorId === actor.id || version?.createdBy === actor.id)) {
            throw new ForbiddenError(
              'You cannot approve a question you wrote or edited; another examiner must review it.',
            );
          }
          if (decision === 'request-changes' && !comment?.trim()) {
            throw ValidationError.field('comment', 'required', 'Say what should change.');
          }
          if (decision === 'approve') await refuseAnnulled(question);
          await repository.insertReview({
            questionId: id,
            version: question.currentVersion,
            actorId: actor.id!,
            action: decision === 'approve' ? 'approved' : 'changes-requested',
            comment: comment?.trim() || null,
            createdAt: clock(),
          });
          return decision === 'approve'
            ? { status: 'approved', approvedVersion: question.currentVersion }
            : { status: 'draft' };
        },
        decision === 'approve' ? 'question.approved' : 'question.changes-requested',
        comment,
      );
    },

    async comment(actor: Actor, id: string, comment: string) {
      await transaction(db, async () => {
        const question = await mustLock(id);
        const now = clock();
        await repository.insertReview({
          questionId: id,
          version: question.currentVersion,
          actorId: actor.id!,
          action: 'commented',
          comment,
          createdAt: now,
        });
        await audit.append(auditEvent(actor, 'question.commented', 'question', id), now);
      });
    },

    retire(actor: Actor, id: string, reason: string) {
      return transition(
        actor,
        id,
        ['draft', 'in_review', 'approved'],
        async (question) => {
          await repository.insertReview({
            questionId: id,
            version: question.currentVersion,
            actorId: actor.id!,
            action: 'retired',
            comment: reason,
            createdAt: clock(),
          });
          return { status: 'retired' };
        },
        'question.retired',
        reason,
      );
    },

    /**
     * What importing a file would do, writing nothing: how many questions are new, updated or unchanged, where
     * each Moodle category's questions would go, which stems are already in the bank, and every problem.
     */
    async checkImport(format: FormatName, content: string, choices: ImportChoices) {
      const { parsed, plan, filing, chosen } = await readImport(format, content, choices);
      const count = (kind: string) => plan.rows.filter((row) => row.kind === kind).length;
      return {
        ok: parsed.ok,
        new: count('new'),
        updated: count('update'),
        unchanged: count('unchanged'),
        categories: (parsed.categories ?? []).map(({ path, questions: n }) => {
          const { subject = '', topic } = filing(path);
          return { path, questions: n, subject, topic: topic ?? null, chosen: chosen.has(path) };
        }),
        duplicates: plan.duplicates,
        problems: parsed.ok ? [] : parsed.problems.map((p) => ({ ...p, field: p.field ?? 'content' })),
      };
    },

    /**
     * Imports a Moodle XML, GIFT or CSV file in one transaction: all its questions or none. The bank's own rules
     * (the subject and topic exist, the external id is free or, when updating, names a question that can take a
     * new version) run inside the format's reader, so every problem is numbered as the file numbers its rows. An
     * update is an edit like any other: a new version, back to draft for review, audited.
     */
    async importFile(actor: Actor, format: FormatName, content: string, choices: ImportChoices = {}) {
      const { parsed, plan } = await readImport(format, content, choices);
      if (!parsed.ok) {
        return { ok: false as const, problems: parsed.problems.map((p) => ({ ...p, field: p.field ?? 'content' })) };
      }
      const now = clock();
      try {
        return await transaction(db, async () => {
          const created: string[] = [];
          const updated: string[] = [];
          for (const [index, draft] of parsed.drafts.entries()) {
            const planned = plan.rows[index];
            if (planned?.kind === 'unchanged') continue;
            if (planned?.kind === 'update') {
              await addVersion(actor, planned.questionId, draft, now, { import: format });
              updated.push(planned.questionId);
            } else {
              created.push((await insertQuestion(actor, draft, now)).id);
            }
          }
          await audit.append(
            {
              actorId: actor.id,
              action: 'questions.imported',
              targetType: 'question',
              ip: actor.ip,
              details: { format, count: created.length, updated: updated.length },
            },
            now,
          );
          const unchanged = plan.rows.filter((row) => row.kind === 'unchanged').length;
          return {
            ok: true as const,
            imported: created.length,
            updated: updated.length,
            unchanged,
            ids: [...created, ...updated],
          };
        });
      } catch (error) {
        // Another import or edit took an external id between the check and the write.
        if (uniqueViolation(error) === 'questions_external_id_key') throw new ConflictError([EXTERNAL_ID_TAKEN]);
        throw error;
      }
    },

    /** Adds drafts already in memory (the demo's bank), under the same rules as a file import. */
    async importDrafts(actor: Actor, drafts: readonly QuestionDraft[], origin: string) {
      const rules = await bankRules();
      const problems = drafts.flatMap((draft, i) => [
        ...draftProblems(draft, i + 1),
        ...rules(draft).map((p) => ({ ...p, row: i + 1 })),
      ]);
      if (problems.length) return { ok: false as const, problems };
      return { ok: true as const, ...(await insertDrafts(actor, drafts, origin)) };
    },

    /** The current version of every matching question, keys included: audited like any key read. */
    async exportDrafts(
      actor: Actor,
      filter: { subject?: string | undefined; status?: QuestionStatus | undefined },
      format: string,
    ) {
      const rows = await repository.currentVersions(filter);
      await audit.append(
        {
          actorId: actor.id,
          action: 'questions.exported',
          targetType: 'question',
          ip: actor.ip,
          details: { format, count: rows.length, ...filter },
        },
        clock(),
      );
      return rows.map(({ question, version }) => toDraft(question, version));
    },

    /**
     * A confirmed appeal ruling binds the bank (DESIGN.md rule 14); runs inside the ruling's transaction.
     *
     * - An annulled version stops being the one papers draw (the pool also leaves it out by its ruling):
     *   an approved question goes back to draft, for an examiner to edit into a new version and have it
     *   reviewed; a newer version already in review keeps its course.
     * - A changed key, when the ruled version is the one papers draw, makes a new version carrying the
     *   key in force, sent for review like any edit and written by the examiner who decided the key (so
     *   another must approve it). Until it is approved papers keep drawing the ruled version, which the
     *   ruling scores by the key in force.
     *
     * Papers already drawn keep what they carry; scoring reads the rulings. Returns what changed.
     */
    async applyRuling(
      ruling: { versionId: string; kind: 'annul' | 'key'; key: QuestionKey | null; decisionId: string },
      people: { decidedBy: string; confirmedBy: string },
      now: Date,
    ): Promise<{ questionId: string; retired: boolean; newVersion: number | null }> {
      const ruled = await repository.versionById(ruling.versionId);
      if (!ruled) throw new NotFoundError('No such question version.');
      const question = (await repository.lockQuestion(ruled.questionId))!;
      const drawn = question.approvedVersion === ruled.version && question.status !== 'retired';
      const trail = (version: number, action: 'annulled' | 'key-corrected' | 'submitted', actorId: string) =>
        repository.insertReview({
          questionId: question.id,
          version,
          actorId,
          action,
          comment: `decision ${ruling.decisionId}`,
          createdAt: now,
        });
      if (ruling.kind === 'annul') {
        await trail(ruled.version, 'annulled', people.confirmedBy);
        if (!drawn) return { questionId: question.id, retired: false, newVersion: null };
        await repository.updateQuestion(question.id, {
          approvedVersion: null,
          ...(question.status === 'approved' ? { status: 'draft' as const } : {}),
          updatedAt: now,
        });
        return { questionId: question.id, retired: true, newVersion: null };
      }
      if (!drawn || !ruling.key) return { questionId: question.id, retired: false, newVersion: null };
      const version = question.currentVersion + 1;
      await repository.insertVersion({
        questionId: question.id,
        version,
        type: ruled.type,
        difficulty: ruled.difficulty,
        content: ruled.content,
        answerKey: ruling.key,
        explanation: ruled.explanation,
        source: ruled.source,
        tags: ruled.tags,
        createdBy: people.decidedBy,
        createdAt: now,
      });
      await repository.updateQuestion(question.id, { currentVersion: version, status: 'in_review', updatedAt: now });
      await trail(version, 'key-corrected', people.decidedBy);
      await trail(version, 'submitted', people.confirmedBy);
      return { questionId: question.id, retired: false, newVersion: version };
    },

    /** The approved pool papers draw from, in the shape the paper core expects. */
    async pool() {
      const rows = await repository.pool();
      return rows.map(({ question, version }) => ({
        questionId: question.id,
        versionId: version.id,
        version: version.version,
        subject: question.subjectId,
        topic: question.topicId,
        difficulty: version.difficulty,
        languages: (['az', 'ru', 'en'] as const).filter((l) => Boolean(version.content.text[l])),
        optionIds: version.content.options.map((o) => o.id),
        position: question.seq,
        content: version.content,
        key: version.answerKey,
      }));
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
