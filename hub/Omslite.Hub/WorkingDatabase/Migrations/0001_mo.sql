-- Medical organisations served by this hub (tenants). Everything else is scoped by mo_id.
-- The constants that spec D2.9 turns into settings are columns when every region format needs them,
-- and keys of `settings` when only one format does (PROFIL_M, MOP, VZ thresholds...).
create table mo (
    id            integer generated always as identity primary key,
    code          text not null unique check (code ~ '^[0-9]{6}$'),
    short_code    text not null check (char_length(short_code) = 3),
    name          text not null,
    region        text not null check (region ~ '^[0-9]{2}$'),
    okato         text not null check (okato ~ '^[0-9]{5}$'),
    region_format text,
    lpu_1         text,
    plat          text,
    settings      jsonb not null default '{}'::jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
