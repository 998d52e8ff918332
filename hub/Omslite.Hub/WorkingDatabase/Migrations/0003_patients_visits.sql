-- The clinic's cases: patients (cards), visits (talons) with their referral, visit services (PMU rows), templates.
-- Field meanings: ../shared/spec/ui.md §3 and legacy-schema.md §2.1-2.4 (the original's names in comments).

-- MIS sources (the sync issue adds its settings and run state).
create table mis_source (
    id        integer generated always as identity primary key,
    mo_id     integer not null references mo (id),
    name      text not null,
    connector text not null,
    unique (mo_id, name)
);

create table patient (
    id             bigint generated always as identity primary key,
    mo_id          integer not null references mo (id),
    card_number    text not null,                 -- crd_num
    fam            text,
    im             text,
    ot             text,
    sex            text check (sex in ('м', 'ж')), -- gender
    birth_date     date,
    dost           text,                          -- '1_' no patronymic, '2_' no surname, '3_' no first name
    policy_type    smallint not null default 0 check (policy_type between 0 and 3),
    policy_series  text,
    policy_number  text,
    enp            text,
    smo            text,                          -- F002 code; '0' = TFOMS
    smo_okato      text,
    st_okato       text,
    smo_ogrn       text,
    smo_name       text,
    dul_type       integer,                       -- F011
    dul_series     text,
    dul_number     text,
    dul_date       date,
    dul_issuer     text,                          -- dul_org
    ufms_code      text,
    snils          text,
    mo_att         text,                          -- short code of the attachment MO
    soc            integer,
    vz             integer,
    city           text,
    street         text,
    house          text,
    building       text,
    flat           text,
    phone_mobile   text,                          -- phone_wrk
    phone_contact  text,                          -- phone_hom
    source_id      integer references mis_source (id),
    source_key     text,
    version        integer not null default 1,    -- optimistic concurrency
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (mo_id, card_number),
    unique (source_id, source_key)
);
create index patient_fam_search on patient (mo_id, lower(fam) text_pattern_ops);

create sequence visit_number_seq;

create table visit (
    id              bigint generated always as identity primary key,
    mo_id           integer not null references mo (id),
    number          integer not null default nextval('visit_number_seq'), -- tal_num = IDCASE = N_ZAP = NHISTORY
    patient_id      bigint not null references patient (id),
    open_date       date not null,
    close_date      date not null,
    report_year     smallint not null check (report_year between 2010 and 2100),
    report_month    smallint not null check (report_month between 1 and 12),      -- talon_month
    status          smallint not null default 1 check (status in (0, 1, 2)),      -- 0 deleted, 1 open, 2 closed/sent
    mek             boolean not null default false,
    for_pom         smallint not null default 3 check (for_pom in (2, 3)),       -- 2 urgent, 3 planned
    first_visit     boolean not null default true,                                -- first_vflag
    ist_fin         integer,
    purpose         integer,                                                      -- purp
    usl_ok          smallint,
    doc_spec        integer,
    doc_code        integer,
    ds1             text,
    char1           integer,
    ds2             text,
    char2           integer,
    ishod           integer,
    rslt            integer,
    travma_type     integer,
    finality        integer,
    visit_pol       integer not null default 0,
    visit_home      integer not null default 0,
    pol_days        integer not null default 0,
    home_days       integer not null default 0,
    visit_daystac   integer not null default 0,
    visit_homstac   integer not null default 0,
    days_at_daystac integer not null default 0,
    days_at_homstac integer not null default 0,
    -- referral: consultation/diagnostics, and hospitalisation
    npr_date        date,
    npr_mo          text,                                                         -- short code of the referring MO
    npr_spec        integer,
    npr_number      text,                                                         -- naprlech
    hosp_mo         text,
    hosp_number     text,                                                         -- nsndhosp
    hosp_urgent     boolean not null default false,                              -- extr
    -- policy on the visit date (overrides the card's in the pack when filled)
    policy_type     smallint,
    policy_series   text,
    policy_number   text,
    smo             text,
    smo_okato       text,
    d_type          text,
    prof_k          integer,
    ksg             text,
    ksk             text,
    sh              text,
    patient_age     integer,
    overrides       jsonb not null default '{}'::jsonb,                           -- IDSP, VIDPOM, DET, ... when set
    source_id       integer references mis_source (id),
    source_key      text,
    version         integer not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (mo_id, number),
    unique (source_id, source_key),
    check (close_date >= open_date)
);
create index visit_month on visit (mo_id, report_year, report_month) where status > 0;
create index visit_patient on visit (patient_id);

create table visit_service (
    id           bigint generated always as identity primary key,
    visit_id     bigint not null references visit (id) on delete cascade,
    code         text not null,                  -- code_usl
    quantity     integer not null check (quantity > 0),
    service_date date not null,                  -- date_usl
    exec_spec    integer not null default 0,
    exec_doc     integer not null default 0,
    exec_podr    integer not null default 0,
    source_key   text,
    created_at   timestamptz not null default now(),
    unique (visit_id, code)
);

create table visit_template (
    id          integer generated always as identity primary key,
    mo_id       integer not null references mo (id),
    name        text not null,
    for_pom     smallint not null default 3 check (for_pom in (2, 3)),
    first_visit boolean not null default true,
    ist_fin     integer,
    purpose     integer,
    usl_ok      smallint,
    doc_spec    integer,
    doc_code    integer,
    ds1         text,
    char1       integer,
    ishod       integer,
    rslt        integer,
    finality    integer,
    visit_pol   integer not null default 0,
    visit_home  integer not null default 0,
    prof_k      integer,
    ksg         text,
    sh          text,
    deleted     boolean not null default false,
    unique (mo_id, name)
);
