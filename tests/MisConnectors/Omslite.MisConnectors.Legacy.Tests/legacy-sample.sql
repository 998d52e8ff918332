-- A small legacy database of a CT/MRI centre (MO 250999), run after ../shared/spec/legacy-schema.sql.
-- Years 2025 and 2026 get their visit and service tables the way the original made them (LIKE the 2021 ones);
-- the 2021 tables stay, empty. tal_num repeats across years.

create table talonz_clin_25 (like talonz_clin_21 including all);
alter table talonz_clin_25 add foreign key (crd_num) references cardz_clin (crd_num) on update cascade;
create table para_clin_25 (like para_clin_21 including all);
create table talonz_clin_26 (like talonz_clin_21 including all);
alter table talonz_clin_26 add foreign key (crd_num) references cardz_clin (crd_num) on update cascade;
create table para_clin_26 (like para_clin_21 including all);

-- Not in the DDL, known from legacy-schema.md §2.5 and §2.7: the doctor's soft-delete flag, the PMU catalogue
-- and the yearly tariff archive (made by the tariff import: same columns, no constraints).
alter table doctor add column ddel smallint default 0;
create table pmu (
    id        serial primary key,
    code_usl  varchar(32) not null,
    ccode     integer,
    name      varchar(255),
    code_podr smallint,
    code_spec smallint,
    amb       boolean,
    ds        boolean,
    stom      boolean,
    date1     date,
    date2     date
);

insert into profil (id, name, one_visit, two_visit, podr) values
    (78, 'рентгенологии', 'B01.039.001', 'B01.039.002', 221),
    (97, 'терапии', 'B01.047.001', 'B01.047.002', 201),
    (123, 'эндоскопии', null, null, null);

insert into spec_prvs_profil (spec, name, prvs, profil, prof_k, det) values
    (63, 'Рентгенолог', 60, 78, null, false),
    (27, 'Терапевт', 76, 97, null, false),
    (70, 'Эндоскопист', 48, 123, null, false);

insert into doctor (code, spec, family, snils, division, district, tabid, ddel) values
    (11, 63, 'Иванов Иван Иванович', '122-174-159 17', 2, null, 1011, 0),
    (12, 63, 'Петрова Анна Сергеевна', '15678901234', 2, null, 1012, 0),
    (13, 63, 'Кузнецов Павел Андреевич', '111-222-333 44', 2, null, 1013, 1),
    (21, 27, 'Сидоров Олег Петрович', '156-789-012-34', 1, 3, 1021, null);

insert into mo_local (scode, code, sname, name) values
    (100, 250100, 'ГКБ №1', 'ГБУЗ «Городская клиническая больница №1»'),
    (112, 250100, 'ГКБ №1, поликлиника', 'ГБУЗ «Городская клиническая больница №1», поликлиника'),
    (228, 250228, 'ГП №3', 'КГБУЗ «Владивостокская поликлиника №3»'),
    (47, 250047, 'Надеждинская ЦРБ', 'КГБУЗ «Надеждинская центральная районная больница»'),
    (999, 250999, 'Демо-центр', 'Демо-центр КТ и МРТ');

insert into smo_local (code, okato, name) values
    (25011, '05000', 'ВС Альянс'),
    (25016, '05000', 'СВ Прим'),
    (0, '05000', 'Территориальный ФОМС');

insert into male_name (name) values ('пётр'), ('алексей'), ('иван');

insert into pmu (code_usl, ccode, name, code_podr, code_spec, amb, ds, stom) values
    ('A06.09.005', 101, 'Компьютерная томография органов грудной полости', 281, 63, true, false, false),
    ('A06.03.021.001', 102, 'Компьютерная томография верхней конечности', 281, 63, true, false, false),
    ('A05.23.009', 201, 'Магнитно-резонансная томография головного мозга', 282, 63, true, false, false);

-- The current tariffs, imported on 10 January of this year.
insert into tarifs_pmu_vzaimoras (code, tarif, name, updated, cuser) values
    ('A06.09.005', 2189.5, 'КТ органов грудной полости', make_date(extract(year from current_date)::int, 1, 10), 'dbowner'),
    ('A05.23.009', 4812.16, 'МРТ головного мозга', make_date(extract(year from current_date)::int, 1, 10), 'dbowner'),
    ('A06.03.021.001', 12345.67, 'КТ верхней конечности', make_date(extract(year from current_date)::int, 1, 10), 'dbowner');

-- Last year's tariffs, archived by this year's import: tarifs_pmu_vzaimoras_<last year's YY>. The archive has no
-- unique key: A06.09.005 was imported twice (the later row wins); a row without a price is left out.
do $$
declare
    archive text := 'tarifs_pmu_vzaimoras_' || to_char(current_date - interval '1 year', 'YY');
begin
    execute format('create table %I (like tarifs_pmu_vzaimoras)', archive);
    execute format($sql$insert into %I (id, code, tarif, name, updated, cuser) values
        (1, 'A06.09.005', 2000, 'КТ органов грудной полости', null, 'dbowner'),
        (2, 'A05.23.009', 4500.5, 'МРТ головного мозга', null, 'dbowner'),
        (3, 'A06.09.005', 2050.25, 'КТ органов грудной полости', null, 'dbowner'),
        (4, 'A06.03.021.001', null, 'КТ верхней конечности', null, 'dbowner')$sql$, archive);
end
$$;

insert into cardz_clin (id, crd_num, fam, im, ot, birth_date, gender, dost, polis_type, polis_ser, polis_num, smo,
                        smo_ogrn, smo_okato, smo_name, st_okato, dul_type, dul_serial, dul_number, dul_date, dul_org,
                        ufms, mo_att, soc, vz, city_g, street_g, home_g, phone_wrk) values
    (1, '1001', 'ИВАНОВ', 'ПЁТР', 'СЕРГЕЕВИЧ', '1980-05-12', 'м', null, 3, null, '2598765432109876', 25011,
     '1027739815245', '05000', 'ВС Альянс', '05000', 14, '05 03', '123456', '2010-06-01',
     'УФМС РОССИИ ПО ПРИМОРСКОМУ КРАЮ', '250001', 100, 0, null, 'Владивосток', 'Светланская', '12', '+79140000001'),
    (2, '1002', 'СМИРНОВА', 'ОЛЬГА', 'ВИКТОРОВНА', '1955-02-03', 'ж', null, 1, 'ПК', '123456', 25016,
     '1022501302955', '05000', 'СВ Прим', '05000', 14, '05 01', '654321', '2001-03-15',
     'ОВД ЛЕНИНСКОГО Р-НА Г. ВЛАДИВОСТОКА', null, 47, 35, 3, 'Владивосток', 'Алеутская', '5', null),
    (3, '1003', 'ПЕТРОВ', 'АЛЕКСЕЙ', null, '1990-11-30', 'м', '1_', 2, null, '123456789', 0,
     null, '45000', null, '45000', 14, '45 10', '111222', '2012-02-02', 'УФМС РОССИИ ПО Г. МОСКВЕ', null, null, null,
     null, 'Москва', 'Тверская', '1', null),
    (4, '1004', 'ПЛАТНАЯ', 'МАРИЯ', 'ИВАНОВНА', '1970-07-07', 'ж', null, 3, null, '2512345678901234', 25011,
     null, '05000', null, '05000', null, null, null, null, null, null, 999, 0, null, 'Артём', 'Кирова', '3', null);

-- 2025: a sent visit of a doctor since deleted (1), a MEK visit with two studies (2), a paid visit (3), a deleted
-- visit (4), an urgent repeat visit to a therapist without services or referral (5).
insert into talonz_clin_25 (tal_num, crd_num, open_date, close_date, talon_type, talon_month, mek, ist_fin,
                            first_vflag, doc_spec, doc_code, purp, usl_ok, for_pom, rslt, ishod, visit_pol, visit_home,
                            npr_mo, npr_spec, naprlech, npr_date, ds1, ds2, char1, cuser) values
    (1, '1001', '2025-11-10', '2025-11-10', 2, 11, 0, 1, 1, 63, 13, 4, 3, 3, 14, 4, 1, 0, 228, 27, '4512', '2025-11-01', 'R91', null, 1, 1),
    (2, '1002', '2025-12-03', '2025-12-04', 1, 12, 1, 1, 1, 63, 11, 4, 3, 3, 14, 4, 1, 0, 47, null, '77', null, 'G44.2', 'I10', 2, 1),
    (3, '1004', '2025-12-05', '2025-12-05', 1, 12, 0, 2, 1, 63, 11, 4, 3, 3, 14, 4, 1, 0, null, null, null, null, 'R91', null, 1, 1),
    (4, '1001', '2025-12-08', '2025-12-08', 0, 12, 0, 1, 1, 63, 11, 4, 3, 3, 14, 4, 1, 0, 100, null, '12', '2025-12-01', 'R91', null, 1, 1),
    (5, '1003', '2025-12-15', '2025-12-15', 1, 12, null, 1, 0, 27, 21, 1, 3, 2, 301, 304, 1, 1, null, null, null, null, 'J18.9', null, 1, 1);

insert into para_clin_25 (tal_num, date_usl, code_usl, kol_usl, exec_spec, exec_doc, exec_podr) values
    (1, '2025-11-10', 'A06.09.005', 1, 63, 13, 281),
    (2, '2025-12-03', 'A05.23.009', 1, 63, 11, 282),
    (2, '2025-12-04', 'A06.03.021.001', 2, 63, 12, 281),
    (3, '2025-12-05', 'A06.09.005', 1, 63, 11, 281),
    (4, '2025-12-08', 'A06.09.005', 1, 63, 11, 281);

-- 2026: a visit across the new year referred by an MO missing from mo_local (1), a visit that is not OMS (2), a visit
-- of a doctor missing from the book (3), a sent urgent visit referred by a polyclinic sharing its hospital's code (4).
insert into talonz_clin_26 (tal_num, crd_num, open_date, close_date, talon_type, talon_month, mek, ist_fin,
                            first_vflag, doc_spec, doc_code, purp, usl_ok, for_pom, rslt, ishod, visit_pol, visit_home,
                            npr_mo, npr_spec, naprlech, npr_date, ds1, ds2, char1, cuser) values
    (1, '1001', '2025-12-29', '2026-01-12', 1, 1, 0, 1, 1, 63, 12, 4, 3, 3, 14, 4, 1, 0, 555, null, 'A-1', '2025-12-20', 'C34.1', null, 2, 1),
    (2, '1002', '2026-01-14', '2026-01-14', 1, 1, 0, null, 1, 63, 11, 4, 3, 3, 14, 4, 1, 0, null, null, null, null, 'R91', null, 1, 1),
    (3, '1003', '2026-02-02', '2026-02-02', 1, 2, 0, 1, 1, 63, 99, 4, 3, 3, 14, 4, 1, 0, 228, 63, '9', '2026-01-30', 'Z01.8', null, null, 1),
    (4, '1002', '2026-01-20', '2026-01-20', 2, 1, 0, 1, 1, 63, 11, 4, 3, 2, 14, 4, 1, 0, 112, 27, '15', '2026-01-19', 'S52.5', null, 1, 1);

insert into para_clin_26 (tal_num, date_usl, code_usl, kol_usl, exec_spec, exec_doc, exec_podr) values
    (1, '2026-01-12', 'A06.09.005', 1, 63, 12, 281),
    (2, '2026-01-14', 'A06.09.005', 1, 63, 11, 281),
    (3, '2026-02-02', 'A05.23.009', 1, 63, 99, 282),
    (4, '2026-01-20', 'A06.03.021.001', 1, 0, 0, 0);
