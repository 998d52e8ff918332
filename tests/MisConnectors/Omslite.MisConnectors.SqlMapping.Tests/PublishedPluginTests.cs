using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Plugins;
using Omslite.MisConnectors.SqlMapping.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Tests;

/// <summary>The Firebird plugin as the hub meets it: published into its own folder and loaded by PluginCatalog.</summary>
public sealed class PublishedPluginTests
{
    [Fact]
    public async Task Published_firebird_plugin_loads_in_the_hub_and_reads_its_shipped_mapping()
    {
        var plugins = TempDirs.Create("plugins");
        var folder = Path.Combine(plugins, "SqlFirebird");
        await PublishAsync("plugins/mis-connectors/SqlFirebird/Omslite.MisConnectors.SqlFirebird.csproj", folder);

        var catalog = PluginCatalog.Load(plugins, NullLogger.Instance);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.Status == PluginStatus.Loaded, entry.Error);
        Assert.Equal("sql-firebird", entry.Id);
        Assert.False(File.Exists(Path.Combine(folder, "Omslite.Sdk.dll")), "the SDK must come from the hub, not the plugin folder");
        Assert.True(File.Exists(Path.Combine(folder, "mappings", "sample-clinic", "cases.sql")));

        var connector = Assert.Single(catalog.Get<IMisConnector>());
        Assert.Equal("firebird", connector.Engine);
        var builder = Assert.IsAssignableFrom<ISampleSourceBuilder>(connector);
        var source = await builder.BuildSampleAsync(
            new SampleSourceRequest(TempDirs.Create("fb"), "250999", new ReportPeriod(2025, 5), 20, WithNoise: true), default);

        // A mapping edited in the plugin folder is the one used: prove it by breaking the shipped file.
        var check = await connector.CheckAsync(source, default);
        Assert.True(check.Ok, check.Message);
        var casesFile = Path.Combine(folder, "mappings", "sample-clinic", "cases.sql");
        await File.WriteAllTextAsync(casesFile, (await File.ReadAllTextAsync(casesFile)).Replace("AS card_number", "AS card_nr"));
        var broken = await connector.CheckAsync(source, default);
        Assert.False(broken.Ok);
        Assert.Contains(broken.Problems, p => p.Contains("mappings/sample-clinic/cases.sql") && p.Contains("«card_number»"));
    }

    /// <summary>dotnet publish of an already built plugin project, in the configuration these tests were built in.</summary>
    private static async Task PublishAsync(string project, string output)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", Path.Combine(root, project), "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await stdout} {await stderr}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omslite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Omslite.sln not found above " + AppContext.BaseDirectory);
    }
}
