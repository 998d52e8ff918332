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
/// <c>pack --month YYYY-MM [--number N] [--mark-sent] [--fresh] [--check-only] [--sign] [--limit N] [--mo CODE] [--out DIR] [--json]</c>:
/// checks the visits of a report month and builds the registry pack with the MO's region-format plugin, recorded in
/// the pack history like a pack built in the UI; <c>--sign</c> signs each file with the MO's key (<c>signing-key set</c>). With --json exactly
/// <c>{"file","month","number","visits","persons","excluded","markedSent","problems":[{"visit","number","card","message"}]}</c>.
/// Exit code 0 when the run completed (visits with problems are excluded and listed), 1 when it could not run.
/// </summary>
internal static class PackCommand
{
    /// <summary>The JSON summary of a run.</summary>
    internal sealed record Summary(
        string File, string Month, int Number, int Visits, int Persons, int Excluded, int MarkedSent, IReadOnlyList<SummaryProblem> Problems);

    /// <summary>One excluded visit in the JSON summary.</summary>
    internal sealed record SummaryProblem(long Visit, int Number, string Card, string Message);

    public static Command Create()
    {
        var month = new Option<string>("--month") { Description = "The report month, YYYY-MM", Required = true };
        var number = new Option<int>("--number") { Description = "The pack number, 1-9", DefaultValueFactory = _ => 1 };
        var markSent = new Option<bool>("--mark-sent") { Description = "Mark every visit of the pack sent (status 2)" };
        var fresh = new Option<bool>("--fresh") { Description = "Only visits not sent yet (status 1)" };
        var checkOnly = new Option<bool>("--check-only") { Description = "Check only: list the problems, build no zip" };
        var sign = new Option<bool>("--sign") { Description = "Sign each file of the pack with the MO's GOST key (detached CMS, .sig)" };
        var limit = new Option<int>("--limit") { Description = "Stop after N visits passed (0 = all)" };
        var mo = new Option<string?>("--mo") { Description = "The MO's 6-digit code (default: the only MO)" };
        var output = new Option<string?>("--out") { Description = "Also copy the zip into this directory" };
        var json = HubCommands.JsonOption();
        var command = new Command("pack", "Check visits and build the registry pack of a month")
        {
            month, number, markSent, fresh, checkOnly, sign, limit, mo, output, json,
        };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var request = new PackOptions(ReportMonth.Parse(parse.GetValue(month)!), parse.GetValue(number), parse.GetValue(markSent),
                    parse.GetValue(fresh), parse.GetValue(checkOnly), parse.GetValue(limit), parse.GetValue(sign));
                var outDir = parse.GetValue(output);
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                var options = OmsliteOptions.From(session.Configuration);
                int moId;
                await using (var conn = await session.DataSource.OpenConnectionAsync(token))
                {
                    moId = (await TargetMo.ResolveAsync(conn, parse.GetValue(mo), token)).Id;
                }

                var plugins = PluginCatalog.Load(options.ResolvedPluginsDir, NullLogger<PluginCatalog>.Instance);
                var signers = SigningServices.ForCli(session.DataSource, options).Signers;
                var service = new PackService(session.DataSource, plugins, signers, options, TimeProvider.System, session.Logger<PackService>());
                var outcome = await service.RunAsync(moId, "cli", request, token);
                var file = outcome.StoredPath ?? "";
                if (outcome.StoredPath is not null && outDir is not null)
                {
                    Directory.CreateDirectory(outDir);
                    file = Path.GetFullPath(Path.Combine(outDir, outcome.File!));
                    File.Copy(outcome.StoredPath, file, overwrite: true);
                }

                return (Outcome: outcome, Summary: new Summary(file, outcome.Month, outcome.Number, outcome.Records, outcome.Persons,
                    outcome.Excluded, outcome.MarkedSent,
                    outcome.Problems.Select(p => new SummaryProblem(p.VisitId, p.Number, p.CardNumber, p.Message)).ToList()));
            },
            result => Describe(result.Outcome, result.Summary.File),
            ct,
            result => result.Summary));
        return command;
    }

    /// <summary>The task message, then the errors list of the original (one <c>N-message</c> line per excluded visit),
    /// then where the zip is.</summary>
    private static string Describe(PackOutcome outcome, string file)
    {
        var text = new StringBuilder(outcome.Message);
        foreach (var problem in outcome.Problems)
        {
            text.Append('\n').Append(problem.Number).Append('-').Append(problem.Message);
        }

        if (file.Length > 0)
        {
            text.Append("\nПакет: ").Append(file);
        }

        return text.ToString();
    }
}
