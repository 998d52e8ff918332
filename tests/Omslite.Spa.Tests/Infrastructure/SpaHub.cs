using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Hub.Hosting;
using Omslite.Hub.Security;
using Omslite.Hub.Sync;

namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>
/// The real hub (Kestrel on a free loopback port, its own embedded PostgreSQL in a temp data dir, the demo MO and
/// books) serving the built <c>spa/dist</c>, and one Debian Chromium with a fresh profile. Every test opens its own
/// page, so its session (kept in sessionStorage) starts signed out. The shared fixture has no MIS connector and a
/// seeded review queue; <see cref="WithDemoMis"/> is the demo as <c>./omslite run</c> makes it, with its Firebird MIS.
/// </summary>
public sealed class SpaHub : IAsyncLifetime
{
    public const string AdminLogin = "admin";
    public const string AdminPassword = "admin-omslite-1";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "omslite-spa-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly bool _demoMis;
    private HubInstance? _hub;
    private IPlaywright? _playwright;

    public SpaHub()
        : this(demoMis: false)
    {
    }

    private SpaHub(bool demoMis) => _demoMis = demoMis;

    /// <summary>
    /// A hub of its own with the demo exactly as <c>./omslite run</c> makes it — the demo MO, its books and user, and the
    /// demo MIS: the sql-firebird plugin builds the sample clinic's Firebird database, registered as <c>demo-mis</c> and
    /// synced at start (the browser starts meanwhile; <see cref="InitializeAsync"/> returns once that sync is over).
    /// Nothing else is seeded.
    /// </summary>
    public static SpaHub WithDemoMis() => new(demoMis: true);

    public string BaseUrl { get; private set; } = "";

    public NpgsqlDataSource Database { get; private set; } = null!;

    public int MoId { get; private set; }

    public IBrowserContext Browser { get; private set; } = null!;

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omslite.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root (Omslite.sln) not found");
        }
    }

    /// <summary>
    /// Where screenshots go: docs/screenshots when OMSLITE_UPDATE_SCREENSHOTS=1 (to refresh the docs after looking at
    /// them), otherwise TestResults/screenshots, so that a test run leaves the working tree clean.
    /// </summary>
    public static string Screenshots => Environment.GetEnvironmentVariable("OMSLITE_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(RepositoryRoot, "docs", "screenshots")
        : Path.Combine(RepositoryRoot, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var webRoot = Path.Combine(RepositoryRoot, "spa", "dist");
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            throw new InvalidOperationException(
                $"The web UI is not built: {webRoot}/index.html is missing. Build it first with `cd spa && npm ci && npm run build` " +
                "(`./omslite test` does this before the tests).");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's browser with `apt-get install -y chromium` (`./omslite test` does this as root). " +
                "The tests never download a browser.");
        }

        Directory.CreateDirectory(_dataDir);
        InstallPlugin(Path.Combine(_dataDir, "plugins"), "primorye-25", Path.Combine("region-formats", "Primorye25"));
        if (_demoMis)
        {
            InstallPlugin(Path.Combine(_dataDir, "plugins"), "sql-firebird", Path.Combine("mis-connectors", "SqlFirebird"));
        }

        _hub = await HubApplication.StartAsync(
            new HubStartRequest("http://127.0.0.1:0", WithDemo: true),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Working"] = "",
                ["Omslite:DataDir"] = _dataDir,
                ["Omslite:PluginsDir"] = Path.Combine(_dataDir, "plugins"),
                ["Omslite:WebRoot"] = webRoot,
                ["Omslite:Auth:LoginAttemptsPerMinute"] = "1000", // every test signs in through the form
                ["Logging:LogLevel:Default"] = "Warning",
            },
            default);
        BaseUrl = _hub.Urls[0];
        Database = _hub.App.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var conn = await Database.OpenConnectionAsync())
        {
            MoId = await conn.ExecuteScalarAsync<int>("select id from mo where code = @MoCode", new { DemoSeeder.MoCode });
        }

        await new UserAccounts(Database).AddAsync("test", AdminLogin, Roles.Admin, AdminPassword, [DemoSeeder.MoCode], default);
        if (!_demoMis)
        {
            await SeedData.ReviewQueueAsync(this);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(Path.Combine(_dataDir, "chromium-profile"), new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--lang=ru-RU",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            Locale = "ru-RU",
            Env = new Dictionary<string, string> { ["LANG"] = "ru_RU.UTF-8", ["LANGUAGE"] = "ru" }, // date inputs as dd.mm.yyyy
            TimezoneId = "Asia/Vladivostok",
        });
        Browser.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000); // two shared cores: give a busy CI machine time
        if (_demoMis)
        {
            await StartupSyncAsync();
        }
    }

    /// <summary>Waits for the sync the hub started with itself, so that a test begins on a synced demo.</summary>
    private async Task StartupSyncAsync()
    {
        int? sourceId;
        await using (var conn = await Database.OpenConnectionAsync())
        {
            sourceId = await conn.ExecuteScalarAsync<int?>("select id from mis_source where name = @SourceName", new { DemoMisSource.SourceName });
        }

        var runner = _hub!.App.Services.GetRequiredService<SyncRunner>();
        for (var attempt = 0; runner.IsRunning(sourceId ?? throw new InvalidOperationException("the demo MIS was not created: is the sql-firebird plugin loaded?")); attempt++)
        {
            if (attempt >= 1200)
            {
                throw new TimeoutException("the demo's start-up sync did not finish in two minutes");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Copies a built plugin (assembly, deps.json, dependencies, plugin.json) into the hub's plugins folder, the way
    /// <c>./omslite</c> publishes it: primorye-25, so that the demo MO's region format checks and builds packs, and
    /// sql-firebird for the demo MIS.
    /// </summary>
    private static void InstallPlugin(string pluginsDir, string id, string project)
    {
        var configuration = typeof(SpaHub).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var source = Path.Combine(RepositoryRoot, "plugins", project);
        var built = Path.Combine(source, "bin", configuration, "net10.0");
        if (!Directory.Exists(built))
        {
            throw new InvalidOperationException($"The {id} plugin is not built: {built} is missing");
        }

        var target = Directory.CreateDirectory(Path.Combine(pluginsDir, id)).FullName;
        foreach (var file in Directory.GetFiles(built))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // The manifest is copied on publish, not always on build.
        if (!File.Exists(Path.Combine(target, "plugin.json")))
        {
            File.Copy(Path.Combine(source, "plugin.json"), Path.Combine(target, "plugin.json"));
        }
    }

    /// <summary>A new tab: its own sessionStorage, so nobody is signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>Opens the UI and signs in through the login form.</summary>
    public async Task<IPage> SignInAsync(string login = DemoUser.Login, string password = DemoUser.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user")).ToContainTextAsync(login);
        return page;
    }

    /// <summary>A screenshot of what the user sees, for docs/screenshots (checked by a person, not by the test).</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });
    }

    /// <summary>An API client signed in as the given user, for set-up and for playing "the other user".</summary>
    public async Task<HttpClient> ApiAsync(string login = DemoUser.Login, string password = DemoUser.Password)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Debug.WriteLine($"left {_dataDir}: {ex.Message}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SpaCollection : ICollectionFixture<SpaHub>
{
    public const string Name = "spa";
}
