-- A question version never changes once written; the only update allowed is marking it used,
-- once, when it first appears on a paper. Edits make a new version instead.
CREATE FUNCTION refuse_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.used_at IS NULL AND NEW.used_at IS NOT NULL
     AND (to_jsonb(NEW) - 'used_at') = (to_jsonb(OLD) - 'used_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'question versions are immutable: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER question_versions_immutable BEFORE UPDATE OR DELETE ON question_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_version_change();
--> statement-breakpoint
CREATE TRIGGER question_reviews_append_only BEFORE UPDATE OR DELETE ON question_reviews
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- The sections of the Azerbaijani civil-service test (DİM), and the acts of its legislation section.
INSERT INTO subjects (id, name, position) VALUES
  ('logic', '{"az":"Məntiq","ru":"Логика","en":"Logic"}', 1),
  ('legislation', '{"az":"Qanunvericilik","ru":"Законодательство","en":"Legislation"}', 2),
  ('informatics', '{"az":"İnformatika","ru":"Информатика","en":"Informatics"}', 3),
  ('language', '{"az":"Azərbaycan dili","ru":"Азербайджанский язык","en":"Azerbaijani language"}', 4);
--> statement-breakpoint
INSERT INTO topics (id, subject_id, name, position) VALUES
  ('constitution', 'legislation', '{"az":"Azərbaycan Respublikasının Konstitusiyası","ru":"Конституция Азербайджанской Республики","en":"Constitution of the Republic of Azerbaijan"}', 1),
  ('civil-service-law', 'legislation', '{"az":"\"Dövlət qulluğu haqqında\" Qanun","ru":"Закон «О государственной службе»","en":"Law on Civil Service"}', 2),
  ('anti-corruption-law', 'legislation', '{"az":"\"Korrupsiyaya qarşı mübarizə haqqında\" Qanun","ru":"Закон «О борьбе с коррупцией»","en":"Law on Combating Corruption"}', 3),
  ('ethics-code', 'legislation', '{"az":"\"Dövlət qulluqçularının etik davranış qaydaları haqqında\" Qanun","ru":"Закон «О правилах этического поведения государственных служащих»","en":"Code of Ethical Conduct of Civil Servants"}', 4);
