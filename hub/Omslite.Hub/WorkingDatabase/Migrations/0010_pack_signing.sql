-- Pack signing (registry-pack-25.md §1.5, D2.5): each MO's key — the original's pem/crt.pem, key.pem and ca.pem as an
-- MO setting — and whether a pack was signed.

-- One key per MO, replaced by the next upload. The private key is encrypted (ASP.NET Data Protection, the hub's key
-- ring under <data dir>/keys) and never leaves the hub; the certificate and the CA chain are public and kept as they
-- are; the certificate's facts are copied out for display.
create table mo_signing_key (
    mo_id          integer primary key references mo (id) on delete cascade,
    certificate    text not null,            -- crt.pem: the signer certificate, PEM
    key_protected  text not null,            -- key.pem, encrypted
    ca_chain       text not null,            -- ca.pem: the CA chain (root, then intermediate), PEM
    owner          text not null,            -- the certificate's CN
    subject        text not null,
    issuer         text not null,
    serial_number  text not null,
    not_before     timestamptz not null,
    not_after      timestamptz not null,
    fingerprint    text not null,            -- SHA-1 thumbprint, hex, as Windows and CryptoPro show it
    chain_verified boolean not null,         -- the certificate verified against ca.pem at upload
    chain_message  text,                     -- why not, in Russian with OpenSSL's words
    uploaded_by    text not null,
    uploaded_at    timestamptz not null default now()
);

alter table pack add column signed boolean not null default false;
