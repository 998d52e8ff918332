using System.CommandLine;

namespace Omslite.Hub.Cli;

/// <summary><c>db migrate</c> (and, with the deployment issue, <c>db backup</c> / <c>db restore</c>).</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Working database: migrate (backup and restore: not implemented yet)");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(PendingCommands.Pending("backup", "Back up the working database to a file", "deployment"));
        db.Subcommands.Add(PendingCommands.Pending("restore", "Restore the working database from a backup", "deployment"));
        return db;
    }

    private static Command Migrate()
    {
        var json = HubCommands.JsonOption();
        var command = new Command("migrate", "Apply the schema migrations the working database has not seen (a no-op when up to date)") { json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                await using var session = await CliSession.OpenAsync(token);
                return await session.MigrateAsync(token);
            },
            outcome => outcome.Applied.Count == 0
                ? $"Schema is up to date (version {outcome.SchemaVersion})"
                : $"Applied {string.Join(", ", outcome.Applied)}; schema version {outcome.SchemaVersion}",
            ct));
        return command;
    }
}
