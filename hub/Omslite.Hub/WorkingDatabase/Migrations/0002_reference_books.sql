-- Reference books (NSI). Two kinds:
--  * federal/regional books shared by every MO (V002, V006, ..., F002, F003, F011, O002, UFMS, MKB-10, TFOMS error
--    codes): one row per (book, code, date_beg) in nsi_entry, with the book's own extra fields in attrs;
--    lookups are made "as of" a date (the visit date);
--  * the MO's local books (doctors, local specialties, profiles' appointment services, local MOs and SMOs, lookup
--    lists, card-number templates, PMU, PMU groups, tariffs): one table each, scoped by mo_id.

create table nsi_book (
    book        text primary key,               -- 'V002', 'F003', 'MKB10', 'UFMS', 'TFOMS_ERR', ...
    name        text not null,
    imported_at timestamptz,
    source_file text,
    version     text                            -- the version the file's header states, when it has one
);

create table nsi_entry (
    book     text not null references nsi_book (book) on delete cascade,
    code     text not null,
    name     text not null,
    date_beg date not null default date '1900-01-01',
    date_end date,
    attrs    jsonb not null default '{}'::jsonb,
    primary key (book, code, date_beg),
    check (date_end is null or date_end >= date_beg)
);
create index nsi_entry_code_prefix on nsi_entry (book, code text_pattern_ops);
create index nsi_entry_name_search on nsi_entry (book, lower(name) text_pattern_ops);

-- Local specialty → PRVS (V021) / profile (V002); e.g. 63 "Рентгенолог" → 60 / 78.
create table local_specialty (
    mo_id  integer not null references mo (id),
    spec   integer not null check (spec > 0),
    name   text not null,
    prvs   integer,
    profil integer,
    prof_k integer,
    det    boolean not null default false,
    primary key (mo_id, spec)
);

-- The appointment-service PMU codes of a V002 profile, specific to a TFOMS (registry-pack-25.md §5.1a).
create table profile_service (
    mo_id     integer not null references mo (id),
    profil    integer not null,
    one_visit text,
    two_visit text,
    podr      integer,
    primary key (mo_id, profil)
);

create table doctor (
    id       integer generated always as identity primary key,
    mo_id    integer not null references mo (id),
    code     integer not null check (code > 0),
    spec     integer not null,
    family   text not null,
    snils    text not null check (snils ~ '^[0-9]{11}$'),
    division integer,
    district integer,
    tabid    integer,
    deleted  boolean not null default false,
    foreign key (mo_id, spec) references local_specialty (mo_id, spec)
);
create unique index doctor_spec_code on doctor (mo_id, spec, code) where not deleted;

-- Small id/name lists of the visit form: payment (ist_fin), purpose, character (char_main), outcome (cishod),
-- result (cresult), trauma (travma_type), district, division, diagnostic units (sp_para).
create table local_lookup (
    mo_id integer not null references mo (id),
    book  text not null,
    code  integer not null,
    name  text not null,
    primary key (mo_id, book, code)
);

-- Regional MOs by their 3-character TFOMS short code (several short codes may share one F003 code).
create table mo_local (
    mo_id      integer not null references mo (id),
    short_code text not null check (char_length(short_code) = 3),
    code       text not null check (code ~ '^[0-9]{6}$'),
    short_name text not null,
    name       text not null,
    primary key (mo_id, short_code)
);

-- Regional SMOs; code '0' is the territorial fund (TFOMS) as payer.
create table smo_local (
    mo_id integer not null references mo (id),
    code  text not null,
    okato text not null,
    name  text not null,
    primary key (mo_id, code)
);

create table card_number_template (
    id         integer generated always as identity primary key,
    mo_id      integer not null references mo (id),
    name       text not null,
    pattern    text not null check (pattern ~ '^[][^$.,|?*+{}0-9A-Za-z_-]+$'),
    table_type text not null default 'patients',
    active     boolean not null default true,
    deleted    boolean not null default false
);

create table pmu (
    id        integer generated always as identity primary key,
    mo_id     integer not null references mo (id),
    code      text not null,
    ccode     integer,
    name      text not null,
    code_podr integer,
    code_spec integer,
    amb       boolean not null default true,
    ds        boolean not null default false,
    stom      boolean not null default false,
    date_beg  date,
    date_end  date,
    unique (mo_id, code)
);
create index pmu_code_prefix on pmu (mo_id, code text_pattern_ops);
create index pmu_ccode on pmu (mo_id, ccode);

create table pmu_group (
    id    integer generated always as identity primary key,
    mo_id integer not null references mo (id),
    name  text not null
);

create table pmu_group_member (
    group_id integer not null references pmu_group (id) on delete cascade,
    code     text not null,
    primary key (group_id, code)
);

-- D6: every tariff import is a version effective from a date; the tariff of a service on a date is the row of the
-- newest version that took effect on or before that date (the file lists all tariffs, so a code missing from that
-- version has no tariff).
create table tariff_version (
    id          integer generated always as identity primary key,
    mo_id       integer not null references mo (id),
    valid_from  date not null,
    source_file text,
    imported_at timestamptz not null default now(),
    imported_by text,
    unique (mo_id, valid_from)
);

create table tariff (
    version_id integer not null references tariff_version (id) on delete cascade,
    code       text not null,
    name       text not null,
    price      numeric(12, 2) not null check (price >= 0),
    primary key (version_id, code)
);
