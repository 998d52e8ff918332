-- A synced visit's mis_values (what the MIS sent: ≈ 1 KB of its ≈ 1.1 KB row) is read by the sync's merge, the
-- visit's "Источник" tab and the correction flags — never by a pack, a check, a protocol or a status change. In the
-- row, every bulk status change (a pack marked sent, an FLK protocol's reopening, MEK marking) copied it into the
-- row's new version and, after a checkpoint, wrote every touched page whole into the WAL (100 000 reopened visits: 35 000
-- pages, 171 MB of WAL), and every scan of a month read it along (the visits of 100 000 cases: 275 MB instead of 75).
-- PostgreSQL moves a value out of the row only when the row passes 2 KB, so the values get a table of their own,
-- one row per synced visit, written by the sync only.
create table visit_mis (
    visit_id bigint primary key,
    mis_values jsonb not null
);
insert into visit_mis (visit_id, mis_values) select id, mis_values from visit where mis_values is not null;

-- Written only by the sync, from the ids of the visits the same statement inserted (as pack_visit, 0017: no reference
-- check per row); deleted with its visit, by the trigger that deleted its services (0019), one call for both.
drop trigger visit_services_deleted_with_visit on visit;
drop function delete_visit_services();
create function delete_visit_rows() returns trigger language plpgsql as $$
begin
    delete from visit_service where visit_id = old.id;
    delete from visit_mis where visit_id = old.id;
    return null;
end
$$;
create trigger visit_rows_deleted_with_visit after delete on visit
    for each row execute function delete_visit_rows();

-- The correction flags (0011, 0016, 0018), from the values' new home. A change of the visit's fields recomputes the
-- fields' flag; a change of what the MIS sent recomputes both (the services' flag only when the services' key
-- changed, as before). The sync writes the values before the visit, so the visit's trigger sees the new ones.
create or replace function visit_track_corrections() returns trigger language plpgsql as $$
declare
    mis jsonb := (select m.mis_values from visit_mis m where m.visit_id = new.id);
    fields boolean;
begin
    if mis is null then
        return null;
    end if;

    fields := jsonb_populate_record(new, visit_synced_blank() || (mis - '__services')) is distinct from new;
    if fields is distinct from new.corrected_fields then
        -- Sets only the flag, which the trigger does not list: it does not fire again.
        update visit set corrected_fields = fields where id = new.id;
    end if;

    return null;
end
$$;

drop trigger visit_track_corrections on visit;
alter table visit drop column mis_values;
create trigger visit_track_corrections after update of
        mo_id, number, patient_id, open_date, close_date, report_year, report_month, mek, for_pom, first_visit, ist_fin,
        purpose, usl_ok, doc_spec, doc_code, ds1, char1, ds2, char2, ishod, rslt, travma_type, finality, visit_pol,
        visit_home, pol_days, home_days, visit_daystac, visit_homstac, days_at_daystac, days_at_homstac, npr_date, npr_mo,
        npr_spec, npr_number, hosp_mo, hosp_number, hosp_urgent, policy_type, policy_series, policy_number, smo,
        smo_okato, d_type, prof_k, ksg, ksk, sh, patient_age, overrides, source_id, source_key, created_at, mis_marker,
        conflicts, review_reason, id
    on visit
    for each row when (new.source_id is not null) execute function visit_track_corrections();

-- A sync's new visits are not corrected (the flags' default): their values go in with them, under the same
-- transaction-local setting as their services (0017, item 4), and are not compared.
create function visit_mis_changed() returns trigger language plpgsql as $$
declare
    v visit;
    fields boolean;
    services boolean;
begin
    select * into v from visit where id = new.visit_id;
    if not found then
        return null;
    end if;

    fields := jsonb_populate_record(v, visit_synced_blank() || (new.mis_values - '__services')) is distinct from v;
    services := v.corrected_services;
    -- As before the move: the services' flag follows the MIS's key when it changes (from none, on an insert).
    if new.mis_values -> '__services' is distinct from (case when tg_op = 'UPDATE' then old.mis_values -> '__services' end) then
        services := visit_services_key(v.id) is distinct from new.mis_values ->> '__services';
    end if;

    if (fields, services) is distinct from (v.corrected_fields, v.corrected_services) then
        update visit set corrected_fields = fields, corrected_services = services where id = v.id;
    end if;

    return null;
end
$$;

create trigger visit_mis_inserted after insert on visit_mis
    for each row when (current_setting('omslite.new_synced_visits', true) is distinct from 'on') execute function visit_mis_changed();
create trigger visit_mis_changed after update on visit_mis
    for each row when (old.mis_values is distinct from new.mis_values) execute function visit_mis_changed();

-- The services' flag on a write of services (0017), against the key in the values' new home.
create or replace function visit_services_changed() returns trigger language plpgsql as $$
declare
    touched bigint[];
begin
    if tg_op = 'INSERT' and current_setting('omslite.new_synced_visits', true) = 'on' then
        return null;
    end if;

    if tg_op = 'INSERT' then
        select array_agg(distinct visit_id) into touched from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct visit_id) into touched from old_rows;
    else
        select array_agg(distinct visit_id) into touched from (select visit_id from new_rows union select visit_id from old_rows) u;
    end if;

    update visit v set corrected_services = flags.corrected, updated_at = greatest(v.updated_at, now())
    from (select w.id, m.mis_values is not null and coalesce(k.services, '') is distinct from m.mis_values ->> '__services' as corrected
          from visit w
          left join visit_mis m on m.visit_id = w.id
          left join (select s.visit_id,
                            string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';'
                                       order by (s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD')) collate "C") as services
                     from visit_service s where s.visit_id = any(touched) group by s.visit_id) k on k.visit_id = w.id
          where w.id = any(touched)) flags
    where v.id = flags.id and (v.corrected_services is distinct from flags.corrected or v.updated_at < now());
    return null;
end
$$;
