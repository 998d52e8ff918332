using Dapper;
using Npgsql;

namespace Omslite.Hub.ReferenceBooks;

/// <summary>
/// The mutual-settlement tariff of a PMU code on a date (D6): the price in the MO's newest tariff version that took
/// effect on or before that date. Each version lists all tariffs, so a code missing from it has no tariff then, even
/// if an older version had one.
/// </summary>
public sealed class TariffLookup(NpgsqlDataSource database)
{
    public async Task<decimal?> PriceAsync(int moId, string code, DateOnly asOf, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<decimal?>(new CommandDefinition(
            """
            select t.price
            from (select id from tariff_version
                  where mo_id = @moId and valid_from <= @asOf
                  order by valid_from desc
                  limit 1) v
            join tariff t on t.version_id = v.id and t.code = @code
            """,
            new { moId, code, asOf },
            cancellationToken: ct));
    }
}
