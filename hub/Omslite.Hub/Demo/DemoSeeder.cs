using Dapper;
using Npgsql;

namespace Omslite.Hub.Demo;

/// <summary>What the demo set-up left for the user to try.</summary>
public sealed record DemoSummary(int MoId, string MoCode, string MoName, string? Login, string? Password);

/// <summary>
/// Creates the demo MO (250999, short code 999, region 25) when it is missing. Run only by <c>omslite run</c> and
/// <c>omslite demo</c>: <c>serve</c> and <c>db migrate</c> leave an empty database empty.
/// </summary>
public sealed class DemoSeeder(NpgsqlDataSource database, ILogger<DemoSeeder> log)
{
    public const string MoCode = "250999";
    public const string MoName = "Демо-центр КТ и МРТ";

    public async Task<DemoSummary> EnsureAsync(CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var created = await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into mo (code, short_code, name, region, okato, region_format, lpu_1, plat)
            values (@MoCode, '999', @MoName, '25', '05000', 'primorye-25', '25202699900001001', '25011')
            on conflict (code) do nothing
            """,
            new { MoCode, MoName },
            cancellationToken: ct));
        if (created > 0)
        {
            log.LogInformation("Created the demo MO {Code}", MoCode);
        }

        await new DemoReferenceSet(database, log).EnsureAsync(MoCode, ct);
        await new DemoUser(database).EnsureAsync(MoCode, ct);
        var moId = await conn.ExecuteScalarAsync<int>(new CommandDefinition("select id from mo where code = @MoCode", new { MoCode }, cancellationToken: ct));
        return new DemoSummary(moId, MoCode, MoName, DemoUser.Login, DemoUser.Password);
    }
}
