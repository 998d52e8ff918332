using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Registry;

/// <summary>One row of the pack history.</summary>
public sealed record PackRecord
{
    public long Id { get; init; }
    public string Month { get; init; } = "";
    public int Number { get; init; }
    public bool CheckOnly { get; init; }
    public bool MarkSent { get; init; }
    public bool FreshOnly { get; init; }
    public int Limit { get; init; }
    public string RegionFormat { get; init; } = "";
    public string? File { get; init; }
    public long? FileSize { get; init; }
    public bool Signed { get; init; }
    public int Records { get; init; }
    public int Persons { get; init; }
    public int Excluded { get; init; }
    public int MarkedSent { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>A pack with the problems of its excluded visits, sorted by visit number (ui.md §4.2.1).</summary>
public sealed record PackDetails(PackRecord Pack, IReadOnlyList<PackProblem> Problems);

/// <summary>The pack history of an MO (newest first) and the files it kept; every query is scoped by the MO.</summary>
public sealed class PackStore(NpgsqlDataSource database, OmsliteOptions options)
{
    private const string Columns =
        """
        id, lpad(report_year::text, 4, '0') || '-' || lpad(report_month::text, 2, '0') as month, number, check_only,
        mark_sent, fresh_only, row_limit as "limit", region_format, file_name as file, file_size, signed, records, persons,
        excluded, marked_sent, created_by, created_at
        """;

    public async Task<Page<PackRecord>> ListAsync(int moId, PageRequest page, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from pack where mo_id = @moId", new { moId }, cancellationToken: ct));
        var rows = await conn.QueryAsync<PackRecord>(new CommandDefinition(
            $"select {Columns} from pack where mo_id = @moId order by created_at desc, id desc limit @PageSize offset @Offset",
            new { moId, page.PageSize, page.Offset }, cancellationToken: ct));
        return new Page<PackRecord>(rows.ToList(), total, page.Page, page.PageSize);
    }

    public async Task<PackDetails?> GetAsync(int moId, long id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var pack = await conn.QuerySingleOrDefaultAsync<PackRecord>(new CommandDefinition(
            $"select {Columns} from pack where mo_id = @moId and id = @id", new { moId, id }, cancellationToken: ct));
        if (pack is null)
        {
            return null;
        }

        var problems = await conn.QueryAsync<PackProblem>(new CommandDefinition(
            """
            select visit_id as visitid, number, patient_id as patientid, card_number as cardnumber, code, field, message
            from pack_problem where pack_id = @id order by number, position
            """,
            new { id }, cancellationToken: ct));
        return new PackDetails(pack, problems.ToList());
    }

    /// <summary>The kept zip of a pack of this MO: its path (built from the MO's code and the stored name the hub
    /// chose, never from a client) and download name; null when there is none.</summary>
    public async Task<(string Path, string Name)?> FileAsync(int moId, long id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Code, string? Stored, string? File)>(new CommandDefinition(
            "select m.code, p.stored_name, p.file_name from pack p join mo m on m.id = p.mo_id where p.mo_id = @moId and p.id = @id",
            new { moId, id }, cancellationToken: ct));
        if (row.Stored is null || row.File is null)
        {
            return null;
        }

        var path = Path.Combine(options.DataDir, "packs", row.Code, row.Stored);
        return File.Exists(path) ? (path, row.File) : null;
    }
}
