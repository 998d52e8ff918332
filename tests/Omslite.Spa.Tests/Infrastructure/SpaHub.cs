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

namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>
/// The real hub (Kestrel on a free loopback port, its own embedded PostgreSQL in a temp data dir, the demo MO and
/// books) serving the built <c>spa/dist</c>, and one Debian Chromium with a fresh profile. Every test opens its own
/// page, so its session (kept in sessionStorage) starts signed out.
/// </summary>
public sealed class SpaHub : IAsyncLifetime
{
    public const string AdminLogin = "admin";
    public const string AdminPassword = "admin-omslite-1";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "omslite-spa-tests", Guid.NewGuid().ToString("N")[..12]);
    private HubInstance? _hub;
    private IPlaywright? _playwright;

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
        InstallRegionFormat(Path.Combine(_dataDir, "plugins"));
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
        await SeedData.ReviewQueueAsync(this);

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
    }

    /// <summary>
    /// Copies the built primorye-25 plugin (assembly, deps.json, plugin.json) into the hub's plugins folder, the way
    /// <c>./omslite</c> publishes it, so that the demo MO's region format checks and builds packs.
    /// </summary>
    private static void InstallRegionFormat(string pluginsDir)
    {
        var configuration = typeof(SpaHub).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var built = Path.Combine(RepositoryRoot, "plugins", "region-formats", "Primorye25", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(built, "plugin.json")))
        {
            throw new InvalidOperationException($"The primorye-25 plugin is not built: {built}/plugin.json is missing");
        }

        var target = Directory.CreateDirectory(Path.Combine(pluginsDir, "primorye-25")).FullName;
        foreach (var file in Directory.GetFiles(built))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
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
