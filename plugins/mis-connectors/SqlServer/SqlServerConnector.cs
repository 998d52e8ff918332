using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Omslite.MisConnectors.SqlMapping;
using Omslite.MisConnectors.SqlMapping.Sample;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlServer;

/// <summary>
/// The <c>sql-sqlserver</c> connector: a clinic MIS on Microsoft SQL Server, read through a SQL mapping (see
/// README.md). Also builds the sample clinic MIS database on a SQL Server.
/// </summary>
public sealed class SqlServerConnector : SqlMappingConnector, ISampleSourceBuilder
{
    private const int BulkRows = 20_000;

    /// <inheritdoc />
    public override string Id => "sql-sqlserver";

    /// <inheritdoc />
    public override string Name => "SQL-сопоставление, SQL Server";

    /// <inheritdoc />
    public override string Engine => "sqlserver";

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    /// <inheritdoc />
    protected override string DescribeConnectionFailure(Exception error, string connectionString)
    {
        var cs = new SqlConnectionStringBuilder(connectionString);
        var where = cs.DataSource;
        return error switch
        {
            SqlException { Number: 18456 } => $"SQL Server {where} не принял пользователя «{cs.UserID}» (ошибка входа 18456).",
            SqlException { Number: 4060 } => $"На SQL Server {where} нет базы данных «{cs.InitialCatalog}» или к ней нет доступа.",
            SqlException se when se.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase) =>
                $"SQL Server {where}: сертификат сервера не принят ({se.Message}). Для своего сервера добавьте TrustServerCertificate=True.",
            SqlException se when se.Number is -2 or -1 or 0 or 2 or 26 or 35 or 40 or 53 or 258 or 10054 or 10060 or 10061 or 11001
                                 || se.Message.Contains("network-related", StringComparison.OrdinalIgnoreCase) =>
                $"SQL Server {where} не отвечает ({se.Message}). Проверьте адрес, порт, что сервер запущен и принимает TCP-подключения.",
            _ => $"SQL Server {where}: {error.Message}",
        };
    }

    /// <summary>
    /// Creates (dropping an earlier one) the database <see cref="SampleClinicPlan.DatabaseName"/> on the server of
    /// <see cref="SampleSourceRequest.Location"/> (a connection string to any database there) and fills it with
    /// SqlBulkCopy.
    /// </summary>
    public async Task<SourceConnection> BuildSampleAsync(SampleSourceRequest request, CancellationToken cancellationToken)
    {
        var plan = new SampleClinicPlan(request);
        var name = plan.DatabaseName;
        var server = new SqlConnectionStringBuilder(request.Location) { InitialCatalog = "master" };
        var target = new SqlConnectionStringBuilder(request.Location) { InitialCatalog = name }.ConnectionString;
        await using (var stale = new SqlConnection(target))
        {
            SqlConnection.ClearPool(stale);
        }

        await using (var admin = new SqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await ExecuteAsync(admin,
                $"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END",
                cancellationToken);
            await ExecuteAsync(admin, $"CREATE DATABASE [{name}]", cancellationToken);
            await ExecuteAsync(admin, $"ALTER DATABASE [{name}] SET RECOVERY SIMPLE", cancellationToken);
        }

        await using var db = new SqlConnection(target);
        await db.OpenAsync(cancellationToken);
        return await plan.FillAsync(GetType().Assembly, target,
            script => ExecuteAsync(db, script, cancellationToken), table => BulkCopyAsync(db, table, cancellationToken));
    }

    private static async Task BulkCopyAsync(SqlConnection db, SampleTable table, CancellationToken ct)
    {
        using var data = new DataTable(table.Name);
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, column.Type == typeof(DateOnly) ? typeof(DateTime) : column.Type);
        }

        using var bulk = new SqlBulkCopy(db, SqlBulkCopyOptions.TableLock, null)
        {
            DestinationTableName = "dbo." + table.Name,
            BulkCopyTimeout = 600,
        };
        foreach (var column in table.Columns)
        {
            bulk.ColumnMappings.Add(column.Name, column.Name);
        }

        foreach (var row in table.Rows)
        {
            data.Rows.Add(row.Select(v => v switch
            {
                null => DBNull.Value,
                DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                _ => v,
            }).ToArray());
            if (data.Rows.Count >= BulkRows)
            {
                await bulk.WriteToServerAsync(data, ct);
                data.Clear();
            }
        }

        await bulk.WriteToServerAsync(data, ct);
    }

    private static async Task ExecuteAsync(SqlConnection db, string sql, CancellationToken ct)
    {
        await using var cmd = new SqlCommand(sql, db) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
