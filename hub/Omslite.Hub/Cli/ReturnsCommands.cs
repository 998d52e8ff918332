using System.CommandLine;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.Returns;
using Omslite.Hub.Sync;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Cli;

/// <summary>
/// What comes back from TFOMS, on the command line (docs/api.md "Returns"): <c>flk import</c>, <c>invoice import</c>,
/// <c>mek list|export|transfer</c>. Same services as the API; actor <c>cli</c>; the MO is <c>--mo CODE</c> or the only one.
/// </summary>
internal static class ReturnsCommands
{
    public static IEnumerable<Command> All => [Flk(), Invoice(), Mek()];

    private static Option<string?> MoOption() => new("--mo") { Description = "The MO's 6-digit code (default: the only MO)" };

    private static Command Flk()
    {
        var file = new Argument<string>("FILE") { Description = "The FLK_P protocol, e.g. FHT25M250999_22039992.xml" };
        var mo = MoOption();
        var json = HubCommands.JsonOption();
        var import = new Command("import", "Import a TFOMS error protocol: store its errors as a batch, reopen the matched visits") { file, mo, json };
        import.SetAction((parse, ct) => CliOperation.RunAsync(parse.GetValue(json), token => WithReturnsAsync(parse.GetValue(mo), async (r, moId, _) =>
            {
                var source = ImportSource.FromPath(parse.GetValue(file)!);
                var result = await new FlkImport(r.Database, r.Plugins).ImportAsync(moId, source.Name, source.Open, "cli", token);
                return new
                {
                    file = result.File, batch = result.Batch, read = result.Read, records = result.Records, matched = result.Matched,
                    unmatched = result.Unmatched, errors = result.Errors, reopened = result.Reopened, unknown = result.Unknown,
                    message = result.Message,
                };
            }, token), r => r.message + (r.unknown.Count > 0 ? $"; талоны не найдены: {string.Join(", ", r.unknown)}" : ""), ct));
        return new Command("flk", "TFOMS error protocols (FLK)") { import };
    }

    private static Command Invoice()
    {
        var file = new Argument<string>("FILE") { Description = "The invoice archive, e.g. HM250796S25011_211079610.zip" };
        var noMek = new Option<bool>("--no-mek") { Description = "Do not mark the refused cases' visits MEK (marking is on by default)" };
        var fixSmo = new Option<bool>("--fix-smo") { Description = "Set the invoice's SMO on its visits and patients (\"Корректировать СМО\")" };
        var tariffs = new Option<bool>("--tariffs") { Description = "Print the PMU tariffs register instead of the payer's register" };
        var mo = MoOption();
        var output = new Option<string?>("--out") { Description = "Also copy the register into this folder" };
        var json = HubCommands.JsonOption();
        var import = new Command("import", "Import an invoice: mark MEK refusals, print the payer's XLSX register") { file, noMek, fixSmo, tariffs, mo, output, json };
        import.SetAction((parse, ct) => CliOperation.RunAsync(parse.GetValue(json), token => WithReturnsAsync(parse.GetValue(mo), async (r, moId, moCode) =>
            {
                var source = ImportSource.FromPath(parse.GetValue(file)!);
                var options = new InvoiceOptions(!parse.GetValue(noMek), parse.GetValue(fixSmo),
                    parse.GetValue(tariffs) ? InvoiceRegister.Tariffs : InvoiceRegister.Payer);
                var result = await new InvoiceImport(r.Database, r.Plugins, r.Files).ImportAsync(moId, source.Name, source.Open, options, "cli", token);
                var path = CopyOut(r.Files.StoredPath(moCode, result.RegisterFile), parse.GetValue(output));
                return new
                {
                    file = result.File, payer = result.Payer, period = result.Period, records = result.Records, mek = result.Mek,
                    mekRows = result.MekRows, notFound = result.NotFound, smoFixed = result.SmoFixed, files = new[] { path }, message = result.Message,
                };
            }, token), r => $"{r.message} Файл: {r.files[0]}", ct));
        return new Command("invoice", "Invoices from the regional system (BARS)") { import };
    }

    private static Command Mek()
    {
        Option<string> Month() => new("--month", "--from") { Description = "The MEK visits' report month, YYYY-MM", Required = true };
        var mo = MoOption();
        var json = HubCommands.JsonOption();

        var listMonth = Month();
        var list = new Command("list", "The month's MEK visits still open: the count and the first 50") { listMonth, mo, json };
        list.SetAction((parse, ct) => CliOperation.RunAsync(parse.GetValue(json), token => WithReturnsAsync(parse.GetValue(mo), async (r, moId, _) =>
            {
                var month = ReportMonth.Parse(parse.GetValue(listMonth)!);
                var (total, items) = await new MekVisits(r.Database, r.Files, TimeProvider.System).ListAsync(moId, month, MekVisits.ListRows, token);
                return new { month = month.ToString(), total, items };
            }, token), r => $"МЭК за {r.month}: {r.total}" + string.Concat(r.items.Select(i => $"\n{i.Number}\t{i.CardNumber}\t{i.Fam}\t{i.OpenDate:yyyy-MM-dd}\t{i.CloseDate:yyyy-MM-dd}")), ct));

        var exportMonth = Month();
        var output = new Option<string?>("--out") { Description = "Also copy the CSV into this folder" };
        var export = new Command("export", "Write the month's MEK visits to CSV (MEK_<date>_xxxx.csv)") { exportMonth, output, mo, json };
        export.Aliases.Add("csv");
        export.SetAction((parse, ct) => CliOperation.RunAsync(parse.GetValue(json), token => WithReturnsAsync(parse.GetValue(mo), async (r, moId, moCode) =>
            {
                var outcome = await new MekVisits(r.Database, r.Files, TimeProvider.System).ExportAsync(moId, moCode, ReportMonth.Parse(parse.GetValue(exportMonth)!), "cli", token);
                var path = outcome.Done ? CopyOut(r.Files.StoredPath(moCode, outcome.File), parse.GetValue(output)) : null;
                return new { done = outcome.Done, file = path, message = outcome.Message };
            }, token), r => r.file is null ? r.message : $"{r.message}. Файл: {r.file}", ct));

        var fromMonth = Month();
        var to = new Option<string>("--to") { Description = "The month to move them to, YYYY-MM (forward only; December → January)", Required = true };
        var transfer = new Command("transfer", "Move the month's MEK visits forward to a later report month") { fromMonth, to, mo, json };
        transfer.Aliases.Add("move");
        transfer.SetAction((parse, ct) => CliOperation.RunAsync(parse.GetValue(json), token => WithReturnsAsync(parse.GetValue(mo), async (r, moId, _) =>
            {
                var (from, target) = (ReportMonth.Parse(parse.GetValue(fromMonth)!), ReportMonth.Parse(parse.GetValue(to)!));
                var outcome = await new MekVisits(r.Database, r.Files, TimeProvider.System).TransferAsync(moId, from, target, "cli", token);
                return new { done = outcome.Done, moved = outcome.Result is MekTransferResult t ? t.Moved : 0, from = from.ToString(), to = target.ToString(), message = outcome.Message };
            }, token), r => r.message, ct));

        return new Command("mek", "MEK refusals: list, export to CSV, transfer forward") { list, export, transfer };
    }

    private sealed record Session(NpgsqlDataSource Database, PluginCatalog Plugins, ProducedFiles Files);

    /// <summary>Opens the working database (migrated), loads the plugins and resolves the MO; a region format's
    /// refusal becomes the verb's one-line error.</summary>
    private static async Task<T> WithReturnsAsync<T>(string? moCode, Func<Session, int, string, Task<T>> run, CancellationToken ct)
    {
        await using var session = await CliSession.OpenAsync(ct);
        await session.MigrateAsync(ct);
        var options = OmsliteOptions.From(session.Configuration);
        var plugins = PluginCatalog.Load(options.ResolvedPluginsDir, session.Logger<PluginCatalog>());
        TargetMo mo;
        await using (var conn = await session.DataSource.OpenConnectionAsync(ct))
        {
            mo = await TargetMo.ResolveAsync(conn, moCode, ct);
        }

        try
        {
            return await run(new Session(session.DataSource, plugins, new ProducedFiles(options, session.DataSource)), mo.Id, mo.Code);
        }
        catch (RegionFormatException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static string CopyOut(string path, string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var target = Path.Combine(Path.GetFullPath(folder), Path.GetFileName(path));
        File.Copy(path, target, overwrite: true);
        return target;
    }
}
