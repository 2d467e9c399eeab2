/**
 * The server's public types: all the web may know of the server, and only as types (a TypeBox schema is
 * exported for `Static<typeof …>`, never to run). The web imports server/ through this file alone, as
 * `$api-types`; eslint.config.js fails any other import of server/ from web/.
 */
export type {
  AppealListResponse,
  AppealView,
  DecisionBody,
  DecisionView,
  FileAppealBody,
  QueueGroup,
  QueueResponse,
  RescoringJobDetail,
  RescoringJobListResponse,
  RescoringJobView,
  VersionRecord,
} from './modules/appeals/appeals.schemas';
export type {
  AnnulmentAppealQueue,
  AnnulmentAppealStaffView,
  AnnulmentAppealView,
  AnnulmentStanding,
} from './modules/appeals/annulment-appeals.schemas';
export type {
  AnnulBody,
  AttemptItemView,
  AttemptView,
  ExtendBody,
  ResultView,
  SaveAck,
  SaveAnswerBody,
  SavedAnswerView,
  StartResponse,
} from './modules/attempts/attempts.schemas';
export type { UnsentAcceptance, UnsentInspection } from './modules/attempts/unsent-answers.schemas';
export type { AuditListResponse } from './modules/audit/audit.schemas';
export type { ImportAccepted } from './modules/imports/imports.schemas';
export type {
  SecurityNoticeResponse,
  SessionResponse,
  SignInBody,
  SignInResponse,
  SignUpBody,
  TwoFactorSetupResponse,
} from './modules/auth/auth.schemas';
export type {
  BlueprintBody,
  BlueprintView,
  FeasibilityResponse,
  PaperPreviewResponse,
} from './modules/blueprints/blueprints.schemas';
export type {
  AccommodationBody,
  BookingView,
  MoveBookingBody,
  RosterEntry,
  RosterResponse,
  TicketCheckResponse,
} from './modules/bookings/bookings.schemas';
export type {
  CertificateListResponse,
  CertificateVerification,
  CertificateView,
} from './modules/certificates/certificates.schemas';
export type { AgencyBody, AgencyView, LocalisedView } from './modules/competitions/agencies.schemas';
export type { ApplicationView, Eligibility } from './modules/competitions/applications.schemas';
export type { AdminVacancyDetail, PublicVacancyDetail } from './modules/competitions/appointments.schemas';
export type {
  PanelAssignment,
  PanelBody,
  ScoreBody,
  ScoreReceipt,
  SlotBody,
} from './modules/competitions/interviews.schemas';
export type {
  AdminRound,
  PublicRound,
  PublicRoundList,
  PublicVacancy,
  RoundBody,
  VacancyBody,
} from './modules/competitions/rounds.schemas';
export type { ApplicationStages, RoundStages, StagePreview, StagesBody } from './modules/competitions/stages.schemas';
export type { DemoAccountView } from './modules/demo/demo.service';
export type {
  CheckpointListResponse,
  ConsistencyResponse,
  LogEntryResponse,
  LogInfoResponse,
} from './modules/log/log.schemas';
export type { MetaResponse } from './modules/meta/meta.routes';
export type {
  CandidateViewSchema,
  EditQuestionBody,
  ImportCheckResponse,
  ImportProblemsResponse,
  ImportResponse,
  QuestionDetailResponse,
  QuestionDraftSchema,
  QuestionKeySchema,
  QuestionListQuerySchema,
  QuestionListResponse,
  QuestionRefResponse,
  StatusResponse,
  TaxonomyResponse,
} from './modules/questions/questions.schemas';
export type {
  AppointmentDetail,
  AppointmentItem,
  AppointmentSort,
  Page,
  RegisterStatistics,
  ResultDetail,
  ResultItem,
  ResultSort,
  VacancyDetail,
  VacancyItem,
  VacancySort,
} from './modules/register/register.schemas';
export type { RegisterVacancyStatus } from './modules/register/register.types';
export type {
  AdminResultsResponse,
  PublishedSittingList,
  ReviewView,
  SittingResultsResponse,
} from './modules/results/results.schemas';
export type {
  AttemptDeadlineView,
  BoardCandidate,
  BoardResponse,
  CategoryListResponse,
  CancelSittingBody,
  OpenSittingView,
  PublicationReadiness,
  RescheduleBody,
  SittingBody,
  SittingChangeView,
  SittingListQuery,
  SittingListResponse,
  SittingView,
} from './modules/sittings/sittings.schemas';
export type {
  BlueprintStatisticsList,
  BlueprintStatisticsView,
  PublicReliability,
  QuestionStatisticsView,
  SittingStatisticsView,
  StatisticsSittingList,
} from './modules/statistics/statistics.schemas';
export type {
  AssignedRoomsPage,
  IncidentPage,
  IncidentView,
  RoomView,
  SittingInvigilationView,
} from './modules/invigilation/invigilation.schemas';
export type { CreateAccountBody, UserListResponse, UserSummarySchema } from './modules/users/users.schemas';
export type { ChangePasswordBody, ResetPasswordBody } from './modules/auth/account.schemas';
export type { OutboxMailView, OutboxResponse } from './modules/mail/mail.schemas';
export type { MarkedResponse, NoticeView, NoticesResponse, UnreadResponse } from './modules/notices/notices.schemas';
export type { ErrorResponse } from './schemas';
// A candidate's answer is the scoring core's, declared once and shared by the API, the exam room and its queue.
export type { Answer } from './core/scoring';
export type {
  AskBody,
  ConsultationView,
  FaqBody,
  FaqEntryView,
  FaqList,
  OwnConsultations,
  PassBody,
  Queue as ConsultationQueue,
  RateBody,
  RatingStanding,
  RatingView,
  RelatedChoices,
  ServiceStandard,
  StaffConsultationView,
  StaffRatings,
} from './modules/consultations/consultations.schemas';
export type {
  MarkBody,
  MarkerQueue,
  MarkerScript,
  MarkingAppealView,
  MarkReceipt,
  PlanBody,
  PlanView,
  WrittenView,
} from './modules/marking/marking.schemas';
export type {
  MarkingAppealBody,
  MarkingAppealCase,
  MarkingAppealDecisionBody,
  MarkingAppealQueue,
} from './modules/marking/marking-appeals.schemas';
