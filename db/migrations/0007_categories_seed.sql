-- DİM's test categories: group A (managerial) and group B (executive) with their subgroups.
-- A subgroup of a lower rank number covers those ranked below it in the same group.
INSERT INTO categories (code, parent_code, name, rank, position) VALUES
  ('A', NULL, '{"az":"A qrupu (rəhbər vəzifələr)","ru":"Группа A (руководящие должности)","en":"Group A (managerial posts)"}', 0, 1),
  ('AA', 'A', '{"az":"AA altqrupu","ru":"Подгруппа AA","en":"Subgroup AA"}', 1, 2),
  ('AB', 'A', '{"az":"AB altqrupu","ru":"Подгруппа AB","en":"Subgroup AB"}', 2, 3),
  ('AC', 'A', '{"az":"AC altqrupu","ru":"Подгруппа AC","en":"Subgroup AC"}', 3, 4),
  ('B', NULL, '{"az":"B qrupu (icra vəzifələri)","ru":"Группа B (исполнительские должности)","en":"Group B (executive posts)"}', 0, 5),
  ('BA', 'B', '{"az":"BA altqrupu","ru":"Подгруппа BA","en":"Subgroup BA"}', 1, 6),
  ('BB', 'B', '{"az":"BB altqrupu","ru":"Подгруппа BB","en":"Subgroup BB"}', 2, 7);
--> statement-breakpoint
-- A paper is frozen once drawn (DESIGN.md rule 4): its seed, paper and versions never change.
CREATE FUNCTION refuse_paper_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seed IS DISTINCT FROM OLD.seed OR NEW.paper IS DISTINCT FROM OLD.paper
     OR NEW.version_ids IS DISTINCT FROM OLD.version_ids OR NEW.booking_id IS DISTINCT FROM OLD.booking_id THEN
    RAISE EXCEPTION 'an attempt''s paper is frozen' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_paper_frozen BEFORE UPDATE ON attempts
  FOR EACH ROW EXECUTE FUNCTION refuse_paper_change();
--> statement-breakpoint
CREATE TRIGGER attempts_never_deleted BEFORE DELETE ON attempts
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
