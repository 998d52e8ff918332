-- A sync's first run writes its visits, services and patients 1 000 at a time, and each row paid a foreign-key check of
-- its own: a query per reference per row (visit: MO, source, patient; patient: MO, source; service: its visit) — about
-- 520 000 queries for 100 000 services, a quarter of the working database's CPU in a first sync (perf: the
-- after-trigger queue and SPI). Five of the six look up the same one or two rows of mo and mis_source again and again.
-- The same guarantees, checked per statement instead of per row:

-- 1. Rows inserted: one set-based check per statement and reference (the distinct keys the statement wrote, looked up
-- and locked FOR KEY SHARE — what a foreign key's check locks, so a concurrent delete of the referenced row waits or is
-- refused as before). A key that is missing fails the statement with foreign_key_violation, like the constraint did.
create function check_inserted_references() returns trigger language plpgsql as $$
declare
    i integer := 0;
    keys bigint[];
    present bigint;
    missing text;
begin
    -- tg_argv: pairs of (column, referenced table); the referenced key is always the table's id. The keys are taken
    -- out of the transition table first: a locking query joined with it would carry its whole rows (mis_values and
    -- all) along for a possible recheck.
    while i < tg_nargs loop
        execute format('select array_agg(distinct %1$I)::bigint[] from new_rows where %1$I is not null', tg_argv[i]) into keys;
        if keys is not null then
            execute format('select count(*) from (select from %I r where r.id = any($1) for key share of r) l', tg_argv[i + 1])
                into present using keys;
            if present < cardinality(keys) then
                execute format('select min(k)::text from unnest($1) k where not exists (select from %I r where r.id = k)', tg_argv[i + 1])
                    into missing using keys;
                raise exception using errcode = 'foreign_key_violation',
                    message = format('insert on table "%s" violates the reference %s → %s', tg_table_name, tg_argv[i], tg_argv[i + 1]),
                    detail = format('Key (%s)=(%s) is not present in table "%s".', tg_argv[i], missing, tg_argv[i + 1]);
            end if;
        end if;

        i := i + 2;
    end loop;

    return null;
end
$$;

-- 2. A reference changed by an update (rare: a hand-typed card adopted by a source, a visit moved to another patient):
-- checked row by row as the constraint did, and only where the key changed — bulk updates that do not set these columns
-- do not even queue the trigger.
create function check_updated_reference() returns trigger language plpgsql as $$
declare
    key text := to_jsonb(new) ->> tg_argv[0];
    hit integer;
begin
    if key is not null then
        execute format('select 1 from %I r where r.id = $1::bigint for key share of r', tg_argv[1]) into hit using key;
        if hit is null then
            raise exception using errcode = 'foreign_key_violation',
                message = format('update on table "%s" violates the reference %s → %s', tg_table_name, tg_argv[0], tg_argv[1]),
                detail = format('Key (%s)=(%s) is not present in table "%s".', tg_argv[0], key, tg_argv[1]);
        end if;
    end if;

    return null;
end
$$;

-- patients and visits are never deleted by the hub — a visit is deleted by its status — but a hand-written statement
-- must still be refused as before). A visit's services still go with it (the constraint's "on delete cascade").
create function check_unreferenced() returns trigger language plpgsql as $$
declare
    i integer := 0;
    hit integer;
begin
    -- tg_argv: pairs of (referencing table, column).
    while i < tg_nargs loop
        execute format('select 1 from %I where %I = $1 limit 1', tg_argv[i], tg_argv[i + 1]) into hit using old.id;
        if hit is not null then
            raise exception using errcode = 'foreign_key_violation',
                message = format('%s on table "%s" violates the reference %s.%s → %s', lower(tg_op), tg_table_name, tg_argv[i], tg_argv[i + 1], tg_table_name),
                detail = format('Key (id)=(%s) is still referenced from table "%s".', old.id, tg_argv[i]);
        end if;

        i := i + 2;
    end loop;

    return null;
end
$$;

create function delete_visit_services() returns trigger language plpgsql as $$
begin
    delete from visit_service where visit_id = old.id;
    return null;
end
$$;

alter table visit_service drop constraint visit_service_visit_id_fkey;
alter table visit
    drop constraint visit_mo_id_fkey,
    drop constraint visit_source_id_fkey,
    drop constraint visit_patient_id_fkey;
alter table patient
    drop constraint patient_mo_id_fkey,
    drop constraint patient_source_id_fkey;

create trigger patient_references after insert on patient referencing new table as new_rows
    for each statement execute function check_inserted_references('mo_id', 'mo', 'source_id', 'mis_source');
create trigger visit_references after insert on visit referencing new table as new_rows
    for each statement execute function check_inserted_references('mo_id', 'mo', 'source_id', 'mis_source', 'patient_id', 'patient');
create trigger visit_service_references after insert on visit_service referencing new table as new_rows
    for each statement execute function check_inserted_references('visit_id', 'visit');

create trigger patient_mo_reference after update of mo_id on patient
    for each row when (old.mo_id is distinct from new.mo_id) execute function check_updated_reference('mo_id', 'mo');
create trigger patient_source_reference after update of source_id on patient
    for each row when (old.source_id is distinct from new.source_id) execute function check_updated_reference('source_id', 'mis_source');
create trigger visit_mo_reference after update of mo_id on visit
    for each row when (old.mo_id is distinct from new.mo_id) execute function check_updated_reference('mo_id', 'mo');
create trigger visit_source_reference after update of source_id on visit
    for each row when (old.source_id is distinct from new.source_id) execute function check_updated_reference('source_id', 'mis_source');
create trigger visit_patient_reference after update of patient_id on visit
    for each row when (old.patient_id is distinct from new.patient_id) execute function check_updated_reference('patient_id', 'patient');
create trigger visit_service_visit_reference after update of visit_id on visit_service
    for each row when (old.visit_id is distinct from new.visit_id) execute function check_updated_reference('visit_id', 'visit');

create trigger mo_unreferenced_deleted after delete on mo
    for each row execute function check_unreferenced('visit', 'mo_id', 'patient', 'mo_id');
create trigger mis_source_unreferenced_deleted after delete on mis_source
    for each row execute function check_unreferenced('visit', 'source_id', 'patient', 'source_id');
create trigger patient_unreferenced_deleted after delete on patient
    for each row execute function check_unreferenced('visit', 'patient_id');
create trigger visit_services_deleted_with_visit after delete on visit
    for each row execute function delete_visit_services();
