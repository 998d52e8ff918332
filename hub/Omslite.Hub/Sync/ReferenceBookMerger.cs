using Dapper;
using Npgsql;
using Omslite.Hub.Audit;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>
/// Merges the reference books a connector brings (<see cref="IReferenceBookSource"/>) into the MO's local books in
/// one transaction: rows are added or updated, never deleted (the hub may know more than the MIS); each tariff version
/// of the MIS replaces the hub's version of the same date. One audit line per book.
/// </summary>
public sealed class ReferenceBookMerger
{
    public async Task MergeAsync(NpgsqlConnection conn, int moId, string actor, SourceReferenceBooks books, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        var merged = new Dictionary<string, int>
        {
            ["local_specialty"] = await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into local_specialty (mo_id, spec, name, prvs, profil) values (@moId, @Spec, @Name, @Prvs, @Profile)
                on conflict (mo_id, spec) do update set name = excluded.name, prvs = excluded.prvs, profil = excluded.profil
                """,
                books.Specialties.Select(s => new { moId, s.Spec, s.Name, s.Prvs, s.Profile }), tx, cancellationToken: ct)),
            ["doctor"] = await MergeDoctorsAsync(conn, tx, moId, books.Doctors, ct),
            ["mo_local"] = await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into mo_local (mo_id, short_code, code, short_name, name) values (@moId, @ShortCode, @Code, @ShortName, @Name)
                on conflict (mo_id, short_code) do update set code = excluded.code, short_name = excluded.short_name, name = excluded.name
                """,
                books.LocalMos.Select(m => new { moId, m.ShortCode, m.Code, m.ShortName, m.Name }), tx, cancellationToken: ct)),
            ["smo_local"] = await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into smo_local (mo_id, code, okato, name) values (@moId, @Code, @Okato, @Name)
                on conflict (mo_id, code) do update set okato = excluded.okato, name = excluded.name
                """,
                books.Smos.Select(s => new { moId, s.Code, s.Okato, s.Name }), tx, cancellationToken: ct)),
            ["profile_service"] = await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into profile_service (mo_id, profil, one_visit, two_visit) values (@moId, @Profile, @OneVisit, @TwoVisit)
                on conflict (mo_id, profil) do update set one_visit = excluded.one_visit, two_visit = excluded.two_visit
                """,
                books.ProfileServices.Select(p => new { moId, p.Profile, p.OneVisit, p.TwoVisit }), tx, cancellationToken: ct)),
            ["pmu"] = await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into pmu (mo_id, code, ccode, name, code_podr, code_spec) values (@moId, @Code, @ShortNumber, @Name, @Unit, @Spec)
                on conflict (mo_id, code) do update set ccode = excluded.ccode, name = excluded.name, code_podr = excluded.code_podr, code_spec = excluded.code_spec
                """,
                books.Pmu.Select(p => new { moId, p.Code, p.ShortNumber, p.Name, p.Unit, p.Spec }), tx, cancellationToken: ct)),
        };
        foreach (var version in books.Tariffs)
        {
            merged["tariff"] = merged.GetValueOrDefault("tariff") + await MergeTariffVersionAsync(conn, tx, moId, actor, version, ct);
        }

        await Audit.Audit.WriteAsync(conn, tx, merged.Where(m => m.Value > 0)
            .Select(m => new AuditEntry(actor, moId, m.Key, "*", "sync-books", null, null, m.Value.ToString())).ToList(), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<int> MergeDoctorsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, IReadOnlyList<SourceDoctor> doctors, CancellationToken ct)
    {
        var count = 0;
        foreach (var d in doctors.Where(d => d.Snils is { Length: 11 }))
        {
            count++;
            await conn.ExecuteAsync(new CommandDefinition(
                """
                with updated as (
                    update doctor set family = @Name, snils = @Snils
                    where mo_id = @moId and spec = @Spec and code = @Code and not deleted
                    returning 1)
                insert into doctor (mo_id, code, spec, family, snils)
                select @moId, @Code, @Spec, @Name, @Snils
                where not exists (select 1 from updated)
                  and exists (select 1 from local_specialty where mo_id = @moId and spec = @Spec)
                """,
                new { moId, d.Spec, d.Code, d.Name, d.Snils }, tx, cancellationToken: ct));
        }

        return count;
    }

    private static async Task<int> MergeTariffVersionAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int moId, string actor, SourceTariffVersion version, CancellationToken ct)
    {
        var versionId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into tariff_version (mo_id, valid_from, source_file, imported_by) values (@moId, @ValidFrom, 'МИС', @actor)
            on conflict (mo_id, valid_from) do update set imported_at = now(), imported_by = excluded.imported_by
            returning id
            """,
            new { moId, version.ValidFrom, actor }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("delete from tariff where version_id = @versionId", new { versionId }, tx, cancellationToken: ct));
        return await conn.ExecuteAsync(new CommandDefinition(
            "insert into tariff (version_id, code, name, price) values (@versionId, @Code, @Name, @Price) on conflict do nothing",
            version.Prices.Select(p => new { versionId, p.Code, p.Name, p.Price }), tx, cancellationToken: ct));
    }
}
