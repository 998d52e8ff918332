using System.CommandLine;
using System.Globalization;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Cli;

/// <summary><c>nsi import FILE</c>: load an NSI reference book (XML, plain or zipped) or the PMU tariff CSV.</summary>
internal static class NsiCommands
{
    public static Command Create()
    {
        var nsi = new Command("nsi", "Reference books: import NSI books (XML or zip) and PMU tariffs (CSV)");
        nsi.Subcommands.Add(Import());
        return nsi;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "An NSI book (V002.xml, F003.zip, ...) or the tariff CSV (code;name;price)" };
        var mo = new Option<string?>("--mo") { Description = "Tariffs: the MO's 6-digit code (default: the only MO)" };
        var validFrom = new Option<string?>("--valid-from")
        {
            Description = "Tariffs: the date the version takes effect, YYYY-MM-DD (default: 1 January of this year)",
        };
        var json = HubCommands.JsonOption();
        var command = new Command("import", "Replace an NSI book with a file, or import a tariff version") { file, mo, validFrom, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var options = new ImportOptions("cli", parse.GetValue(mo), ParseDate(parse.GetValue(validFrom)));
                var source = ImportSource.FromPath(parse.GetValue(file)!);
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                return await new ReferenceImporter(session.DataSource, TimeProvider.System).ImportAsync(source, options, token);
            },
            result => result.Message,
            ct));
        return command;
    }

    private static DateOnly? ParseDate(string? text) =>
        text is null
            ? null
            : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new FormatException($"неверная дата --valid-from «{text}»: ожидается ГГГГ-ММ-ДД");
}
