-- The statement trigger of visit_service (0011) compared each touched visit's services with the MIS's through
-- visit_services_key(), one SQL-function call (planned and started anew) per visit: a first sync's COPY of 1 000 new
-- visits paid ~1 000 of them per batch, about a tenth of the database's work of the whole sync. The same comparison
-- is now one aggregate over the touched visits' rows. The key is built exactly as visit_services_key() builds it
-- ("code|qty|date", ordinal order, ';'-joined; '' without services), which the row trigger of visit still uses.
create or replace function visit_services_changed() returns trigger language plpgsql as $$
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
    from (select w.id, w.mis_values is not null and coalesce(k.services, '') is distinct from w.mis_values ->> '__services' as corrected
          from visit w
          left join (select s.visit_id,
                            string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';'
                                       order by (s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD')) collate "C") as services
                     from visit_service s where s.visit_id = any(touched) group by s.visit_id) k on k.visit_id = w.id
          where w.id = any(touched)) flags
    where v.id = flags.id and (v.corrected_services is distinct from flags.corrected or v.updated_at < now());
    return null;
end
$$;
