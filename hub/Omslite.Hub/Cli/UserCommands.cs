using System.CommandLine;
using Omslite.Hub.Security;

namespace Omslite.Hub.Cli;

/// <summary><c>user add</c>, <c>user passwd</c>, <c>user list</c>: how an admin creates the first admin.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var user = new Command("user", "Manage users: add, passwd, list");
        user.Subcommands.Add(Add());
        user.Subcommands.Add(Passwd());
        user.Subcommands.Add(List());
        return user;
    }

    private static Command Add()
    {
        var login = new Option<string>("--login") { Description = "Login name", Required = true };
        var role = new Option<string>("--role") { Description = "admin, operator or viewer", Required = true };
        var mo = new Option<string[]>("--mo") { Description = "MO code the user works in (repeat for several; default: the only MO)", AllowMultipleArgumentsPerToken = false };
        var stdin = PasswordStdinOption();
        var json = HubCommands.JsonOption();
        var command = new Command("add", "Add a user (the password is read from stdin)") { login, role, mo, stdin, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var password = ReadPassword(parse.GetValue(stdin));
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                var accounts = new UserAccounts(session.DataSource);
                var id = await accounts.AddAsync("cli", parse.GetValue(login)!, parse.GetValue(role)!, password, parse.GetValue(mo) ?? [], token);
                return (await accounts.ListAsync(token)).Single(u => u.Id == id);
            },
            added => $"Пользователь {added.Login} ({added.Role}) добавлен; МО: {(added.Mos.Count == 0 ? "нет" : string.Join(", ", added.Mos))}",
            ct));
        return command;
    }

    private static Command Passwd()
    {
        var login = new Option<string>("--login") { Description = "Login name", Required = true };
        var stdin = PasswordStdinOption();
        var json = HubCommands.JsonOption();
        var command = new Command("passwd", "Set a user's password (read from stdin)") { login, stdin, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var password = ReadPassword(parse.GetValue(stdin));
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                await new UserAccounts(session.DataSource).SetPasswordAsync(parse.GetValue(login)!, password, token);
                return new { login = parse.GetValue(login), changed = true };
            },
            r => $"Пароль пользователя {r.login} изменён",
            ct));
        return command;
    }

    private static Command List()
    {
        var json = HubCommands.JsonOption();
        var command = new Command("list", "List users with their roles and MOs") { json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                return new { users = await new UserAccounts(session.DataSource).ListAsync(token) };
            },
            r => r.users.Count == 0
                ? "Пользователей нет"
                : string.Join(Environment.NewLine, r.users.Select(u =>
                    $"{u.Login,-20} {u.Role,-9} {(u.Active ? "активен" : "отключён"),-9} {string.Join(",", u.Mos)}")),
            ct));
        return command;
    }

    private static Option<bool> PasswordStdinOption() =>
        new("--password-stdin") { Description = "Read the password from the first line of stdin (never from the command line)" };

    private static string ReadPassword(bool fromStdin)
    {
        if (!fromStdin)
        {
            throw new ArgumentException("Пароль передаётся только через stdin: добавьте --password-stdin");
        }

        return Console.In.ReadLine()?.TrimEnd('\r', '\n') ?? "";
    }
}
