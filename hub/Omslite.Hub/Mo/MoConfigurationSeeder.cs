using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Mo;

/// <summary>
/// Applies the <c>Omslite:Mo</c> settings to the MO record at start: a headless install configures its MO through
/// environment variables alone. Only the settings given override; the rest of the record is left as edited.
/// </summary>
public sealed class MoConfigurationSeeder(NpgsqlDataSource database, ILogger<MoConfigurationSeeder> log)
{
    public async Task ApplyAsync(MoOptions mo, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(mo.Code))
        {
            return;
        }

        var code = mo.Code.Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            throw new InvalidOperationException($"Omslite:Mo:Code '{code}' must be the 6-digit F003 code of the MO");
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(
            new CommandDefinition("select exists(select 1 from mo where code = @code)", new { code }, cancellationToken: ct));
        if (!exists)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into mo (code, short_code, name, region, okato, region_format, lpu_1, plat)
                values (@code, @shortCode, @name, @region, @okato, @regionFormat, @lpu1, @plat)
                """,
                new
                {
                    code,
                    // D2.7: the short code is the F003 code without its first three characters, zeros kept.
                    shortCode = mo.ShortCode ?? code[3..],
                    name = mo.Name ?? $"МО {code}",
                    region = mo.Region ?? code[..2],
                    okato = mo.Okato ?? throw new InvalidOperationException(
                        "Omslite:Mo:Okato (the region's OKATO, e.g. 05000) is required to create the MO record"),
                    regionFormat = mo.RegionFormat,
                    lpu1 = mo.Lpu1,
                    plat = mo.Plat,
                },
                cancellationToken: ct));
            log.LogInformation("Created MO {Code} from configuration", code);
            return;
        }

        var changed = await conn.ExecuteAsync(new CommandDefinition(
            """
            update mo set
                short_code    = coalesce(@ShortCode, short_code),
                name          = coalesce(@Name, name),
                region        = coalesce(@Region, region),
                okato         = coalesce(@Okato, okato),
                region_format = coalesce(@RegionFormat, region_format),
                lpu_1         = coalesce(@Lpu1, lpu_1),
                plat          = coalesce(@Plat, plat),
                updated_at    = now()
            where code = @Code
              and (short_code, name, region, okato, region_format, lpu_1, plat) is distinct from
                  (coalesce(@ShortCode, short_code), coalesce(@Name, name), coalesce(@Region, region),
                   coalesce(@Okato, okato), coalesce(@RegionFormat, region_format), coalesce(@Lpu1, lpu_1),
                   coalesce(@Plat, plat))
            """,
            new { Code = code, mo.ShortCode, mo.Name, mo.Region, mo.Okato, mo.RegionFormat, mo.Lpu1, mo.Plat },
            cancellationToken: ct));
        if (changed > 0)
        {
            log.LogInformation("Updated MO {Code} from configuration", code);
        }
    }
}
