using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omslite.Hub.WorkingDatabase.Embedded;

/// <summary>
/// A private PostgreSQL server run from the machine's server programs, with its cluster in
/// <c>&lt;data dir&gt;/pg</c>: created on first use, started on 127.0.0.1 and a free port, reused while running.
/// </summary>
/// <remarks>
/// Several Omslite processes may use one data directory at a time (the hub and a CLI verb, say). Each holds a shared
/// lease on <c>pg.users</c> while it uses the server; whoever releases the last lease stops the server. Starting and
/// stopping are serialised by <c>pg.lock</c>. A hub killed with -9 leaves the server running; the next process adopts
/// it and the last one to leave stops it.
/// </remarks>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string DatabaseName = "omslite";
    private const string SuperUser = "omslite";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _dataDir;
    private readonly PostgresBinaries _binaries;
    private readonly ProcessRunner _runner;
    private readonly ILogger _log;
    private readonly IReadOnlyDictionary<string, string> _serverSettings;
    private readonly IReadOnlySet<int> _avoidPorts;
    private FileStream? _lease;

    private EmbeddedPostgres(
        string dataDir, PostgresBinaries binaries, ProcessRunner runner, ILogger log,
        IReadOnlyDictionary<string, string> serverSettings, IReadOnlySet<int> avoidPorts)
    {
        _dataDir = dataDir;
        _binaries = binaries;
        _runner = runner;
        _log = log;
        _serverSettings = serverSettings;
        _avoidPorts = avoidPorts;
    }

    /// <summary>The cluster directory.</summary>
    public string ClusterDir => Path.Combine(_dataDir, "pg");

    public int Port { get; private set; }

    public string ConnectionString { get; private set; } = "";

    private string LockFile => Path.Combine(_dataDir, "pg.lock");

    private string LeaseFile => Path.Combine(_dataDir, "pg.users");

    private string PasswordFile => Path.Combine(_dataDir, "pg.password");

    /// <summary>Initialises the cluster if needed, starts or adopts the server and ensures the working database.</summary>
    /// <param name="serverSettings">Server parameters (<c>-c name=value</c>) used when this call starts the server;
    /// an adopted running server keeps its own.</param>
    /// <param name="avoidPorts">Ports a server started by this call must not take: the hub's own listen ports, which
    /// are free until Kestrel binds them after the database is up.</param>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDir, string? serverUser, ILogger log, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? serverSettings = null, IReadOnlySet<int>? avoidPorts = null)
    {
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        var binaries = await PostgresBinaries.LocateAsync(ct);
        var runner = new ProcessRunner(await ResolveServerUserAsync(serverUser, Path.Combine(dataDir, "pg"), ct));
        var server = new EmbeddedPostgres(
            dataDir, binaries, runner, log, serverSettings ?? new Dictionary<string, string>(), avoidPorts ?? new HashSet<int>());
        await server.StartCoreAsync(ct);
        return server;
    }

    /// <summary>
    /// When the hub runs as root, PostgreSQL must run as somebody else: the configured user; else the owner of an
    /// existing cluster (a root verb such as <c>db backup</c> next to a service that runs as <c>omslite</c> uses the
    /// service's server as its owner); else postgres, or nobody.
    /// </summary>
    private static async Task<string?> ResolveServerUserAsync(string? configured, string clusterDir, CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (File.Exists(Path.Combine(clusterDir, "PG_VERSION")))
        {
            var owner = await new ProcessRunner(null).RunAsync("stat", ["-c", "%U", clusterDir], ToolTimeout, ct);
            if (owner.Succeeded && owner.Output is { Length: > 0 } name && name != "root" && name != "UNKNOWN")
            {
                return name;
            }
        }

        var passwd = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd") : [];
        return passwd.Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        await using (await FileLock.AcquireExclusiveAsync(LockFile, ToolTimeout, ct))
        {
            _lease = FileLock.OpenShared(LeaseFile);
            try
            {
                if (!File.Exists(Path.Combine(ClusterDir, "PG_VERSION")))
                {
                    await InitClusterAsync(ct);
                }

                Port = await RunningPortAsync(ct) ?? await StartServerAsync(ct);
            }
            catch
            {
                _lease.Dispose();
                _lease = null;
                throw;
            }
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim(),
            Database = DatabaseName,
        }.ConnectionString;
        await EnsureDatabaseAsync(ct);
    }

    private async Task InitClusterAsync(CancellationToken ct)
    {
        _log.LogInformation("Creating the embedded PostgreSQL cluster in {ClusterDir}", ClusterDir);
        if (Directory.Exists(ClusterDir))
        {
            // A half-made cluster from an interrupted first start: initdb wants an empty directory.
            Directory.Delete(ClusterDir, recursive: true);
        }

        Directory.CreateDirectory(ClusterDir);
        RestrictToOwner(ClusterDir, UnixFileMode.UserExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, password, ct);
        RestrictToOwner(PasswordFile);

        // initdb reads the password from a file; it lives only for this call.
        var pwFile = Path.Combine(_dataDir, $"pg.initpw.{Environment.ProcessId}");
        await File.WriteAllTextAsync(pwFile, password, ct);
        RestrictToOwner(pwFile);
        try
        {
            if (_runner.RunAsUser is { } user)
            {
                await ChownAsync(user, ct, ClusterDir, pwFile);
            }

            var args = new List<string>
            {
                "-D", ClusterDir, "-U", SuperUser, "--pwfile", pwFile, "--auth", "scram-sha-256",
                "--encoding", "UTF8", "--locale", "C.UTF-8",
            };
            if (_binaries.MajorVersion >= 15)
            {
                // ICU gives Russian collation whatever locales the OS has generated.
                args.AddRange(["--locale-provider", "icu", "--icu-locale", "ru-RU"]);
            }

            var result = await _runner.RunAsync(_binaries.InitDb, args, ToolTimeout, ct);
            if (!result.Succeeded)
            {
                throw new EmbeddedPostgresException(
                    $"initdb failed for {ClusterDir} (exit {result.ExitCode}): {LastLines(result.Output)}" +
                    (_runner.RunAsUser is { } u ? $". The server runs as OS user '{u}': it must be able to enter every directory above {_dataDir}; set Omslite__DataDir elsewhere if it cannot." : ""));
            }
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var status = await _runner.RunAsync(_binaries.PgCtl, ["status", "-D", ClusterDir], ToolTimeout, ct);
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (!status.Succeeded || !File.Exists(pidFile))
        {
            return null;
        }

        // postmaster.pid line 4 is the port.
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        if (lines.Length > 3 && int.TryParse(lines[3], out var port))
        {
            _log.LogInformation("Using the embedded PostgreSQL already running on 127.0.0.1:{Port}", port);
            return port;
        }

        return null;
    }

    private async Task<int> StartServerAsync(CancellationToken ct)
    {
        var port = FreePort(_avoidPorts);
        var options = $"-p {port} -h 127.0.0.1 -c unix_socket_directories=''" +
            string.Concat(_serverSettings.Select(s => $" -c {s.Key}={s.Value}"));
        var result = await _runner.RunAsync(
            _binaries.PgCtl,
            ["start", "-w", "-t", "90", "-D", ClusterDir, "-l", Path.Combine(ClusterDir, "server.log"), "-o", options],
            ToolTimeout,
            ct);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"the embedded PostgreSQL did not start (exit {result.ExitCode}): {LastLines(result.Output)}; " +
                $"see {Path.Combine(ClusterDir, "server.log")}");
        }

        _log.LogInformation(
            "Embedded PostgreSQL {Version} started on 127.0.0.1:{Port} (data in {ClusterDir})",
            _binaries.MajorVersion, port, ClusterDir);
        return port;
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.AddWithValue(DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Releases this process's lease; the last user stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lease is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using (await FileLock.AcquireExclusiveAsync(LockFile, ToolTimeout, CancellationToken.None))
        {
            await _lease.DisposeAsync();
            _lease = null;
            await using var sole = FileLock.TryOpenExclusive(LeaseFile);
            if (sole is null)
            {
                _log.LogInformation("The embedded PostgreSQL stays up: another Omslite process still uses it");
                return;
            }

            var result = await _runner.RunAsync(
                _binaries.PgCtl, ["stop", "-w", "-m", "fast", "-D", ClusterDir], ToolTimeout, CancellationToken.None);
            if (result.Succeeded)
            {
                _log.LogInformation("Embedded PostgreSQL stopped");
            }
            else
            {
                _log.LogWarning("Stopping the embedded PostgreSQL failed (exit {ExitCode}): {Output}", result.ExitCode, result.Output);
            }
        }
    }

    private async Task ChownAsync(string user, CancellationToken ct, params string[] paths)
    {
        var result = await new ProcessRunner(null).RunAsync("chown", [$"{user}:", .. paths], ToolTimeout, ct);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException($"chown to '{user}' failed: {result.Output}");
        }
    }

    private static void RestrictToOwner(string path, UnixFileMode extra = UnixFileMode.None)
    {
        // Windows has no embedded server (ConnectionStrings:Working is required there) and no Unix modes.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        }
    }

    /// <summary>A port the kernel says is free now and that is not one of <paramref name="avoid"/>.</summary>
    internal static int FreePort(IReadOnlySet<int> avoid)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!avoid.Contains(port))
            {
                return port;
            }
        }
    }

    private static string LastLines(string output) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
}
