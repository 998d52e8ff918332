-- Status transitions in bulk (a pack marked sent, an FLK protocol's reopening, an invoice's MEK marking) write
-- 100 000 visits and as many audit lines in one statement. What each such row paid for and did not need:

-- 1. The correction flag (0011) recomputed ~45 fields against mis_values for every synced visit, although a write of
-- the status alone cannot change it: status, version, updated_at and the flags themselves are never MIS values
-- (mis_values holds the columns a sync writes, VisitColumns.Stored, and __services). The trigger now fires only when
-- an UPDATE sets some other column — decided once per statement from its SET list, not per row. Every column but
-- those five is listed, so whoever writes any other field still gets an exact flag (a test compares this list with
-- the table's columns, so a column added later must be added here).
drop trigger visit_track_corrections on visit;
create trigger visit_track_corrections before update of
        mo_id, number, patient_id, open_date, close_date, report_year, report_month, mek, for_pom, first_visit, ist_fin,
        purpose, usl_ok, doc_spec, doc_code, ds1, char1, ds2, char2, ishod, rslt, travma_type, finality, visit_pol,
        visit_home, pol_days, home_days, visit_daystac, visit_homstac, days_at_daystac, days_at_homstac, npr_date, npr_mo,
        npr_spec, npr_number, hosp_mo, hosp_number, hosp_urgent, policy_type, policy_series, policy_number, smo,
        smo_okato, d_type, prof_k, ksg, ksk, sh, patient_age, overrides, source_id, source_key, created_at, mis_marker,
        mis_values, conflicts, review_reason, id
    on visit
    for each row when (new.mis_values is not null) execute function visit_track_corrections();

-- 2. visit_month (mo_id, report_year, report_month) where status > 0 is the prefix of visit_month_number (0006), with
-- the same predicate: every query it served, that one serves, and each visit written is one index entry fewer.
drop index visit_month;

-- 3. An audit line checked its MO against mo row by row (a foreign-key trigger, ~9 µs a line: 0.9 s of a 100 000-visit
-- pack). The log is history, appended by the hub with the MO of the operation it records, and MOs are never deleted;
-- the check bought nothing.
alter table audit_log drop constraint audit_log_mo_id_fkey;

-- 4. entity and entity_id are identifiers compared for equality (a visit's history), never shown sorted: with the "C"
-- collation the audit_log_entity index compares bytes instead of running the Russian (ICU) collation on each of the
-- ~17 comparisons of every insert. Equality is unchanged; the column type stays text (no table rewrite).
alter table audit_log
    alter column entity type text collate "C",
    alter column entity_id type text collate "C";

-- 5. An FLK protocol's error rows checked batch, visit and patient row by row (three foreign-key triggers, each a
-- query that also locks the referenced row: ~2 s of a 100 000-record protocol). They are history rows (D3), written
-- by one statement that takes visit_id and patient_id from the visits and patients it joins and batch_id from the
-- batch inserted just before, in the same transaction; batches, visits and patients are never deleted (a visit is
-- deleted by its status), and the row keeps its own copy of the number, card and surname it was matched to.
alter table flk_error
    drop constraint flk_error_batch_id_fkey,
    drop constraint flk_error_visit_id_fkey,
    drop constraint flk_error_patient_id_fkey;
