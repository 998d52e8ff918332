using Dapper;
using Npgsql;
using Omslite.Hub.Security;

namespace Omslite.Hub.Demo;

/// <summary>The demo operator of the demo MO, so that `./omslite run` can be tried at once.</summary>
public sealed class DemoUser(NpgsqlDataSource database)
{
    public const string Login = "demo";
    public const string Password = "demo-omslite";

    public async Task EnsureAsync(string moCode, CancellationToken ct)
    {
        await using (var conn = await database.OpenConnectionAsync(ct))
        {
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists(select 1 from app_user where lower(login) = @Login)", new { Login }, cancellationToken: ct)))
            {
                return;
            }
        }

        await new UserAccounts(database).AddAsync("system", Login, Roles.Operator, Password, [moCode], ct);
    }
}
