using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using Omslite.MisConnectors.SqlMapping;
using Omslite.MisConnectors.SqlMapping.Sample;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlPostgres;

/// <summary>
/// The <c>sql-postgresql</c> connector: a clinic MIS on PostgreSQL, read through a SQL mapping (see README.md).
/// Also builds the sample clinic MIS database on a PostgreSQL server.
/// </summary>
public sealed class PostgresConnector : SqlMappingConnector, ISampleSourceBuilder
{
    /// <inheritdoc />
    public override string Id => "sql-postgresql";

    /// <inheritdoc />
    public override string Name => "SQL-сопоставление, PostgreSQL";

    /// <inheritdoc />
    public override string Engine => "postgresql";

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <inheritdoc />
    protected override string DescribeConnectionFailure(Exception error, string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{cs.Host}:{cs.Port}";
        return error switch
        {
            PostgresException { SqlState: "3D000" } => $"На сервере PostgreSQL {where} нет базы данных «{cs.Database}».",
            PostgresException { SqlState: "28P01" or "28000" } pe =>
                $"Сервер PostgreSQL {where} не принял пользователя «{cs.Username}»: {pe.MessageText}",
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } ne =>
                $"Сервер PostgreSQL {where} не отвечает ({ne.InnerException!.Message}). Проверьте адрес, порт и что сервер запущен.",
            _ => $"PostgreSQL {where}: {error.Message}",
        };
    }

    /// <summary>
    /// Creates (dropping an earlier one) the database <see cref="SampleClinicPlan.DatabaseName"/> on the server of
    /// <see cref="SampleSourceRequest.Location"/> (a connection string to any database there) and fills it with
    /// binary COPY.
    /// </summary>
    public async Task<SourceConnection> BuildSampleAsync(SampleSourceRequest request, CancellationToken cancellationToken)
    {
        var plan = new SampleClinicPlan(request);
        var name = plan.DatabaseName;
        var server = new NpgsqlConnectionStringBuilder(request.Location);
        if (string.IsNullOrEmpty(server.Database))
        {
            server.Database = "postgres";
        }

        var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        await using (var stale = new NpgsqlConnection(target))
        {
            NpgsqlConnection.ClearPool(stale);
        }

        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await ExecuteAsync(admin, $"drop database if exists \"{name}\" with (force)", cancellationToken);
            await ExecuteAsync(admin, $"create database \"{name}\" encoding 'UTF8' template template0", cancellationToken);
        }

        await using var db = new NpgsqlConnection(target);
        await db.OpenAsync(cancellationToken);
        return await plan.FillAsync(GetType().Assembly, target,
            script => ExecuteAsync(db, script, cancellationToken), table => CopyAsync(db, table, cancellationToken));
    }

    private static async Task CopyAsync(NpgsqlConnection db, SampleTable table, CancellationToken ct)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        await using var copy = await db.BeginBinaryImportAsync($"copy {table.Name} ({columns}) from stdin (format binary)", ct);
        var types = table.Columns.Select(c => TypeOf(c.Type)).ToArray();
        foreach (var row in table.Rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is { } value)
                {
                    await copy.WriteAsync(value, types[i], ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static NpgsqlDbType TypeOf(Type type) =>
        type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(short) ? NpgsqlDbType.Smallint
        : type == typeof(DateOnly) ? NpgsqlDbType.Date
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : NpgsqlDbType.Text;

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
