using Dapper;
using Npgsql;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Sync;

/// <summary>
/// Applies the <c>Omslite:Sources</c> settings at start: each configured source is created or updated (by name) in
/// the MO named by <c>Omslite:Mo:Code</c>, or the only MO. Sources added through the API are left alone.
/// </summary>
public sealed class SourceConfigurationSeeder(NpgsqlDataSource database, SourceStore sources, ILogger<SourceConfigurationSeeder> log)
{
    public async Task ApplyAsync(OmsliteOptions options, CancellationToken ct)
    {
        var configured = options.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Name)).ToList();
        if (configured.Count == 0)
        {
            return;
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        var mos = (await conn.QueryAsync<(int Id, string Code)>(new CommandDefinition("select id, code from mo order by code", cancellationToken: ct))).ToList();
        var mo = options.Mo.Code is { } code ? mos.FirstOrDefault(m => m.Code == code) : mos.Count == 1 ? mos[0] : default;
        if (mo.Id == 0)
        {
            log.LogWarning("Omslite:Sources are configured but there is no single MO to attach them to: set Omslite:Mo:Code");
            return;
        }

        foreach (var source in configured)
        {
            var existing = (await sources.ListAsync(mo.Id, ct)).FirstOrDefault(s => s.Name == source.Name);
            var result = await sources.SaveAsync(mo.Id, "configuration", existing?.Id,
                new SourceInput(source.Name, source.Connector, source.ConnectionString, source.Schedule, source.Settings, null), true, ct);
            if (result is not Api.SaveResult<SourceRecord>.Saved)
            {
                log.LogWarning("Configured source {Source} was not applied: {Result}", source.Name, result);
            }
        }
    }
}
