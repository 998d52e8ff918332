using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>
/// The published folder (issue 8 items 1, 2 and 4): started from elsewhere, with the systemd unit's ExecStart and
/// with the Docker image's ENTRYPOINT + CMD, it answers /health with its plugins loaded and serves its web UI.
/// </summary>
[Collection(PublishedHubCollection.Name)]
public partial class PublishTests(PublishedHub published)
{
    private static string DeployFile(params string[] path) => Path.Combine([PublishedHub.Repository, "deploy", .. path]);

    [Fact]
    public async Task The_published_folder_started_from_another_directory_finds_its_plugins_and_web_ui()
    {
        Assert.Equal(published.Dir, published.Result.GetProperty("out").GetString());
        // Every plugins/<kind>/<name> with a plugin.json, as ./omslite publishes them.
        var pluginProjects = Directory.GetDirectories(Path.Combine(PublishedHub.Repository, "plugins"))
            .SelectMany(Directory.GetDirectories)
            .Where(d => File.Exists(Path.Combine(d, "plugin.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(pluginProjects, published.Result.GetProperty("plugins").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("Primorye25", pluginProjects);
        Assert.True(published.Result.GetProperty("webUi").GetBoolean());
        Assert.Equal("dotnet Omslite.Hub.dll serve", published.Result.GetProperty("command").GetString());
        Assert.True(File.Exists(Path.Combine(published.Dir, "plugins", "Primorye25", "plugin.json")));
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(published.Dir, "appsettings.json")))!["Omslite"]!;
        Assert.Equal("plugins", settings["PluginsDir"]!.GetValue<string>());
        Assert.Equal("wwwroot", settings["WebRoot"]!.GetValue<string>());
        var elsewhere = TempDir.Create("cwd");
        var url = $"http://127.0.0.1:{HubProcess.FreePort()}";

        await using var hub = await HubProcess.StartCommandAsync(
            url, ["dotnet", Path.Combine(published.Dir, "Omslite.Hub.dll"), "serve", "--urls", url], elsewhere, await ExternalDatabaseAsync(elsewhere));

        var health = await hub.GetHealthAsync();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        AssertPluginsLoaded(health);
        using var http = new HttpClient();
        Assert.Contains("<title>Omslite</title>", await http.GetStringAsync($"{url}/visits/12"));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(elsewhere), e => Path.GetFileName(e) != "data");
        TempDir.TryDelete(elsewhere);
    }

    [Fact]
    public async Task The_systemd_units_command_line_starts_the_published_hub_on_its_embedded_database()
    {
        var unit = await File.ReadAllLinesAsync(DeployFile("linux", "omslite.service"));
        string Setting(string key) => unit.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        Assert.Equal("notify", Setting("Type"));
        Assert.Equal("omslite", Setting("User"));
        Assert.Equal("on-failure", Setting("Restart"));
        Assert.Equal("/opt/omslite", Setting("WorkingDirectory"));
        var execStart = Setting("ExecStart").Split(' ');
        Assert.Equal(["/usr/bin/dotnet", "/opt/omslite/Omslite.Hub.dll", "serve", "--urls", "http://127.0.0.1:5080"], execStart);
        Assert.DoesNotContain(unit, l => l.StartsWith("MemoryDenyWriteExecute=true", StringComparison.Ordinal));
        var environment = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .SelectMany(l => l["Environment=".Length..].Split(' '))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal("/var/lib/omslite", environment["Omslite__DataDir"]);

        // The same command line, with the install folder, the data directory and the port of this machine.
        var dataDir = TempDir.Create("unit-data");
        var url = $"http://127.0.0.1:{HubProcess.FreePort()}";
        string Here(string value) => value.Replace("/opt/omslite", published.Dir).Replace("/var/lib/omslite", dataDir).Replace("http://127.0.0.1:5080", url);
        var command = execStart.Select(Here).ToList();
        if (!File.Exists(command[0]))
        {
            command[0] = "dotnet";
        }

        var hub = await HubProcess.StartCommandAsync(url, command, Here(Setting("WorkingDirectory")), environment.ToDictionary(e => e.Key, e => (string?)Here(e.Value)));
        var health = await hub.GetHealthAsync();
        var exit = await hub.StopAsync(); // SIGTERM, as systemctl stop sends

        Assert.Equal("ok", health.GetProperty("status").GetString());
        AssertPluginsLoaded(health);
        Assert.True(File.Exists(Path.Combine(dataDir, "pg", "PG_VERSION")), "the embedded cluster lives in Omslite__DataDir");
        Assert.Equal(0, exit);
        Assert.False(File.Exists(Path.Combine(dataDir, "pg", "postmaster.pid")), "the embedded server stops with the service");
        await hub.DisposeAsync();
        TempDir.TryDelete(dataDir);
    }

    [Fact]
    public async Task The_docker_image_runs_the_published_hub_with_the_same_command()
    {
        var dockerfile = await File.ReadAllTextAsync(DeployFile("docker", "Dockerfile"));
        var instructions = Instructions(dockerfile);
        var runtimeStage = instructions.Skip(instructions.FindLastIndex(i => i.Name == "FROM")).ToList();
        string Last(string name) => runtimeStage.Last(i => i.Name == name).Args;
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Last("FROM"));
        Assert.Contains(instructions, i => i.Name == "RUN" && i.Args.Contains("Omslite.Hub.dll publish --out /app", StringComparison.Ordinal));
        Assert.Equal("omslite", Last("USER"));
        Assert.Equal(["/data", "/plugins"], JsonSerializer.Deserialize<string[]>(Last("VOLUME"))!);
        var command = JsonSerializer.Deserialize<string[]>(Last("ENTRYPOINT"))!.Concat(JsonSerializer.Deserialize<string[]>(Last("CMD"))!).ToList();
        Assert.Equal(["dotnet", "/app/Omslite.Hub.dll", "serve", "--urls", "http://0.0.0.0:8080"], command);
        var environment = EnvPairs().Matches(Last("ENV")).ToDictionary(m => m.Groups[1].Value, m => (string?)m.Groups[2].Value);
        Assert.Equal("/data", environment["Omslite__DataDir"]);
        Assert.Equal("/plugins", environment["Omslite__PluginsDir"]);

        // The image's command on this machine: /app is the published folder, /plugins its plugins (the image moves
        // them there), /data a temp dir; the database is external, as docker-compose.yml gives it.
        var dataDir = TempDir.Create("docker-data");
        var url = $"http://127.0.0.1:{HubProcess.FreePort()}";
        string Here(string? value) => value!.Replace("/app", published.Dir).Replace("/plugins", Path.Combine(published.Dir, "plugins"))
            .Replace("/data", dataDir).Replace("http://0.0.0.0:8080", url);
        var here = await ExternalDatabaseAsync(dataDir);
        foreach (var (key, value) in environment)
        {
            here[key] = Here(value);
        }

        await using var hub = await HubProcess.StartCommandAsync(url, command.Select(c => Here(c)).ToList(), Here(Last("WORKDIR")), here);

        var health = await hub.GetHealthAsync();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        AssertPluginsLoaded(health);
        TempDir.TryDelete(dataDir);
    }

    [Fact]
    public async Task The_compose_file_runs_the_hub_and_postgres_16_with_volumes_and_healthchecks()
    {
        var compose = MiniYaml.Parse(await File.ReadAllTextAsync(DeployFile("docker", "docker-compose.yml")));

        var services = compose["services"]!.AsObject();
        Assert.Equal(["db", "hub"], services.Select(s => s.Key).Order());
        var db = services["db"]!;
        Assert.Equal("postgres:16", (string?)db["image"]);
        Assert.Contains("pgdata:/var/lib/postgresql/data", db["volumes"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("CMD-SHELL", (string?)db["healthcheck"]!["test"]![0]);
        var hub = services["hub"]!;
        Assert.True(File.Exists(Path.Combine(DeployFile("docker"), (string)hub["build"]!["context"]!, (string)hub["build"]!["dockerfile"]!)));
        Assert.Equal("service_healthy", (string?)hub["depends_on"]!["db"]!["condition"]);
        Assert.StartsWith("Host=db;", (string?)hub["environment"]!["ConnectionStrings__Working"]);
        Assert.Equal(["data:/data", "plugins:/plugins"], hub["volumes"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("/health", (string?)hub["healthcheck"]!["test"]!.AsArray().Last());
        Assert.Equal(["data", "pgdata", "plugins"], compose["volumes"]!.AsObject().Select(v => v.Key).Order());
    }

    [Fact]
    public async Task The_iis_site_runs_the_hub_in_process_with_the_serve_verb_and_50_mib_uploads()
    {
        var config = XDocument.Load(Path.Combine(published.Dir, "web.config"));

        var module = config.Descendants("aspNetCore").Single();
        Assert.Equal("inprocess", (string?)module.Attribute("hostingModel"));
        Assert.Equal(@".\Omslite.Hub.dll serve", (string?)module.Attribute("arguments"));
        Assert.Equal("AspNetCoreModuleV2", (string?)config.Descendants("add").Single().Attribute("modules"));
        Assert.Equal("52428800", (string?)config.Descendants("requestLimits").Single().Attribute("maxAllowedContentLength"));
        Assert.Contains(module.Descendants("environmentVariable"), e => (string?)e.Attribute("name") == "ConnectionStrings__Working");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Publish_refuses_a_folder_that_is_not_empty_in_one_line()
    {
        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(new Dictionary<string, string?>(), "publish", "--out", published.Dir, "--json");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal($"ошибка: папка {published.Dir} не пуста / {published.Dir} is not empty: publish into a new folder", stderr.Trim());
    }

    /// <summary>Every published plugin is loaded, the region format and the legacy connector among them.</summary>
    private void AssertPluginsLoaded(JsonElement health)
    {
        var plugins = health.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Equal(published.Result.GetProperty("plugins").GetArrayLength(), plugins.Count);
        Assert.All(plugins, p => Assert.Equal("loaded", p.GetProperty("status").GetString()));
        Assert.Contains(plugins, p => p.GetProperty("id").GetString() == "primorye-25");
        Assert.Contains(plugins, p => p.GetProperty("id").GetString() == "omslite-legacy");
    }

    private static async Task<Dictionary<string, string?>> ExternalDatabaseAsync(string dataDir) => new()
    {
        ["ConnectionStrings__Working"] = await TestPostgres.CreateDatabaseAsync(),
        ["Omslite__DataDir"] = Path.Combine(dataDir, "data"),
    };

    private sealed record Instruction(string Name, string Args);

    /// <summary>A Dockerfile's instructions with continuation lines joined and comments dropped.</summary>
    private static List<Instruction> Instructions(string dockerfile) =>
        Regex.Replace(dockerfile.ReplaceLineEndings("\n"), @"\\\n", " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => new Instruction(p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex EnvPairs();
}
