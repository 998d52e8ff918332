using Omslite.MisConnectors.SqlServer;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Tests;

/// <summary>What the SQL Server connector can show without a SQL Server: its answer for a server that is not there.</summary>
public sealed class SqlServerWithoutServerTests
{
    [Fact]
    public async Task Check_of_an_unreachable_sql_server_names_the_server_and_what_to_check()
    {
        var source = new SourceConnection("Server=tcp:127.0.0.1,1;Database=Clinic;User ID=reader;Password=x;Connect Timeout=5;TrustServerCertificate=True",
            new Dictionary<string, string>());

        var check = await new SqlServerConnector().CheckAsync(source, default);

        Assert.False(check.Ok);
        Assert.StartsWith("Нет подключения к базе МИС. SQL Server tcp:127.0.0.1,1 не отвечает", check.Message);
    }
}
