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
    public async Task Published_sql_plugins_load_in_the_hub_and_firebird_reads_its_shipped_mapping()
    {
        var plugins = TempDirs.Create("plugins");
        foreach (var name in new[] { "SqlPostgres", "SqlFirebird", "SqlServer" })
        {
            await PublishAsync($"plugins/mis-connectors/{name}/Omslite.MisConnectors.{name}.csproj", Path.Combine(plugins, name));
        }

        var catalog = PluginCatalog.Load(plugins, NullLogger.Instance);

        Assert.Equal(["sql-firebird", "sql-postgresql", "sql-sqlserver"], catalog.Entries.Select(e => e.Id).Order());
        Assert.All(catalog.Entries, e => Assert.True(e.Status == PluginStatus.Loaded, $"{e.Id}: {e.Error}"));
        Assert.All(catalog.Entries, e => Assert.False(File.Exists(Path.Combine(e.Folder, "Omslite.Sdk.dll")), "the SDK must come from the hub"));
        var folder = Path.Combine(plugins, "SqlFirebird");
        Assert.True(File.Exists(Path.Combine(folder, "mappings", "sample-clinic", "cases.sql")));

        // SqlClient loads and runs inside its plugin context (no server here: it answers that none is there).
        var sqlServer = catalog.Get<IMisConnector>().Single(c => c.Engine == "sqlserver");
        var unreachable = await sqlServer.CheckAsync(
            new SourceConnection("Server=tcp:127.0.0.1,1;Database=x;User ID=u;Password=p;Connect Timeout=5;TrustServerCertificate=True", new Dictionary<string, string>()),
            default);
        Assert.Contains("не отвечает", unreachable.Message);

        var connector = catalog.Get<IMisConnector>().Single(c => c.Engine == "firebird");
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

    [Fact]
    public async Task The_sample_plugin_of_the_docs_publishes_loads_and_pulls()
    {
        var plugins = TempDirs.Create("plugins");
        await PublishAsync("docs/samples/TextFileConnector/Example.MisConnectors.TextFile.csproj", Path.Combine(plugins, "textfile"), build: true);
        var file = Path.Combine(TempDirs.Create("txt"), "cases.txt");
        await File.WriteAllLinesAsync(file,
        [
            "1;К-1;Иванов;м;1970-01-02;2500000000000001;25011;2025-03-04;12345678901;M51.1;A05.03.002",
            "2;К-2;Петрова;ж;1980-05-06;2500000000000002;25016;2025-03-05;12345678901;R91;A06.09.005",
        ]);

        var catalog = PluginCatalog.Load(plugins, NullLogger.Instance);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.Status == PluginStatus.Loaded, entry.Error);
        var connector = Assert.Single(catalog.Get<IMisConnector>());
        var source = new SourceConnection(file, new Dictionary<string, string>());
        Assert.True((await connector.CheckAsync(source, default)).Ok);
        var batches = new List<SourceBatch>();
        await foreach (var batch in connector.PullAsync(new PullRequest(source, "1", null, null), default))
        {
            batches.Add(batch);
        }

        var only = Assert.Single(Assert.Single(batches).Cases);
        Assert.Equal("2", only.SourceKey);
        Assert.Equal("2", batches[0].Watermark);
    }

    [Fact]
    public void The_mapping_contract_documents_every_canonical_column()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "plugins", "mis-connectors", "SqlMapping", "README.md"));

        Assert.All(CanonicalColumns.Cases.Concat(CanonicalColumns.Services), c => Assert.Contains($"`{c.Name}`", readme));
    }

    /// <summary>dotnet publish of a project, in the configuration these tests were built in; a plugin the tests
    /// reference is built already, so it is only published (no rebuild under the running tests).</summary>
    private static async Task PublishAsync(string project, string output, bool build = false)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", Path.Combine(root, project), "-c", configuration, build ? "--nologo" : "--no-build", "-o", output, "--nologo", "-v", "q" },
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
