using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Sync;
using Omslite.MisConnectors.Legacy.Tests.Infrastructure;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>
/// The working database's correction flags (<c>visit.corrected_fields</c>, <c>corrected_services</c>: the overview's
/// "новые из МИС" and "исправленные") through real syncs with the legacy connector: a field is corrected exactly when the
/// visit's "Источник" tab says so, the PMU set when it differs from what the MIS sent last.
/// </summary>
public sealed class LegacyCorrectionFlagTests : IAsyncLifetime
{
    private LegacySourceHub _source = null!;

    public async Task InitializeAsync() => _source = await LegacySourceHub.StartAsync();

    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Fact]
    public async Task A_synced_visit_is_corrected_exactly_when_its_source_tab_or_its_pmu_say_so()
    {
        await _source.SyncAsync();
        Assert.Equal((false, false), await FlagsAsync("26:3"));
        await ExpectFlagsAsTheSourceTabAsync(corrected: []);

        // The MIS changes a field and a PMU row: both taken, nothing corrected.
        await ExecuteAsync(_source.Legacy,
            "update talonz_clin_26 set ds1 = 'K87.1', modified = clock_timestamp() where tal_num = 3; update para_clin_26 set kol_usl = 2 where tal_num = 3");
        await _source.SyncAsync();
        await using var conn = _source.Hub.OpenConnection();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select s.quantity from visit_service s join visit v on v.id = s.visit_id where v.source_key = '26:3'"));
        Assert.Equal((false, false), await FlagsAsync("26:3"));

        // Corrected here: the result, and the PMU quantity.
        await conn.ExecuteAsync("update visit set rslt = 1 where source_key = '26:3'");
        await conn.ExecuteAsync("update visit_service set quantity = 3 where visit_id = (select id from visit where source_key = '26:3')");
        Assert.Equal((true, true), await FlagsAsync("26:3"));
        await ExpectFlagsAsTheSourceTabAsync(corrected: ["26:3"]);

        // The MIS changes the corrected result: a conflict, the correction stays; "вернуть значение МИС" ends it.
        await ExecuteAsync(_source.Legacy, "update talonz_clin_26 set rslt = 301, modified = clock_timestamp() where tal_num = 3");
        var clash = await _source.SyncAsync();
        Assert.Equal(1, clash.Conflicts);
        Assert.Equal((true, true), await FlagsAsync("26:3"));
        var id = await conn.ExecuteScalarAsync<long>("select id from visit where source_key = '26:3'");
        var resolved = await _source.Admin.PostAsJsonAsync($"/api/visits/{id}/source/resolve", new { field = "rslt", take = "mis" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal((false, true), await FlagsAsync("26:3"));
        await ExpectFlagsAsTheSourceTabAsync(corrected: []);

        // The PMU back to the MIS's quantity: nothing corrected any more.
        await conn.ExecuteAsync("update visit_service set quantity = 2 where visit_id = @id", new { id });
        Assert.Equal((false, false), await FlagsAsync("26:3"));
    }


    private async Task<(bool Fields, bool Services)> FlagsAsync(string sourceKey)
    {
        await using var conn = _source.Hub.OpenConnection();
        return await conn.QuerySingleAsync<(bool, bool)>(
            "select corrected_fields, corrected_services from visit where source_key = @sourceKey", new { sourceKey });
    }

    /// <summary>Every synced visit: its field flag is what its "Источник" tab shows; only the given ones are corrected.</summary>
    private async Task ExpectFlagsAsTheSourceTabAsync(string[] corrected)
    {
        await using var conn = _source.Hub.OpenConnection();
        var visits = (await conn.QueryAsync<(long Id, string Key, bool Fields)>(
            "select id, source_key, corrected_fields from visit where source_id = @_sourceId and status > 0", new { _sourceId = _source.SourceId })).ToList();
        Assert.NotEmpty(visits);
        foreach (var (id, key, fields) in visits)
        {
            var source = await _source.Admin.GetFromJsonAsync<JsonElement>($"/api/visits/{id}/source");
            var shown = source.GetProperty("fields").EnumerateArray().Any(f => f.GetProperty("corrected").GetBoolean());
            Assert.True(shown == fields, $"{key}: the source tab shows {(shown ? "a correction" : "none")}, the flag says {fields}");
            Assert.Equal(corrected.Contains(key), fields);
        }
    }
}
