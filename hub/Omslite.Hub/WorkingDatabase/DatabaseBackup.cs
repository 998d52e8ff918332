using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.WorkingDatabase;

/// <summary>A finished backup: the file, its size and what it holds.</summary>
public sealed record BackupResult(string File, long Bytes, string Database, int SchemaVersion);

/// <summary>A finished restore: the file and the schema version the database now has.</summary>
public sealed record RestoreResult(string File, string Database, int SchemaVersion, IReadOnlyList<string> Dropped);

/// <summary>
/// <c>db backup</c> / <c>db restore</c>: the working database (embedded or external) with the machine's
/// <c>pg_dump -Fc</c> and <c>pg_restore --clean --if-exists</c>. The tools run as the calling OS user and reach the
/// server over TCP (the embedded one listens on 127.0.0.1 only), so the backup file belongs to whoever ran the verb;
/// it holds patient data and is created readable by its owner only. The password goes in the environment, never on
/// a command line.
/// </summary>
public static partial class DatabaseBackup
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromHours(12);

    public static async Task<BackupResult> BackupAsync(string connectionString, string file, CancellationToken ct)
    {
        var target = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"папка для резервной копии не существует / the backup folder does not exist: {folder}");
        }

        var (database, version) = await ProbeAsync(connectionString, ct);
        var pgDump = await PostgresBinaries.LocateClientAsync("pg_dump", ct);
        var partial = target + ".partial";
        await using (File.Create(partial))
        {
            // pg_dump keeps the mode of an existing file: the dump is patient data, readable by its owner only.
        }

        RestrictToOwner(partial);
        try
        {
            var result = await new ProcessRunner(null).RunAsync(
                pgDump, ["--format=custom", "--file", partial], ToolTimeout, ct, ClientEnvironment(connectionString));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"pg_dump завершился с ошибкой / pg_dump failed (exit {result.ExitCode}): {LastLine(result.Output)}");
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return new BackupResult(target, new FileInfo(target).Length, database, version);
    }

    public static async Task<RestoreResult> RestoreAsync(string connectionString, string file, CancellationToken ct)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"файл резервной копии не найден / backup file not found: {source}");
        }

        var (database, _) = await ProbeAsync(connectionString, ct);
        var pgRestore = await PostgresBinaries.LocateClientAsync("pg_restore", ct);
        var runner = new ProcessRunner(null);
        var environment = ClientEnvironment(connectionString);

        // The table of contents first: a file that is not a pg_dump archive is refused before anything is touched.
        var list = await runner.RunAsync(pgRestore, ["--list", source], ToolTimeout, ct, environment);
        if (!list.Succeeded)
        {
            throw new InvalidOperationException($"файл не является резервной копией pg_dump / not a pg_dump archive: {source}: {LastLine(list.Output)}");
        }

        // One transaction: a restore that fails leaves the database as it was.
        var restore = await runner.RunAsync(
            pgRestore,
            ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", "--dbname", database, source],
            ToolTimeout, ct, environment);
        if (!restore.Succeeded)
        {
            throw new InvalidOperationException($"pg_restore завершился с ошибкой, база не изменена / pg_restore failed, nothing changed (exit {restore.ExitCode}): {LastLine(restore.Output)}");
        }

        var dropped = await DropNewerObjectsAsync(connectionString, ArchivedObjects(list.Output), ct);
        var (_, version) = await ProbeAsync(connectionString, ct);
        return new RestoreResult(source, database, version, dropped);
    }

    /// <summary>
    /// Tables and sequences the backup does not have were made by migrations newer than the backup (it is restored
    /// after an upgrade): they go, so that the next start applies those migrations again to the restored data.
    /// </summary>
    private static async Task<IReadOnlyList<string>> DropNewerObjectsAsync(string connectionString, ISet<string> archived, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var present = await conn.QueryAsync<(string Kind, string Name)>(new CommandDefinition(
            """
            select case c.relkind when 'S' then 'SEQUENCE' else 'TABLE' end, c.relname
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'S')
              and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
            """, transaction: tx, cancellationToken: ct));
        var dropped = new List<string>();
        foreach (var (kind, name) in present.Where(o => !archived.Contains($"{o.Kind} {o.Name}")))
        {
            await conn.ExecuteAsync(new CommandDefinition($"drop {kind.ToLowerInvariant()} if exists public.\"{name}\" cascade", transaction: tx, cancellationToken: ct));
            dropped.Add(name);
        }

        await tx.CommitAsync(ct);
        return dropped;
    }

    private static HashSet<string> ArchivedObjects(string tableOfContents) =>
        TocEntry().Matches(tableOfContents).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();

    /// <summary>The database's name and schema version; a clear message when the server cannot be reached.</summary>
    private static async Task<(string Database, int SchemaVersion)> ProbeAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 15 }.ConnectionString);
            await conn.OpenAsync(ct);
            var version = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(
                "select case when to_regclass('schema_migrations') is null then 0 else (select coalesce(max(version), 0) from schema_migrations) end",
                cancellationToken: ct)) ?? 0;
            return (conn.Database, version);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"сервер базы данных недоступен / the database server is unreachable ({builder.Host}:{builder.Port}, database {builder.Database}): {ex.Message}", ex);
        }
    }

    private static Dictionary<string, string> ClientEnvironment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host ?? "localhost",
            ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = builder.Database ?? "",
            ["PGUSER"] = builder.Username ?? Environment.UserName,
            ["PGPASSWORD"] = builder.Password ?? "",
            ["PGCONNECT_TIMEOUT"] = "15",
        };
        if (builder.SslMode != SslMode.Prefer)
        {
            environment["PGSSLMODE"] = builder.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }

        return environment;
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    // pg_restore --list: "215; 1259 16390 TABLE public visit omslite".
    [GeneratedRegex(@"^\d+; \d+ \d+ (TABLE|SEQUENCE) public (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TocEntry();
}
