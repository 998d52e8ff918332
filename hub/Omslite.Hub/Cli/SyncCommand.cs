using System.CommandLine;
using System.Text.Json;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;

namespace Omslite.Hub.Cli;

/// <summary>
/// <c>sync --source NAME [--from YYYY-MM --to YYYY-MM] [--json]</c>: one sync of one source, in this process. Prints
/// the counts; with --json exactly <c>{"source","status","read","new","updated","unchanged","conflicts","skipped","failed"}</c>.
/// Exit code 0 when the run succeeded, 1 when it failed or some cases could not be taken.
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "The source's name", Required = true };
        var from = new Option<string?>("--from") { Description = "First report month, YYYY-MM (with --to: a full pull of the period)" };
        var to = new Option<string?>("--to") { Description = "Last report month, YYYY-MM" };
        var json = HubCommands.JsonOption();
        var command = new Command("sync", "Pull cases from an MIS source into the working database") { source, from, to, json };
        command.SetAction(async (parse, ct) =>
        {
            SyncRunResult result;
            try
            {
                var (first, last) = ReportMonth.Period(parse.GetValue(from), parse.GetValue(to));
                await using var session = await CliSession.OpenAsync(ct);
                await session.MigrateAsync(ct);
                var options = OmsliteOptions.From(session.Configuration);
                var plugins = PluginCatalog.Load(options.ResolvedPluginsDir, session.Logger<PluginCatalog>());
                var sources = new SourceStore(session.DataSource, SecretProtector.Create(options));
                await new SourceConfigurationSeeder(session.DataSource, sources, session.Logger<SourceConfigurationSeeder>()).ApplyAsync(options, ct);
                var name = parse.GetValue(source)!;
                var found = await sources.FindByNameAsync(name, ct) ?? throw new InvalidOperationException($"Источник «{name}» не найден");
                var engine = new SyncEngine(session.DataSource, sources, plugins, new ReferenceBookMerger(), session.Logger<SyncEngine>());
                result = await engine.RunAsync(new SyncRequest(found.Id, "cli", "cli", first, last), ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or Npgsql.NpgsqlException or IOException)
            {
                await Console.Error.WriteLineAsync($"ошибка: {ex.Message.ReplaceLineEndings(" ")}");
                return CliOperation.Failed;
            }

            await Console.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new
                {
                    source = result.Source, status = result.Status, read = result.Read, @new = result.New, updated = result.Updated,
                    unchanged = result.Unchanged, conflicts = result.Conflicts, skipped = result.Skipped, failed = result.Failed,
                }, CliOperation.Json)
                : $"{result.Source}: {result.Status}; прочитано {result.Read}, новых {result.New}, обновлено {result.Updated}, без изменений {result.Unchanged}, конфликтов {result.Conflicts}, пропущено {result.Skipped}, с ошибкой {result.Failed}");
            if (result.Error is not null)
            {
                await Console.Error.WriteLineAsync($"ошибка: {result.Error.ReplaceLineEndings(" ")}");
            }

            return result.Status == SyncRunResult.Succeeded ? 0 : CliOperation.Failed;
        });
        return command;
    }
}
