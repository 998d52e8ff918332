using System.CommandLine;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Cli;

/// <summary><c>db migrate</c>, <c>db backup --out FILE</c>, <c>db restore FILE</c> (docs/backup.md).</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Working database: migrate, backup, restore");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(Backup());
        db.Subcommands.Add(Restore());
        return db;
    }

    private static Command Backup()
    {
        var output = new Option<string>("--out") { Description = "The backup file to write (pg_dump custom format)", Required = true };
        var json = HubCommands.JsonOption();
        var command = new Command("backup", "Back up the working database (embedded or external) to a file with pg_dump -Fc") { output, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                await using var session = await CliSession.OpenAsync(token);
                return await DatabaseBackup.BackupAsync(session.ConnectionString, parse.GetValue(output)!, token);
            },
            backup => $"Backed up database {backup.Database} (schema version {backup.SchemaVersion}) to {backup.File}, {backup.Bytes} bytes",
            ct,
            backup => new { file = backup.File, bytes = backup.Bytes, database = backup.Database, schemaVersion = backup.SchemaVersion }));
        return command;
    }

    private static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A backup made by db backup (pg_dump -Fc)" };
        var json = HubCommands.JsonOption();
        var command = new Command("restore", "Replace the working database's data with a backup (stop the hubs first; pg_restore --clean --if-exists, one transaction)") { file, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                await using var session = await CliSession.OpenAsync(token);
                return await DatabaseBackup.RestoreAsync(session.ConnectionString, parse.GetValue(file)!, token);
            },
            restore => $"Restored database {restore.Database} from {restore.File}; schema version {restore.SchemaVersion}" +
                (restore.Dropped.Count > 0 ? $" (the next start migrates it again; dropped newer tables: {string.Join(", ", restore.Dropped)})" : ""),
            ct,
            restore => new { file = restore.File, database = restore.Database, schemaVersion = restore.SchemaVersion, dropped = restore.Dropped }));
        return command;
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
