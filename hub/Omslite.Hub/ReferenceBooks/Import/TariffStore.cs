using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>What one tariff import wrote.</summary>
internal sealed record TariffVersionWritten(int VersionId, int PmuAdded);

/// <summary>
/// Writes a tariff version (D6) in one transaction: the version of that MO and valid-from date is created or
/// replaced with all the file's tariffs, the PMU book gets the codes it lacks (existing PMU are left as they are),
/// and the import is audited.
/// </summary>
internal sealed class TariffStore(NpgsqlDataSource database)
{
    public async Task<TariffVersionWritten> ReplaceVersionAsync(
        string? moCode, DateOnly validFrom, string sourceFile, IReadOnlyList<TariffRow> rows, PmuDefaults pmu, string actor,
        CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await TargetMo.ResolveAsync(conn, moCode, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var versionId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into tariff_version (mo_id, valid_from, source_file, imported_by)
            values (@Id, @validFrom, @sourceFile, @actor)
            on conflict (mo_id, valid_from) do update
                set source_file = excluded.source_file, imported_at = now(), imported_by = excluded.imported_by
            returning id
            """,
            new { mo.Id, validFrom, sourceFile, actor },
            tx,
            cancellationToken: ct));
        var oldRows = await RowReplacement.ReplaceAsync(
            conn, tx, "tariff", "version_id", versionId, ["version_id", "code", "name", "price"], rows,
            row =>
            [
                (versionId, NpgsqlDbType.Integer), (row.Code, NpgsqlDbType.Text), (row.Name, NpgsqlDbType.Text),
                (row.Price, NpgsqlDbType.Numeric),
            ],
            ct);
        var pmuAdded = await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into pmu (mo_id, code, name, code_podr, code_spec, amb, ds, stom, date_beg)
            select @Id, t.code, t.name, @Unit, @Specialty, @Ambulatory, @DayStationary, @Stomatology, @validFrom
            from tariff t
            where t.version_id = @versionId
            order by t.code
            on conflict (mo_id, code) do nothing
            """,
            new { mo.Id, pmu.Unit, pmu.Specialty, pmu.Ambulatory, pmu.DayStationary, pmu.Stomatology, validFrom, versionId },
            tx,
            cancellationToken: ct));
        await ImportAudit.WriteAsync(conn, tx, actor, mo.Id, "tariff_version", versionId.ToString(), oldRows, rows.Count, ct);
        await tx.CommitAsync(ct);
        return new TariffVersionWritten(versionId, pmuAdded);
    }
}
