using System.Data.Common;
using FirebirdSql.Data.FirebirdClient;
using FirebirdSql.Data.Isql;
using Omslite.MisConnectors.SqlMapping;
using Omslite.MisConnectors.SqlMapping.Sample;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlFirebird;

/// <summary>
/// The <c>sql-firebird</c> connector: a clinic MIS on Firebird, read through a SQL mapping (see README.md), over
/// the network or with the embedded engine (<c>ServerType=Embedded</c>, no server process). Also builds the sample
/// clinic MIS as a .fdb file.
/// </summary>
public sealed class FirebirdConnector : SqlMappingConnector, ISampleSourceBuilder
{
    /// <summary>The file name of the sample database in the directory of the request.</summary>
    public const string SampleFileName = "sample-clinic.fdb";

    /// <summary>Where Linux distributions put the client library (Debian/Ubuntu: package libfbclient2).</summary>
    private static readonly string[] ClientLibraryPaths =
    [
        "/usr/lib/x86_64-linux-gnu/libfbclient.so.2",
        "/usr/lib/aarch64-linux-gnu/libfbclient.so.2",
        "/usr/lib64/libfbclient.so.2",
        "/usr/lib/libfbclient.so.2",
        "/opt/firebird/lib/libfbclient.so.2",
    ];

    /// <summary>isc_already_opened, "Database already opened with engine instance, incompatible with current".</summary>
    private const int AlreadyOpenedCode = 335545107;

    private readonly InheritedDescriptorGuard _guard = new();

    /// <inheritdoc />
    public override string Id => "sql-firebird";

    /// <inheritdoc />
    public override string Name => "SQL-сопоставление, Firebird";

    /// <inheritdoc />
    public override string Engine => "firebird";

    /// <summary>
    /// The connection string to use: an embedded one that names no <c>ClientLibrary</c> gets the machine's
    /// libfbclient.so.2 (the embedded engine is loaded through it, not the driver's default "fbembed"), a missing
    /// user becomes SYSDBA and a missing character set UTF8.
    /// </summary>
    public static string Complete(string connectionString)
    {
        var cs = new FbConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var namesLibrary = given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("clientlibrary", StringComparison.OrdinalIgnoreCase));
        if (cs.ServerType == FbServerType.Embedded && !namesLibrary && !OperatingSystem.IsWindows())
        {
            cs.ClientLibrary = ClientLibraryPaths.FirstOrDefault(File.Exists) ?? ClientLibraryPaths[0];
        }

        if (string.IsNullOrEmpty(cs.UserID))
        {
            cs.UserID = "SYSDBA";
        }

        if (string.IsNullOrEmpty(cs.Charset) || cs.Charset == "NONE")
        {
            cs.Charset = "UTF8";
        }

        return cs.ConnectionString;
    }

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new FbConnection(Complete(connectionString));

    /// <inheritdoc />
    protected override Task OpenConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _guard.AttachAsync((FbConnection)connection, cancellationToken);

    /// <summary>
    /// Opens an embedded (or remote) connection. An embedded one then marks the engine's descriptor of the database
    /// file close-on-exec, so that no process started meanwhile keeps the file locked after the hub closes it (see
    /// <see cref="EngineDescriptors"/>).
    /// </summary>
    public static async Task OpenAsync(FbConnection connection, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        var cs = new FbConnectionStringBuilder(connection.ConnectionString);
        if (cs.ServerType == FbServerType.Embedded)
        {
            EngineDescriptors.KeepFromChildProcesses(cs.Database);
        }
    }

    /// <inheritdoc />
    protected override string DescribeConnectionFailure(Exception error, string connectionString)
    {
        var cs = new FbConnectionStringBuilder(Complete(connectionString));
        var embedded = cs.ServerType == FbServerType.Embedded;
        var where = embedded ? $"файл {cs.Database}" : $"{cs.DataSource}:{cs.Port}, база {cs.Database}";
        if (error is DllNotFoundException or BadImageFormatException
            || error.InnerException is DllNotFoundException || error is TypeInitializationException)
        {
            return $"Не загружается клиентская библиотека Firebird ({cs.ClientLibrary}): установите пакеты libfbclient2 и "
                   + "firebird3.0-server-core (встроенный режим) или укажите ClientLibrary в строке подключения.";
        }

        var text = error.Message;
        if (embedded && IsAlreadyOpened(error))
        {
            var holders = FileHolders.Others(cs.Database);
            return $"Firebird: {where} открыт другим процессом{(holders.Count == 0 ? "" : $" ({string.Join("; ", holders)})")}. Встроенный движок открывает "
                   + "файл базы только в одном процессе; закройте другую программу (или сервер Firebird), работающую с этим файлом, "
                   + "либо подключайтесь через сервер Firebird.";
        }

        if (text.Contains("I/O error", StringComparison.OrdinalIgnoreCase) || text.Contains("No such file", StringComparison.OrdinalIgnoreCase))
        {
            return $"Firebird: {where} не найден или недоступен. Проверьте путь к базе (Database) и права на файл. ({OneLine(text)})";
        }

        if (!embedded && (text.Contains("network", StringComparison.OrdinalIgnoreCase) || text.Contains("connect", StringComparison.OrdinalIgnoreCase)))
        {
            return $"Сервер Firebird {cs.DataSource}:{cs.Port} не отвечает. Проверьте адрес, порт и что сервер запущен. ({OneLine(text)})";
        }

        return $"Firebird, {where}: {OneLine(text)}";
    }

    private static string OneLine(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Creates (overwriting an earlier one) <see cref="SampleFileName"/> in the directory
    /// <see cref="SampleSourceRequest.Location"/> with the embedded engine and fills it.
    /// </summary>
    public async Task<SourceConnection> BuildSampleAsync(SampleSourceRequest request, CancellationToken cancellationToken)
    {
        var plan = new SampleClinicPlan(request);
        Directory.CreateDirectory(request.Location);
        var file = Path.GetFullPath(Path.Combine(request.Location, SampleFileName));
        var connectionString = Complete(new FbConnectionStringBuilder
        {
            ServerType = FbServerType.Embedded,
            Database = file,
            UserID = "SYSDBA",
            Charset = "UTF8",
            Pooling = false,
        }.ConnectionString);
        await using var db = await CreateAsync(file, connectionString, cancellationToken);
        return await plan.FillAsync(GetType().Assembly, connectionString,
            script => RunScript(db, script), table => InsertAsync(db, table, cancellationToken));
    }

    /// <summary>
    /// Creates the database file and opens it for the fill. While the engine creates the file, and until the connection
    /// marks it, its descriptor is not close-on-exec: a process started in that moment keeps the new file locked. Such a
    /// file (another process holds it) is deleted — the child keeps only its copy of the old one — and created again.
    /// </summary>
    private static async Task<FbConnection> CreateAsync(string file, string connectionString, CancellationToken ct)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            await FbConnection.CreateDatabaseAsync(connectionString, pageSize: 16384, forcedWrites: false, overwrite: true, ct);
            var db = new FbConnection(connectionString);
            try
            {
                await OpenAsync(db, ct);
                if (attempt == attempts || FileHolders.Others(file).Count == 0)
                {
                    return db;
                }
            }
            catch (FbException ex) when (attempt < attempts && IsAlreadyOpened(ex))
            {
                // The child took the file while the engine created it.
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }

            await db.DisposeAsync();
            File.Delete(file);
        }
    }

    /// <summary>isc_already_opened: another open file description holds the file's lock.</summary>
    private static bool IsAlreadyOpened(Exception error) =>
        error is FbException fb && fb.Errors.Any(e => e.Number == AlreadyOpenedCode);

    private static async Task InsertAsync(FbConnection db, SampleTable table, CancellationToken ct)
    {
        await using var tx = await db.BeginTransactionAsync(ct);
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var values = string.Join(", ", table.Columns.Select(c => "@" + c.Name));
        await using var cmd = new FbCommand($"INSERT INTO {table.Name} ({columns}) VALUES ({values})", db, tx);
        foreach (var column in table.Columns)
        {
            cmd.Parameters.Add("@" + column.Name, TypeOf(column.Type));
        }

        await cmd.PrepareAsync(ct);
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                cmd.Parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    bool b => (short)(b ? 1 : 0),
                    var v => v,
                };
            }

            cmd.ExecuteNonQuery();
        }

        await tx.CommitAsync(ct);
    }

    private static FbDbType TypeOf(Type type) =>
        type == typeof(int) ? FbDbType.Integer
        : type == typeof(short) || type == typeof(bool) ? FbDbType.SmallInt
        : type == typeof(DateOnly) ? FbDbType.Date
        : FbDbType.VarChar;

    private static Task RunScript(FbConnection db, string text)
    {
        var script = new FbScript(text);
        script.Parse();
        var batch = new FbBatchExecution(db);
        batch.AppendSqlStatements(script);
        batch.Execute(autoCommit: true);
        return Task.CompletedTask;
    }
}
