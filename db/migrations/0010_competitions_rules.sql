-- An announced round's published terms (weights, rubric, limit, title) never change, and it is never deleted.
CREATE FUNCTION refuse_announced_round_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.announced_at IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an announced competition round cannot be changed: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER competition_rounds_announced_immutable BEFORE UPDATE OR DELETE ON competition_rounds
  FOR EACH ROW EXECUTE FUNCTION refuse_announced_round_change();
--> statement-breakpoint
-- An announced vacancy can be neither hidden nor changed: it is never deleted, and the only columns that
-- may still move are its status and the receipts of its ranking and closing.
CREATE FUNCTION refuse_announced_vacancy_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status', 'closed_at', 'ranking_published_at', 'ranking_published_by',
                          'ranking_log_index', 'ranking_leaf_hash'];
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.announced_at IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> 'draft' AND NEW.status <> 'draft'
     AND (to_jsonb(NEW) - mutable) = (to_jsonb(OLD) - mutable) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an announced vacancy cannot be hidden or changed: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER vacancies_announced_immutable BEFORE UPDATE OR DELETE ON vacancies
  FOR EACH ROW EXECUTE FUNCTION refuse_announced_vacancy_change();
--> statement-breakpoint
-- Nor can a vacancy slip into a round after the round was announced without being announced itself.
CREATE FUNCTION refuse_late_vacancy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.announced_at IS NULL
     AND EXISTS (SELECT 1 FROM competition_rounds r WHERE r.id = NEW.round_id AND r.announced_at IS NOT NULL) THEN
    RAISE EXCEPTION 'the round is announced: a vacancy cannot be added to it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER vacancies_not_after_announcement BEFORE INSERT ON vacancies
  FOR EACH ROW EXECUTE FUNCTION refuse_late_vacancy();
--> statement-breakpoint
-- A panel member's score is final when entered; published rankings and appointments stay as published.
CREATE TRIGGER interview_scores_final BEFORE UPDATE OR DELETE ON interview_scores
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER interview_scores_no_truncate BEFORE TRUNCATE ON interview_scores
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER vacancy_rankings_append_only BEFORE UPDATE OR DELETE ON vacancy_rankings
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER appointments_append_only BEFORE UPDATE OR DELETE ON appointments
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
