using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omslite.Hub.Security;
using Omslite.Hub.Sync;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.MisConnectors.Legacy.Tests.Infrastructure;

/// <summary>
/// A real hub with the published plugins, MO 250796 and its admin, and a fresh original-system database registered as
/// the source "original" of the omslite-legacy connector.
/// </summary>
public sealed class LegacySourceHub : IAsyncDisposable
{
    private LegacySourceHub(TestHub hub, string legacy, HttpClient admin, int sourceId)
    {
        Hub = hub;
        Legacy = legacy;
        Admin = admin;
        SourceId = sourceId;
    }

    public TestHub Hub { get; }

    /// <summary>The original system's database (connection string).</summary>
    public string Legacy { get; }

    public HttpClient Admin { get; }

    public int SourceId { get; }

    public static async Task<LegacySourceHub> StartAsync()
    {
        var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:PluginsDir"] = await PublishedPlugins.DirectoryAsync() });
        await hub.AddMoAsync("250796");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");
        var legacy = await LegacyTestDatabase.CreateAsync();
        var created = await admin.PostAsJsonAsync("/api/sources", new { name = "original", connector = "omslite-legacy", connectionString = legacy });
        var sourceId = (await created.JsonAsync()).GetProperty("id").GetInt32();
        return new LegacySourceHub(hub, legacy, admin, sourceId);
    }

    /// <summary>One run of the source through the hub's sync engine, as <c>./omslite sync</c> makes it.</summary>
    /// <param name="from">First report month, YYYY-MM (as <c>--from</c>).</param>
    /// <param name="to">Last report month, YYYY-MM (as <c>--to</c>).</param>
    public Task<SyncRunResult> SyncAsync(string? from = null, string? to = null, CancellationToken ct = default)
    {
        var (first, last) = ReportMonth.Period(from, to);
        return Hub.Services.GetRequiredService<SyncEngine>().RunAsync(new SyncRequest(SourceId, "cli", "test", first, last), ct);
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
