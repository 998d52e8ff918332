using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.Registry;
using Omslite.Hub.Signing;
using Omslite.Hub.Sync;

namespace Omslite.Hub.Cli;

/// <summary>
/// The registry pack on the command line, recorded in the pack history like a run from the UI (issue #6 fixes the
/// names and the JSON):
/// <list type="bullet">
/// <item><c>pack check --month YYYY-MM [--fresh] [--mo CODE] [--json]</c> →
/// <c>{"records","errors","problems":[{"visit","number","card","message"}]}</c>: the visits that would go into the pack
/// and the excluded ones with their problems;</item>
/// <item><c>pack build --month YYYY-MM [--number N] [--mark-sent] [--fresh] [--sign] [--limit N] [--mo CODE] [--out DIR] [--json]</c>
/// → <c>{"zip","records","persons","errors"}</c>: the zip's path (in DIR when given, else in the pack store).</item>
/// </list>
/// Exit code 0 when the run completed (visits with problems are excluded and listed), 1 when it could not run.
/// </summary>
internal static class PackCommand
{
    /// <summary>The JSON summary of <c>pack check</c>.</summary>
    internal sealed record CheckSummary(int Records, int Errors, IReadOnlyList<SummaryProblem> Problems);

    /// <summary>The JSON summary of <c>pack build</c>.</summary>
    internal sealed record BuildSummary(string? Zip, int Records, int Persons, int Errors);

    /// <summary>One excluded visit in the JSON summary.</summary>
    internal sealed record SummaryProblem(long Visit, int Number, string Card, string Message);

    public static Command Create() => new("pack", "Check the visits of a month and build its registry pack") { Check(), Build() };

    private static Option<string> MonthOption() => new("--month") { Description = "The report month, YYYY-MM", Required = true };

    private static Option<bool> FreshOption() => new("--fresh") { Description = "Only visits not sent yet (status 1)" };

    private static Option<string?> MoOption() => new("--mo") { Description = "The MO's 6-digit code (default: the only MO)" };

    private static Command Check()
    {
        var (month, fresh, mo, json) = (MonthOption(), FreshOption(), MoOption(), HubCommands.JsonOption());
        var command = new Command("check", "Check the visits of a month the way a pack would, without writing files") { month, fresh, mo, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var request = new PackOptions(ReportMonth.Parse(parse.GetValue(month)!), 1, MarkSent: false, parse.GetValue(fresh), CheckOnly: true);
                var outcome = await RunAsync(parse.GetValue(mo), request, token);
                return (Outcome: outcome, Summary: new CheckSummary(outcome.Records, outcome.Excluded, Problems(outcome)));
            },
            result => Describe(result.Outcome, null),
            ct,
            result => result.Summary));
        return command;
    }

    private static Command Build()
    {
        var (month, fresh, mo, json) = (MonthOption(), FreshOption(), MoOption(), HubCommands.JsonOption());
        var number = new Option<int>("--number") { Description = "The pack number, 1-9", DefaultValueFactory = _ => 1 };
        var markSent = new Option<bool>("--mark-sent") { Description = "Mark every visit of the pack sent (status 2)" };
        var sign = new Option<bool>("--sign") { Description = "Sign each file of the pack with the MO's GOST key (detached CMS, .sig)" };
        var limit = new Option<int>("--limit") { Description = "Stop after N visits passed (0 = all)" };
        var output = new Option<string?>("--out") { Description = "Copy the zip into this directory" };
        var command = new Command("build", "Build the registry pack of a month: check, write, validate, zip")
        {
            month, number, markSent, fresh, sign, limit, mo, output, json,
        };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var request = new PackOptions(ReportMonth.Parse(parse.GetValue(month)!), parse.GetValue(number), parse.GetValue(markSent),
                    parse.GetValue(fresh), CheckOnly: false, parse.GetValue(limit), parse.GetValue(sign));
                var outcome = await RunAsync(parse.GetValue(mo), request, token);
                var zip = CopyOut(outcome, parse.GetValue(output));
                return (Outcome: outcome, Summary: new BuildSummary(zip, outcome.Records, outcome.Persons, outcome.Excluded));
            },
            result => Describe(result.Outcome, result.Summary.Zip),
            ct,
            result => result.Summary));
        return command;
    }

    private static async Task<PackOutcome> RunAsync(string? moCode, PackOptions request, CancellationToken ct)
    {
        await using var session = await CliSession.OpenAsync(ct);
        await session.MigrateAsync(ct);
        var options = OmsliteOptions.From(session.Configuration);
        int moId;
        await using (var conn = await session.DataSource.OpenConnectionAsync(ct))
        {
            moId = (await TargetMo.ResolveAsync(conn, moCode, ct)).Id;
        }

        var plugins = PluginCatalog.Load(options.ResolvedPluginsDir, NullLogger<PluginCatalog>.Instance);
        var signers = SigningServices.ForCli(session.DataSource, options).Signers;
        var service = new PackService(session.DataSource, plugins, signers, options, TimeProvider.System, session.Logger<PackService>());
        return await service.RunAsync(moId, "cli", request, ct);
    }

    /// <summary>The zip's path: a copy in <paramref name="folder"/> when given, else the pack store's file; null when
    /// no zip was written (no visit passed).</summary>
    private static string? CopyOut(PackOutcome outcome, string? folder)
    {
        if (outcome.StoredPath is null || string.IsNullOrWhiteSpace(folder))
        {
            return outcome.StoredPath;
        }

        Directory.CreateDirectory(folder);
        var file = Path.GetFullPath(Path.Combine(folder, outcome.File!));
        File.Copy(outcome.StoredPath, file, overwrite: true);
        return file;
    }

    private static List<SummaryProblem> Problems(PackOutcome outcome) =>
        outcome.Problems.Select(p => new SummaryProblem(p.VisitId, p.Number, p.CardNumber, p.Message)).ToList();

    /// <summary>The task message, then the errors list of the original (one <c>N-message</c> line per excluded visit),
    /// then where the zip is.</summary>
    private static string Describe(PackOutcome outcome, string? zip)
    {
        var text = new StringBuilder(outcome.Message);
        foreach (var problem in outcome.Problems)
        {
            text.Append('\n').Append(problem.Number).Append('-').Append(problem.Message);
        }

        if (zip is not null)
        {
            text.Append("\nПакет: ").Append(zip);
        }

        return text.ToString();
    }
}
