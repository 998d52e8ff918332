-- The demo MO's local reference books (region 25). Every statement adds only what is missing, so running the demo
-- set-up again changes nothing and keeps what the user edited. @mo is the demo MO's id. It runs after the federal
-- books and the tariffs are loaded: local MOs and SMOs come from F003/F002, groups from the PMU book.

insert into local_specialty (mo_id, spec, name, prvs, profil) values
    (@mo, 63, 'Рентгенолог', 60, 78),
    (@mo, 76, 'Терапевт', 76, 97)
on conflict do nothing;

-- The appointment services of profile 78 (registry-pack-25.md §5.1a): single visit, multi-visit episode, unit.
insert into profile_service (mo_id, profil, one_visit, two_visit, podr) values
    (@mo, 78, 'B01.039.001', 'B01.023.002', 221)
on conflict do nothing;

-- SNILS with valid check digits.
insert into doctor (mo_id, code, spec, family, snils, division, tabid) values
    (@mo, 1, 63, 'Иванова Анна Сергеевна', '10122021147', 1, 101),
    (@mo, 2, 63, 'Петров Игорь Викторович', '11223344595', 1, 102),
    (@mo, 3, 63, 'Ким Елена Владимировна', '14567890206', 1, 103),
    (@mo, 1, 76, 'Сидоров Павел Андреевич', '08765432102', 2, 201)
on conflict (mo_id, spec, code) where not deleted do nothing;

insert into local_lookup (mo_id, book, code, name) values
    (@mo, 'ist_fin', 1, 'ОМС'),
    (@mo, 'ist_fin', 2, 'Бюджет'),
    (@mo, 'ist_fin', 3, 'Платные услуги'),
    (@mo, 'ist_fin', 4, 'ДМС'),
    (@mo, 'purpose', 1, 'Лечебно-диагностическая'),
    (@mo, 'purpose', 3, 'Диспансерное наблюдение'),
    (@mo, 'purpose', 4, 'Профосмотры'),
    (@mo, 'purpose', 7, 'Патронаж'),
    (@mo, 'char_main', 1, 'острое'),
    (@mo, 'char_main', 2, 'впервые в жизни установленное хроническое'),
    (@mo, 'char_main', 3, 'ранее установленное хроническое'),
    (@mo, 'cishod', 1, 'выздоровление'),
    (@mo, 'cishod', 3, 'улучшение'),
    (@mo, 'cishod', 4, 'без перемен'),
    (@mo, 'cishod', 5, 'ухудшение'),
    (@mo, 'cresult', 1, 'лечение завершено'),
    (@mo, 'cresult', 5, 'направлен на госпитализацию'),
    (@mo, 'cresult', 8, 'направлен на консультацию'),
    (@mo, 'cresult', 14, 'динамическое наблюдение'),
    (@mo, 'travma_type', 1, 'бытовая'),
    (@mo, 'travma_type', 2, 'уличная'),
    (@mo, 'travma_type', 3, 'дорожно-транспортная'),
    (@mo, 'travma_type', 4, 'производственная'),
    (@mo, 'travma_type', 5, 'спортивная'),
    (@mo, 'sp_para', 221, 'Кабинет компьютерной томографии'),
    (@mo, 'sp_para', 281, 'Кабинет магнитно-резонансной томографии'),
    (@mo, 'division', 1, 'Отделение лучевой диагностики'),
    (@mo, 'division', 2, 'Консультативное отделение')
on conflict do nothing;

-- The region's MOs from F003, by their short code: the F003 code without its first three digits, zeros kept (D2.7).
insert into mo_local (mo_id, short_code, code, short_name, name)
select distinct on (e.code) @mo, substr(e.code, 4), e.code, coalesce(e.attrs->>'shortName', e.name), e.name
from nsi_entry e
join mo on mo.id = @mo
where e.book = 'F003' and e.attrs->>'okato' = mo.okato and e.code ~ '^[0-9]{6}$' and e.date_end is null
order by e.code, e.date_beg desc
on conflict do nothing;

-- The region's SMOs from F002, and code 0: the territorial fund as payer for out-of-region patients.
insert into smo_local (mo_id, code, okato, name)
select distinct on (e.code) @mo, e.code, mo.okato, coalesce(e.attrs->>'shortName', e.name)
from nsi_entry e
join mo on mo.id = @mo
where e.book = 'F002' and e.attrs->>'okato' = mo.okato and e.date_end is null
order by e.code, e.date_beg desc
on conflict do nothing;

insert into smo_local (mo_id, code, okato, name)
select @mo, '0', okato, 'Территориальный ФОМС' from mo where id = @mo
on conflict do nothing;

insert into card_number_template (mo_id, name, pattern)
select @mo, 'Карты амбулаторные', '^[0-9]{1,6}$'
where not exists (select 1 from card_number_template where mo_id = @mo and name = 'Карты амбулаторные');

-- Short numbers for the PMU the tariff import created (only while no PMU has one), MRI in the MRI room.
update pmu p
set ccode = n.ccode, code_podr = case when p.code like 'A05.%' then 281 else p.code_podr end
from (select id, row_number() over (order by code) as ccode from pmu where mo_id = @mo) n
where p.id = n.id and not exists (select 1 from pmu where mo_id = @mo and ccode is not null);

insert into pmu_group (mo_id, name)
select @mo, g.name
from (values ('Компьютерная томография'), ('Магнитно-резонансная томография')) g (name)
where not exists (select 1 from pmu_group where mo_id = @mo and name = g.name);

insert into pmu_group_member (group_id, code)
select g.id, p.code
from pmu_group g
join (values ('Компьютерная томография', 'A06.%'), ('Магнитно-резонансная томография', 'A05.%')) m (name, codes)
    on m.name = g.name
join pmu p on p.mo_id = g.mo_id and p.code like m.codes
where g.mo_id = @mo
on conflict do nothing;
