using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Plugins;
using Omslite.Sdk.Plugins;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Returns;

/// <summary>
/// The MO of a returns task, as the region format sees it (<see cref="RegistryMo"/>, its settings as text), and the
/// capability of its format plugin that the task needs.
/// </summary>
public sealed record ReturnsMo(int Id, RegistryMo Mo, string? RegionFormat)
{
    private sealed record Row(int Id, string Code, string ShortCode, string Name, string Region, string Okato, string? RegionFormat,
        string? Lpu1, string? Plat, string Settings);

    public static async Task<ReturnsMo> LoadAsync(NpgsqlConnection conn, int moId, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                      """
                      select id, code, short_code, name, region, okato, region_format, lpu_1 as lpu1, plat, settings::text as settings
                      from mo where id = @moId
                      """, new { moId }, cancellationToken: ct))
                  ?? throw new InvalidOperationException("МО не найдена");
        using var settings = JsonDocument.Parse(row.Settings);
        return new ReturnsMo(row.Id, new RegistryMo
        {
            Code = row.Code,
            ShortCode = row.ShortCode,
            Name = row.Name,
            Region = row.Region,
            Okato = row.Okato,
            Lpu1 = row.Lpu1,
            Plat = row.Plat,
            Settings = settings.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()),
        }, row.RegionFormat);
    }

    /// <summary>The MO's format plugin's implementation of <typeparamref name="T"/>, or a Russian message saying
    /// what is missing.</summary>
    public T Capability<T>(PluginCatalog plugins, string what) where T : class, IPlugin
    {
        if (string.IsNullOrWhiteSpace(RegionFormat))
        {
            throw new InvalidOperationException("У МО не задан формат региона (настройка RegionFormat, например primorye-25)");
        }

        return plugins.Get<T>().FirstOrDefault(p => p.Id == RegionFormat)
               ?? throw new InvalidOperationException($"Формат региона «{RegionFormat}» не загружен или не умеет {what}");
    }
}
