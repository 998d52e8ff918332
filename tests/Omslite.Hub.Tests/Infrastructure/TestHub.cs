using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Security;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>
/// The real hub (Kestrel on a free loopback port) on a fresh database of the test PostgreSQL; requests go over HTTP
/// exactly as the browser's do.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string Password = "correct-horse-1";

    private readonly HubInstance _hub;
    private readonly string _dataDir;

    private TestHub(HubInstance hub, string dataDir, string connectionString)
    {
        _hub = hub;
        _dataDir = dataDir;
        ConnectionString = connectionString;
        BaseUrl = hub.Urls[0];
        Anonymous = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public string BaseUrl { get; }

    public string ConnectionString { get; }

    public string DataDir => _dataDir;

    public HttpClient Anonymous { get; }

    /// <summary>The hub's services, for tests that drive a feature below the API (e.g. the sync engine).</summary>
    public IServiceProvider Services => _hub.App.Services;

    /// <summary>Starts a hub; <paramref name="withDemo"/> seeds the demo as <c>./omslite run</c> does (the demo MIS too,
    /// when the sql-firebird plugin is in the plugins folder).</summary>
    public static async Task<TestHub> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool withDemo = false)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var dataDir = TempDir.Create("testhub");
        var overrides = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Working"] = connectionString,
            ["Omslite:DataDir"] = dataDir,
            ["Omslite:PluginsDir"] = Path.Combine(dataDir, "plugins"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var hub = await HubApplication.StartAsync(new HubStartRequest("http://127.0.0.1:0", withDemo), overrides, default);
        return new TestHub(hub, dataDir, connectionString);
    }

    public NpgsqlConnection OpenConnection()
    {
        var conn = new NpgsqlConnection(ConnectionString);
        conn.Open();
        return conn;
    }

    /// <summary>Creates an MO and returns its id.</summary>
    public async Task<int> AddMoAsync(string code, string name = "МО")
    {
        await using var conn = OpenConnection();
        return await conn.ExecuteScalarAsync<int>(
            "insert into mo (code, short_code, name, region, okato) values (@code, @shortCode, @name, '25', '05000') returning id",
            new { code, shortCode = code[3..], name });
    }

    public Task<int> AddUserAsync(string login, string role, params string[] moCodes) =>
        new UserAccounts(NpgsqlDataSource.Create(ConnectionString)).AddAsync("test", login, role, Password, moCodes, default);

    /// <summary>Signs in and returns a client that sends the token.</summary>
    public async Task<HttpClient> LoginAsync(string login, string password = Password)
    {
        var response = await Anonymous.PostAsJsonAsync("/api/auth/login", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        return WithToken(token!);
    }

    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        await _hub.DisposeAsync();
        TempDir.TryDelete(_dataDir);
    }
}
