using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Plugins;
using Omslite.MisConnectors.Legacy.Tests.Infrastructure;
using Omslite.Sdk.Connectors;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>The plugin as the hub gets it: published into its own folder and loaded by the hub's catalog.</summary>
public sealed class LegacyPluginLoadingTests
{
    [Fact]
    public async Task Published_plugin_loads_in_the_hub_without_a_copy_of_the_sdk_and_checks_a_database()
    {
        var pluginsDir = await PublishedPlugins.DirectoryAsync();
        var folder = Path.Combine(pluginsDir, "Legacy");

        var catalog = PluginCatalog.Load(pluginsDir, NullLogger.Instance);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.Status == PluginStatus.Loaded, entry.Error);
        Assert.Equal(("omslite-legacy", "1.0.0", "mis-connector"), (entry.Id, entry.Version, entry.Kind));
        Assert.False(File.Exists(Path.Combine(folder, "Omslite.Sdk.dll")));
        Assert.True(File.Exists(Path.Combine(folder, "Npgsql.dll")));
        var connector = Assert.Single(catalog.Get<IMisConnector>());
        Assert.Equal("postgresql", connector.Engine);
        Assert.IsAssignableFrom<IReferenceBookSource>(connector);
        Assert.NotEqual(typeof(LegacyConnector).Assembly, connector.GetType().Assembly);

        var check = await connector.CheckAsync(Source(await CreateAsync()), CancellationToken.None);
        Assert.True(check.Ok, check.Message);
    }
}
