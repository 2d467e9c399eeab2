import type { Static } from '@sinclair/typebox';
import type {
  BlueprintBody,
  BlueprintView,
  CandidateViewSchema,
  EditQuestionBody,
  FeasibilityResponse,
  ImportCheckResponse,
  ImportProblemsResponse,
  ImportResponse,
  PaperPreviewResponse,
  QuestionDetailResponse,
  QuestionDraftSchema,
  QuestionListQuerySchema,
  QuestionListResponse,
  QuestionRefResponse,
  StatusResponse,
  TaxonomyResponse,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type QuestionDraft = Static<typeof QuestionDraftSchema>;
export type QuestionListQuery = Partial<QuestionListQuerySchema>;
export type QuestionSummary = QuestionListResponse['items'][number];
export type QuestionDetail = QuestionDetailResponse;
export type QuestionVersion = QuestionDetail['versions'][number];
export type QuestionReview = QuestionDetail['reviews'][number];
export type QuestionStatus = QuestionSummary['status'];
export type CandidateView = CandidateViewSchema;
export type Taxonomy = TaxonomyResponse;
export type Subject = Taxonomy[number];
export type ImportFormat = 'moodle-xml' | 'gift' | 'csv';
export type ImportProblem = Static<typeof ImportProblemsResponse>['error']['problems'][number];
export type ImportResult = Static<typeof ImportResponse>;
export type ImportCheck = Static<typeof ImportCheckResponse>;
/** What the importer chooses about a file: see POST /api/questions/import. */
export interface ImportChoices {
  language?: 'az' | 'ru' | 'en';
  categories?: { path: string; subject: string; topic?: string }[];
  update?: boolean;
}
export type Blueprint = BlueprintView;
export type BlueprintInput = BlueprintBody;
export type BlueprintSection = BlueprintInput['sections'][number];
export type Feasibility = FeasibilityResponse;
export type PaperPreview = PaperPreviewResponse;
export type PaperItem = PaperPreview['sections'][number]['items'][number];
export type { QuestionListResponse };

type QuestionRef = Static<typeof QuestionRefResponse>;
type StatusReply = Static<typeof StatusResponse>;
type Language = CandidateView['language'];

const question = (id: string) => `/api/questions/${encodeURIComponent(id)}`;
const blueprint = (id: string) => `/api/blueprints/${encodeURIComponent(id)}`;

/** The question bank and blueprints, as this browser's request may call them. Server-side only. */
export function bankApi(event: ApiEvent) {
  return {
    subjects: () => callApi<Taxonomy>(event, 'GET', '/api/subjects'),
    createTopic: (subjectId: string, body: { id: string; name: { az?: string; ru?: string; en?: string } }) =>
      callApi<Taxonomy[number]['topics'][number]>(
        event,
        'POST',
        `/api/subjects/${encodeURIComponent(subjectId)}/topics`,
        {
          body,
        },
      ),
    listQuestions: (query: QuestionListQuery) =>
      callApi<QuestionListResponse>(event, 'GET', '/api/questions', { query }),
    createQuestion: (body: QuestionDraft) => callApi<QuestionRef>(event, 'POST', '/api/questions', { body }),
    question: (id: string) => callApi<QuestionDetail>(event, 'GET', question(id)),
    editQuestion: (id: string, body: Static<typeof EditQuestionBody>) =>
      callApi<QuestionRef>(event, 'PUT', question(id), { body }),
    previewQuestion: (id: string, language: Language, version?: number) =>
      callApi<CandidateView>(event, 'GET', `${question(id)}/preview`, { query: { language, version } }),
    submit: (id: string) => callApi<StatusReply>(event, 'POST', `${question(id)}/submit`),
    review: (id: string, decision: 'approve' | 'request-changes', comment?: string) =>
      callApi<StatusReply>(event, 'POST', `${question(id)}/review`, {
        body: comment ? { decision, comment } : { decision },
      }),
    comment: (id: string, comment: string) =>
      callApi<null>(event, 'POST', `${question(id)}/comments`, { body: { comment } }),
    retire: (id: string, reason: string) =>
      callApi<StatusReply>(event, 'POST', `${question(id)}/retire`, { body: { reason } }),
    importQuestions: (format: ImportFormat, content: string, choices: ImportChoices = {}) =>
      callApi<ImportResult>(event, 'POST', '/api/questions/import', { body: { format, content, ...choices } }),
    checkImport: (format: ImportFormat, content: string, choices: ImportChoices = {}) =>
      callApi<ImportCheck>(event, 'POST', '/api/questions/import/check', { body: { format, content, ...choices } }),

    listBlueprints: (archived: boolean) =>
      callApi<Blueprint[]>(event, 'GET', '/api/blueprints', { query: { archived: String(archived) } }),
    blueprint: (id: string) => callApi<Blueprint>(event, 'GET', blueprint(id)),
    createBlueprint: (body: BlueprintInput) => callApi<Blueprint>(event, 'POST', '/api/blueprints', { body }),
    updateBlueprint: (id: string, body: BlueprintInput) => callApi<Blueprint>(event, 'PUT', blueprint(id), { body }),
    archiveBlueprint: (id: string, archived: boolean) =>
      callApi<Blueprint>(event, 'POST', `${blueprint(id)}/archive`, { body: { archived } }),
    feasibility: (id: string) => callApi<Feasibility>(event, 'GET', `${blueprint(id)}/feasibility`),
    previewPaper: (id: string, seed: string) =>
      callApi<PaperPreview>(event, 'GET', `${blueprint(id)}/preview`, { query: { seed } }),
  };
}
