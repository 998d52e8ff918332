using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// An MIS connector driven by a mapping: two SELECT statements of the integrator's that return the canonical columns
/// (<see cref="CanonicalColumns"/>). The engine plugins (PostgreSQL, Firebird, SQL Server) only say how to connect
/// and how to explain a failed connection; reading, checking, batching and watermarks live here.
/// </summary>
/// <remarks>
/// <para><c>cases.sql</c> gets the watermark as <c>@wm_stamp</c> (bigint) and <c>@wm_key</c> (the type of
/// <c>case_key</c>; NULL on a first pull), and <c>@period_from</c> and <c>@period_to</c> (date); it must return the cases
/// after the watermark (<c>change_stamp &gt; @wm_stamp OR (change_stamp = @wm_stamp AND case_key &gt; @wm_key)</c>)
/// whose close date falls in the period, ordered by <c>change_stamp, case_key</c>. <c>services.sql</c> gets the keys of
/// a batch's cases in <c>@case_keys</c> (<c>WHERE v.id IN (@case_keys)</c>; the connector expands it into one
/// parameter per key).</para>
/// <para>Rows the watermark covers are skipped here too, so a mapping that ignores the watermark is only slower, never
/// wrong (see <see cref="Watermark.Covers"/>).</para>
/// </remarks>
public abstract partial class SqlMappingConnector : IMisConnector
{
    /// <summary>The watermark's stamp parameter of <c>cases.sql</c>.</summary>
    public const string WatermarkParameter = "wm_stamp";

    /// <summary>The watermark's key parameter of <c>cases.sql</c>.</summary>
    public const string WatermarkKeyParameter = "wm_key";

    /// <summary>The first-day-of-period parameter of <c>cases.sql</c>.</summary>
    public const string PeriodFromParameter = "period_from";

    /// <summary>The last-day-of-period parameter of <c>cases.sql</c>.</summary>
    public const string PeriodToParameter = "period_to";

    /// <summary>The list parameter of <c>services.sql</c>.</summary>
    public const string CaseKeysParameter = "case_keys";

    /// <summary>The period an incremental pull passes: every date a clinic has.</summary>
    public static readonly DateOnly OpenPeriodFrom = new(1900, 1, 1);

    /// <inheritdoc cref="OpenPeriodFrom"/>
    public static readonly DateOnly OpenPeriodTo = new(2999, 12, 31);

    /// <summary>Keys bound per execution of <c>services.sql</c> (Firebird 3 allows 1 500 in an IN list, SQL Server
    /// 2 100 parameters); the last chunk is padded with its last key so the statement text never changes.</summary>
    internal const int KeysPerServicesQuery = 500;

    private const int CheckedRows = 200;

    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Engine { get; }

    /// <summary>A new, unopened connection of the engine.</summary>
    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Opens a connection; an engine may retry what it knows to be passing.</summary>
    protected virtual Task OpenConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.OpenAsync(cancellationToken);

    /// <summary>One Russian sentence saying why a connection failed and what to check (e.g. the host and port).</summary>
    protected virtual string DescribeConnectionFailure(Exception error, string connectionString) => error.Message;

    /// <inheritdoc />
    public async Task<ConnectionCheck> CheckAsync(SourceConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var mapping = Mapping.Resolve(connection, GetType().Assembly);
            await using var db = await OpenAsync(connection.ConnectionString, cancellationToken);
            var timeout = CommandTimeout(connection);
            var problems = new List<string>();

            int completed = 0, cancelled = 0;
            var keys = new List<object>();
            await using (var cmd = CasesCommand(db, mapping, Watermark.Start, OpenPeriodFrom, OpenPeriodTo, timeout))
            await using (var reader = await ExecuteAsync(cmd, mapping.CasesName, cancellationToken))
            {
                var layout = RowLayout.Bind(reader, mapping.CasesName, CanonicalColumns.Cases, problems);
                if (problems.Count > 0)
                {
                    return Unsuitable(mapping, problems);
                }

                CaseRow? last = null;
                while (await ReadAsync(reader, mapping.CasesName, cancellationToken))
                {
                    var row = CaseRow.Read(reader, layout, mapping.CasesName);
                    CheckOrder(mapping, last, row);
                    last = row;
                    if (completed + cancelled < CheckedRows)
                    {
                        row.ToSourceCase([], mapping.CasesName);
                    }

                    if (row.Cancelled)
                    {
                        cancelled++;
                    }
                    else
                    {
                        completed++;
                        if (keys.Count < KeysPerServicesQuery)
                        {
                            keys.Add(row.RawKey);
                        }
                    }
                }
            }

            var services = 0;
            await using (var cmd = ServicesCommand(db, mapping, timeout))
            {
                Bind(cmd, keys);
                await using var reader = await ExecuteAsync(cmd, mapping.ServicesName, cancellationToken);
                var layout = RowLayout.Bind(reader, mapping.ServicesName, CanonicalColumns.Services, problems);
                if (problems.Count > 0)
                {
                    return Unsuitable(mapping, problems);
                }

                while (await ReadAsync(reader, mapping.ServicesName, cancellationToken))
                {
                    ServiceRow.Read(reader, layout, mapping.ServicesName);
                    services++;
                }
            }

            if (completed > 0 && services == 0)
            {
                return ConnectionCheck.Failure(
                    $"Сопоставление «{mapping.Name}»: случаи есть ({completed}), а запрос {mapping.ServicesName} не вернул ни одной их услуги.",
                    $"Проверьте условие «IN (@{CaseKeysParameter})» и отбор услуг в {mapping.ServicesName}.");
            }

            return ConnectionCheck.Success(
                $"Подключение установлено. Сопоставление «{mapping.Name}»: {Count(completed, "случай", "случая", "случаев")} ОМС КТ/МРТ"
                + (cancelled > 0 ? $", {Count(cancelled, "отменённый", "отменённых", "отменённых")}." : "."));
        }
        catch (SqlMappingException ex)
        {
            return ConnectionCheck.Failure(ex.Message);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> PullAsync(
        PullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mapping = Mapping.Resolve(request.Connection, GetType().Assembly);
        var timeout = CommandTimeout(request.Connection);
        var start = request.IsPeriodPull ? Watermark.Start : Watermark.Parse(request.Watermark);

        // On the very first pull nothing was delivered yet, so a cancelled case has nothing to delete in the hub.
        var dropCancelled = !request.IsPeriodPull && string.IsNullOrWhiteSpace(request.Watermark);
        var (from, to) = request.IsPeriodPull
            ? (request.From!.Value.FirstDay, request.To!.Value.LastDay)
            : (OpenPeriodFrom, OpenPeriodTo);
        var batchSize = request.BatchSize > 0 ? request.BatchSize : 2000;

        await using var casesDb = await OpenAsync(request.Connection.ConnectionString, cancellationToken);
        await using var servicesDb = await OpenAsync(request.Connection.ConnectionString, cancellationToken);
        await using var servicesCmd = ServicesCommand(servicesDb, mapping, timeout);
        var services = new ServicesStatement(servicesCmd);
        await using var cmd = CasesCommand(casesDb, mapping, start, from, to, timeout);
        await using var reader = await ExecuteAsync(cmd, mapping.CasesName, cancellationToken);
        var problems = new List<string>();
        var layout = RowLayout.Bind(reader, mapping.CasesName, CanonicalColumns.Cases, problems);
        if (problems.Count > 0)
        {
            throw new SqlMappingException(string.Join(" ", problems));
        }

        var tracker = new WatermarkTracker(start);
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<CaseRow>(batchSize);
        var unreported = false;
        CaseRow? last = null;
        while (await ReadAsync(reader, mapping.CasesName, cancellationToken))
        {
            var row = CaseRow.Read(reader, layout, mapping.CasesName);
            CheckOrder(mapping, last, row);
            last = row;
            if (start.Covers(row.Stamp, row.RawKey, row.Key))
            {
                continue;
            }

            if (!delivered.Add(row.Key))
            {
                throw new SqlMappingException(
                    $"Запрос {mapping.CasesName} вернул случай {row.Key} дважды: проверьте соединения (JOIN) — на случай должна приходиться одна строка.");
            }

            tracker.Add(row.Stamp, row.RawKey, row.Key);
            unreported = true;
            if (row.Cancelled && dropCancelled)
            {
                continue;
            }

            pending.Add(row);
            if (pending.Count >= batchSize)
            {
                yield return await BatchAsync(pending, tracker, request, services, mapping, cancellationToken);
                pending.Clear();
                unreported = false;
            }
        }

        if (unreported)
        {
            yield return await BatchAsync(pending, tracker, request, services, mapping, cancellationToken);
        }
    }

    private static async Task<SourceBatch> BatchAsync(
        List<CaseRow> rows, WatermarkTracker tracker, PullRequest request, ServicesStatement servicesStatement, Mapping mapping,
        CancellationToken ct)
    {
        var services = await ReadServicesAsync(servicesStatement, mapping, rows.Where(r => !r.Cancelled).Select(r => r.RawKey).ToList(), ct);
        var cases = rows
            .Select(r => r.ToSourceCase(services.TryGetValue(r.Key, out var list) ? list : [], mapping.CasesName))
            .ToList();

        // A period pull does not move the incremental watermark: it hands back the one it was given.
        return new SourceBatch(cases, request.IsPeriodPull ? request.Watermark : tracker.Snapshot());
    }

    private static async Task<Dictionary<string, List<ServiceRow>>> ReadServicesAsync(
        ServicesStatement statement, Mapping mapping, List<object> keys, CancellationToken ct)
    {
        var cmd = statement.Command;
        var byCase = new Dictionary<string, List<ServiceRow>>(StringComparer.Ordinal);
        for (var offset = 0; offset < keys.Count; offset += KeysPerServicesQuery)
        {
            Bind(cmd, keys.GetRange(offset, Math.Min(KeysPerServicesQuery, keys.Count - offset)));
            await statement.PrepareOnceAsync(ct);
            await using var reader = await ExecuteAsync(cmd, mapping.ServicesName, ct);
            var problems = new List<string>();
            var layout = RowLayout.Bind(reader, mapping.ServicesName, CanonicalColumns.Services, problems);
            if (problems.Count > 0)
            {
                throw new SqlMappingException(string.Join(" ", problems));
            }

            while (await ReadAsync(reader, mapping.ServicesName, ct))
            {
                var row = ServiceRow.Read(reader, layout, mapping.ServicesName);
                if (!byCase.TryGetValue(row.CaseKey, out var list))
                {
                    byCase[row.CaseKey] = list = [];
                }

                if (!list.Any(s => s.Service.SourceKey == row.Service.SourceKey))
                {
                    list.Add(row);
                }
            }
        }

        foreach (var list in byCase.Values)
        {
            list.Sort(ServiceRow.Compare);
        }

        return byCase;
    }

    /// <summary>
    /// The watermark is the position of the last row, so rows must come in (stamp, key) order. Integer keys are
    /// checked here; text keys are ordered by the database's collation, which <c>case_key &gt; @wm_key</c> follows too.
    /// </summary>
    private static void CheckOrder(Mapping mapping, CaseRow? last, CaseRow row)
    {
        if (last is null)
        {
            return;
        }

        if (last.Stamp > row.Stamp
            || (last.Stamp == row.Stamp && last.IntegerKey is { } a && row.IntegerKey is { } b && a > b))
        {
            throw new SqlMappingException(
                $"Запрос {mapping.CasesName} должен возвращать случаи по возрастанию change_stamp и case_key (ORDER BY change_stamp, case_key); случай {row.Key} нарушает порядок.");
        }
    }

    private static ConnectionCheck Unsuitable(Mapping mapping, List<string> problems) =>
        ConnectionCheck.Failure($"Запросы сопоставления «{mapping.Name}» не подходят: {Count(problems.Count, "ошибка", "ошибки", "ошибок")}.", [.. problems]);

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        DbConnection db;
        try
        {
            db = CreateConnection(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SqlMappingException($"Строка подключения к базе МИС не разобрана: {ex.Message}", ex);
        }

        try
        {
            await OpenConnectionAsync(db, ct);
            return db;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await db.DisposeAsync();
            throw new SqlMappingException($"Нет подключения к базе МИС. {DescribeConnectionFailure(ex, connectionString)}", ex);
        }
    }

    private static DbCommand CasesCommand(DbConnection db, Mapping mapping, Watermark watermark, DateOnly from, DateOnly to, int timeout)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = mapping.CasesCommandText;
        cmd.CommandTimeout = timeout;
        AddIfUsed(cmd, WatermarkParameter, DbType.Int64, watermark.QueryStamp);
        AddIfUsed(cmd, WatermarkKeyParameter, watermark.QueryKey switch
        {
            long => DbType.Int64,
            Guid => DbType.Guid,
            string => DbType.String,
            _ => null, // NULL: untyped, so the database takes the type of case_key
        }, watermark.QueryKey ?? DBNull.Value);
        AddIfUsed(cmd, PeriodFromParameter, DbType.Date, from.ToDateTime(TimeOnly.MinValue));
        AddIfUsed(cmd, PeriodToParameter, DbType.Date, to.ToDateTime(TimeOnly.MinValue));
        return cmd;
    }

    private static void AddIfUsed(DbCommand cmd, string name, DbType? type, object value)
    {
        if (!Uses(cmd.CommandText, name))
        {
            return;
        }

        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        if (type is { } dbType)
        {
            p.DbType = dbType;
        }

        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static bool Uses(string sql, string name) =>
        Regex.IsMatch(sql, $"@{name}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static DbCommand ServicesCommand(DbConnection db, Mapping mapping, int timeout)
    {
        if (!Uses(mapping.ServicesCommandText, CaseKeysParameter))
        {
            throw new SqlMappingException(
                $"Запрос {mapping.ServicesName} должен отбирать услуги по ключам случаев: «WHERE … IN (@{CaseKeysParameter})».");
        }

        var list = string.Join(", ", Enumerable.Range(0, KeysPerServicesQuery).Select(i => $"@{CaseKeysParameter}_{i}"));
        var cmd = db.CreateCommand();
        cmd.CommandText = CaseKeysPattern().Replace(mapping.ServicesCommandText, list);
        cmd.CommandTimeout = timeout;
        for (var i = 0; i < KeysPerServicesQuery; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@{CaseKeysParameter}_{i}";
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <summary>Binds up to <see cref="KeysPerServicesQuery"/> keys, repeating the last one in the unused places
    /// (no keys: NULL, which matches nothing).</summary>
    private static void Bind(DbCommand cmd, List<object> keys)
    {
        for (var i = 0; i < cmd.Parameters.Count; i++)
        {
            cmd.Parameters[i].Value = keys.Count == 0 ? DBNull.Value : keys[Math.Min(i, keys.Count - 1)];
        }
    }

    private static async Task<DbDataReader> ExecuteAsync(DbCommand cmd, string query, CancellationToken ct)
    {
        try
        {
            return await cmd.ExecuteReaderAsync(ct);
        }
        catch (DbException ex)
        {
            throw new SqlMappingException($"Запрос {query} не выполнился: {ex.Message}", ex);
        }
    }

    private static async Task<bool> ReadAsync(DbDataReader reader, string query, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(ct);
        }
        catch (DbException ex)
        {
            throw new SqlMappingException($"Чтение результата запроса {query} прервалось: {ex.Message}", ex);
        }
    }

    private static int CommandTimeout(SourceConnection connection) =>
        int.TryParse(connection.Setting(Mapping.Settings.CommandTimeout), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : 600;

    /// <summary>"1 случай", "3 случая", "12 случаев", with the number grouped the Russian way.</summary>
    internal static string Count(int n, string one, string few, string many)
    {
        var word = (n % 100) is >= 11 and <= 14 ? many : (n % 10) switch { 1 => one, >= 2 and <= 4 => few, _ => many };
        return $"{n.ToString("N0", CultureInfo.GetCultureInfo("ru-RU"))} {word}";
    }

    /// <summary>The services statement of a pull, prepared before its first run.</summary>
    private sealed class ServicesStatement(DbCommand command)
    {
        private bool _prepared;

        public DbCommand Command => command;

        /// <summary>
        /// The statement runs once per <see cref="KeysPerServicesQuery"/> cases with the same text, and an
        /// unprepared one with 500 parameters is planned again on every run. A provider that cannot prepare it
        /// (SqlClient wants sizes for text keys) runs it unprepared: only slower.
        /// </summary>
        public async Task PrepareOnceAsync(CancellationToken ct)
        {
            if (_prepared)
            {
                return;
            }

            _prepared = true;
            try
            {
                await command.PrepareAsync(ct);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or NotSupportedException)
            {
                // Unprepared is only slower.
            }
        }
    }

    [GeneratedRegex($"@{CaseKeysParameter}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseKeysPattern();
}
