using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>
/// Streams the cases of a legacy database in batches: one read-only REPEATABLE READ transaction, one cursor over
/// <see cref="CaseQuery"/>, a watermark after each batch that covers exactly the cases up to it (see README.md,
/// "Incremental pulls").
/// </summary>
internal static class CasePuller
{
    private const string Cursor = "omslite_legacy_cases";

    public static async IAsyncEnumerable<SourceBatch> PullAsync(
        PullRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var source = request.Connection;
        var batchSize = Math.Max(1, request.BatchSize);
        var isPeriod = request.From is not null || request.To is not null;
        var start = isPeriod ? Watermark.Start : Watermark.Parse(request.Watermark);
        var mode = isPeriod ? PullMode.Period : start.FirstPull ? PullMode.First : PullMode.Incremental;

        await using var connection = await LegacyDatabase.OpenAsync(source, ct);
        var (schema, plan, prefix, transaction) = await Guard(connection, () => BeginAsync(connection, source, request, start, mode, ct));
        await using var tx = transaction;
        var years = CaseQuery.Years(schema, plan);
        if (years.Count == 0)
        {
            yield break;
        }

        await Guard(connection, () => ExecuteAsync(connection, tx, $"declare {Cursor} no scroll cursor for\n{CaseQuery.Keys(schema, plan, years)}", ct));
        var mapper = new CaseMapper(prefix);
        var changes = start.Changes;
        var scanned = start.ServiceScan?.Last;
        var lastWatermark = request.Watermark;
        var done = false;
        while (!done)
        {
            var keys = await Guard(connection, () => FetchKeysAsync(connection, tx, batchSize, ct));
            done = keys.Count < batchSize;
            foreach (var key in keys)
            {
                if (key.Phase == 0)
                {
                    changes = key.Position;
                }
                else
                {
                    scanned = new VisitPosition(key.Position.Yy, key.Position.TalNum);
                }
            }

            var cases = keys.Count == 0 ? [] : await Guard(connection, () => DetailsAsync(connection, tx, schema, mapper, keys, ct));
            var watermark = mode == PullMode.Period ? request.Watermark
                : done ? new Watermark(changes, plan.ServiceTarget, null).ToString()
                : new Watermark(changes, start.Services,
                    scanned is { } last ? new Watermark.NewServicesScan(last, plan.ServiceTarget) : null,
                    mode == PullMode.First).ToString();
            if (cases.Count > 0 || watermark != lastWatermark)
            {
                yield return new SourceBatch(cases, watermark);
                lastWatermark = watermark;
            }
        }

        await Guard(connection, async () =>
        {
            await tx.CommitAsync(ct);
            return true;
        });
    }

    private static async Task<(LegacySchema, PullPlan, string?, NpgsqlTransaction)> BeginAsync(
        NpgsqlConnection connection, SourceConnection source, PullRequest request, Watermark start, PullMode mode,
        CancellationToken ct)
    {
        var schema = await LegacySchema.LoadAsync(connection, LegacyDatabase.SchemaName(source), ct);
        schema.EnsureReadable(connection.Database);

        // Before the snapshot: a transaction open now may still commit rows stamped from its start on.
        var (horizon, writersOpen) = await HorizonAsync(connection, ct);
        var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await ExecuteAsync(connection, tx, "set transaction read only", ct);
        var prefix = source.Setting(LegacyDatabase.MoCodePrefixSetting) ?? await RegionPrefixAsync(connection, tx, schema, ct);

        // Service rows are numbered when inserted, not when committed: while another transaction is open, a row with a
        // lower id may still appear, so the covered ids advance only when nobody else is writing.
        IReadOnlyDictionary<int, long> target = mode == PullMode.Period ? new Dictionary<int, long>()
            : start.ServiceScan?.Target ?? (writersOpen ? start.Services : await MaxServiceIdsAsync(connection, tx, schema, ct));
        return (schema, new PullPlan(mode, request.From, request.To, start, horizon, target), prefix, tx);
    }

    /// <summary>
    /// The horizon of this pull: now, or the start of the oldest transaction still open in the database (a row it
    /// writes gets a <c>modified</c> stamp from its start on); and whether such a transaction exists.
    /// </summary>
    private static async Task<(DateTime Horizon, bool WritersOpen)> HorizonAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        const string sql = """
            select least(clock_timestamp(), min(xact_start))::timestamp, count(xact_start) > 0
              from pg_stat_activity
             where datname = current_database() and backend_type = 'client backend'
               and pid <> pg_backend_pid() and xact_start is not null
            """;
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetDateTime(0), r.GetBoolean(1));
    }

    private static async Task<Dictionary<int, long>> MaxServiceIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, LegacySchema schema, CancellationToken ct)
    {
        var result = new Dictionary<int, long>();
        if (schema.Years.Count == 0)
        {
            return result;
        }

        var sql = string.Join("\nunion all\n", schema.Years.Select(y =>
            string.Create(CultureInfo.InvariantCulture, $"select {y.Yy}, coalesce(max(id), 0)::bigint from {schema.Table(y.Services)}")));
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result[r.GetInt32(0)] = r.GetInt64(1);
        }

        return result;
    }

    /// <summary>The first three digits most of <c>mo_local</c>'s codes share (e.g. <c>250</c>), or null.</summary>
    public static async Task<string?> RegionPrefixAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, LegacySchema schema, CancellationToken ct)
    {
        var sql = $"""
            select left(lpad(code::text, 6, '0'), 3) from {schema.Table("mo_local")}
             where code is not null group by 1 order by count(*) desc, 1 limit 1
            """;
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<List<KeyRow>> FetchKeysAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int count, CancellationToken ct)
    {
        var keys = new List<KeyRow>(Math.Min(count, 10_000));
        await using var cmd = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"fetch forward {count} from {Cursor}"), connection, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            keys.Add(new KeyRow(new ChangePosition(r.GetDateTime(2), r.GetInt32(0), r.GetInt32(1)), r.GetInt32(3)));
        }

        return keys;
    }

    /// <summary>The cases of a batch of keys, in the keys' order.</summary>
    private static async Task<List<SourceCase>> DetailsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, LegacySchema schema, CaseMapper mapper, List<KeyRow> keys,
        CancellationToken ct)
    {
        var byYear = keys.GroupBy(k => k.Position.Yy).ToDictionary(g => g.Key, g => g.Select(k => k.Position.TalNum).ToArray());
        var years = schema.Years.Where(y => byYear.ContainsKey(y.Yy)).ToList();
        await using var cmd = new NpgsqlCommand(CaseQuery.Details(schema, years), connection, tx);
        foreach (var year in years)
        {
            cmd.Parameters.AddWithValue(CaseQuery.NumbersParameter(year), byYear[year.Yy]);
        }

        var cases = new Dictionary<string, SourceCase>(keys.Count);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var c = mapper.Map(r);
                cases[c.SourceKey] = c;
            }
        }

        return keys.Select(k => cases.GetValueOrDefault(CaseMapper.VisitKey(k.Position.Yy, k.Position.TalNum)))
            .OfType<SourceCase>()
            .ToList();
    }

    private static async Task<bool> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>Runs a database step; a database error becomes a Russian message saying what to fix.</summary>
    public static async Task<T> Guard<T>(NpgsqlConnection connection, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            throw new LegacySourceException(
                LegacyDatabase.Describe(ex, new NpgsqlConnectionStringBuilder(connection.ConnectionString)), ex);
        }
    }

    /// <summary>A visit's place in the pull: its position and whether it changed (0) or got new service rows (1).</summary>
    private readonly record struct KeyRow(ChangePosition Position, int Phase);
}
