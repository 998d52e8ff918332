-- The stages of a visit in its report month (the overview's cards and the review list's state filter, docs/api.md
-- "Visit stages"): what the month's latest check said, whether the visit was corrected here after the MIS, whether
-- TFOMS refused it.

-- Whether a synced visit carries a local correction: a field whose value differs from what the MIS sent last
-- (mis_values, docs/sync.md), or a services set that differs from the MIS's (mis_values.__services). Kept by the
-- triggers below on every write, whoever writes (the editor, the source tab, a sync, an import), so the overview and
-- the review list read a flag instead of comparing ~45 fields of every visit of the month.
alter table visit
    add column corrected_fields   boolean not null default false,
    add column corrected_services boolean not null default false;

-- A visit's PMU rows in the form the sync keeps them in mis_values.__services (HubCase.ServicesKey): "code|qty|date",
-- in ordinal order, ';'-joined; '' without services.
create function visit_services_key(visit bigint) returns text language sql stable as $$
    select coalesce(string_agg(k, ';' order by k collate "C"), '')
    from (select s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD') as k from visit_service s where s.visit_id = visit) rows
$$;

-- A row's own fields against what the MIS sent: jsonb_populate_record over the row puts the MIS values (typed) into
-- the fields the MIS sends and keeps every other field, so the two records differ exactly when a field was corrected.
-- The services are compared by the statement triggers of visit_service, and here when the MIS's set changes.
-- Updates only: the one writer that inserts MIS values is the sync, whose new visit holds exactly what the MIS sent,
-- so it starts uncorrected (the default) — and a first sync of 100 000 cases does not pay ~20 µs a row for nothing.
create function visit_track_corrections() returns trigger language plpgsql as $$
begin
    new.corrected_fields := jsonb_populate_record(new, new.mis_values - '__services') is distinct from new;
    if new.mis_values -> '__services' is distinct from old.mis_values -> '__services' then
        new.corrected_services := visit_services_key(new.id) is distinct from new.mis_values ->> '__services';
    end if;
    return new;
end
$$;

create trigger visit_track_corrections before update on visit
    for each row when (new.mis_values is not null) execute function visit_track_corrections();

-- After PMU rows change: the services set of each visit touched against the MIS's, and the visit counts as changed
-- (updated_at) — a check before it no longer speaks for it. One statement per statement on visit_service, so a
-- sync's COPY of a batch costs one query (~3 µs a visit); a visit whose flag and time already agree (a sync's new visit,
-- written in the same transaction) is not written again.
create function visit_services_changed() returns trigger language plpgsql as $$
declare
    touched bigint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(distinct visit_id) into touched from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct visit_id) into touched from old_rows;
    else
        select array_agg(distinct visit_id) into touched from (select visit_id from new_rows union select visit_id from old_rows) u;
    end if;

    update visit v set corrected_services = flags.corrected, updated_at = greatest(v.updated_at, now())
    from (select w.id, w.mis_values is not null and visit_services_key(w.id) is distinct from w.mis_values ->> '__services' as corrected
          from visit w where w.id = any(touched)) flags
    where v.id = flags.id and (v.corrected_services is distinct from flags.corrected or v.updated_at < now());
    return null;
end
$$;

create trigger visit_services_inserted after insert on visit_service
    referencing new table as new_rows for each statement execute function visit_services_changed();
create trigger visit_services_updated after update on visit_service
    referencing new table as new_rows old table as old_rows for each statement execute function visit_services_changed();
create trigger visit_services_deleted after delete on visit_service
    referencing old table as old_rows for each statement execute function visit_services_changed();

-- The flags of the visits synced before this migration (the row trigger sets corrected_fields on the way).
update visit set corrected_services = visit_services_key(id) is distinct from mis_values ->> '__services' where mis_values is not null;

-- The stages look visits up by id in these: the FLK errors of a visit, the problems of a run.
create index flk_error_visit on flk_error (visit_id) where visit_id is not null;
create index pack_problem_visit on pack_problem (pack_id, visit_id);
-- The month's latest check or pack.
create index pack_month on pack (mo_id, report_year, report_month, created_at desc);
