using System.Globalization;
using System.IO.Compression;
using Omslite.RegionFormats.Primorye25.Registers.Xlsx;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>
/// The registers of the preliminary calculations (workflows.md §4.2–§4.4): one sheet per study group, the group's
/// short name as the sheet title, "ИТОГО:" left of the exact total two rows after the data.
/// </summary>
internal static class CalculationRegisters
{
    public const string MoNotFound = "МО не найдена";

    /// <summary>§4.2: a workbook per referring MO (<c>reestr_mo&lt;short&gt;__MM_YYYY_xxxxx.xlsx</c>), zipped at the
    /// root of <c>&lt;Mon&gt;-xxxxx.zip</c>.</summary>
    public static RegisterFile WriteReferrals(ReferralRegistersRequest request, Stream output)
    {
        var groups = ServiceGroups.For(request.Mo);
        var period = RegisterText.Period(request.Period);
        var rows = 0;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var mo in request.Mos)
            {
                var (bytes, name) = Templates.Load("reestr_mo", request.TemplateDirectory);
                var sheets = groups.Select(group =>
                {
                    var data = mo.Rows.Where(r => groups.Of(r.Code) == group).ToList();
                    rows += data.Count;
                    return Sheet(group.Sheet, 9, 10, [
                        new Row(2, [Cell.Text("B", period, CellLook.Template)]),
                        new Row(3, [Cell.Text("E", mo.Name ?? MoNotFound, CellLook.Template)]),
                    ], data.Select(r => (IReadOnlyList<Cell>)
                    [
                        Cell.Number("A", r.Number), Cell.Text("B", RegisterText.Initials(r.Fam, r.Im, r.Ot)), Cell.Text("C", r.Sex),
                        Cell.Date("D", r.BirthDate), Cell.Text("E", r.Policy), Cell.Text("F", r.ReferralNumber), Cell.Text("G", r.Ds1),
                        Cell.Text("H", RegisterText.Dates(r.OpenDate, r.CloseDate)), Cell.Text("I", r.Code), Cell.Money("J", r.Amount),
                    ]).ToList(), "I", data.Sum(r => r.Amount ?? 0m));
                }).ToList();
                var entry = zip.CreateEntry(RegisterText.FileName("reestr_mo" + mo.ShortCode, "", "", RegisterText.Mm(request.Period.Month), request.Period.Year));
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                TemplateWorkbook.Fill(bytes, name, buffer, sheets);
                buffer.Position = 0;
                buffer.CopyTo(stream);
            }
        }

        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(request.Period.Month);
        return new RegisterFile($"{month}-{RegisterText.Tail()}.zip", rows);
    }

    /// <summary>§4.3: per group, one row per referring MO: code, short name, Σ quantity, Σ amount.</summary>
    public static RegisterFile WriteMonthSummary(MonthSummaryRequest request, Stream output)
    {
        var groups = ServiceGroups.For(request.Mo);
        var (bytes, name) = Templates.Load("by_month", request.TemplateDirectory);
        var period = RegisterText.Period(request.Period);
        var rows = 0;
        var sheets = groups.Select(group =>
        {
            var data = request.Rows.Where(r => groups.Of(r.Code) == group)
                .GroupBy(r => (r.MoCode, r.MoShortName))
                .OrderBy(g => g.Key.MoCode, StringComparer.Ordinal)
                .Select(g => (g.Key.MoCode, g.Key.MoShortName, Quantity: g.Sum(r => r.Quantity), Amount: g.Sum(r => r.Amount)))
                .ToList();
            rows += data.Count;
            return Sheet(group.Sheet, 6, 4, Titles(period, group.Sheet), data.Select(r => (IReadOnlyList<Cell>)
            [
                Cell.Text("A", r.MoCode), Cell.Text("B", r.MoShortName), Cell.Number("C", r.Quantity), Cell.Money("D", r.Amount),
            ]).ToList(), "C", data.Sum(r => r.Amount));
        }).ToList();
        TemplateWorkbook.Fill(bytes, name, output, sheets);
        return new RegisterFile(RegisterText.FileName("by_month", "", "", RegisterText.Mm(request.Period.Month), request.Period.Year), rows);
    }

    /// <summary>§4.4: per group, one row per code and tariff; codes without a tariff keep empty tariff and sum.</summary>
    public static RegisterFile WriteServiceSummary(ServiceSummaryRequest request, Stream output)
    {
        var groups = ServiceGroups.For(request.Mo);
        var (bytes, name) = Templates.Load("by_usl", request.TemplateDirectory);
        var (calc, periodText, month) = request.Mode switch
        {
            SummaryMode.Period => ("_period_calc", $"За период {Dotted(request.From)} - {Dotted(request.To)}", "0"),
            SummaryMode.Year => ("_year_calc", $"За {request.Period.Year % 100:00} год", "0"),
            _ => ("_month_calc", RegisterText.Period(request.Period), RegisterText.Mm(request.Period.Month)),
        };
        var title = $"{(request.ReferringMo is null ? "" : "MO Направления " + request.ReferringMo)} {periodText}";
        var rows = 0;
        var sheets = groups.Select(group =>
        {
            var data = request.Rows.Where(r => groups.Of(r.Code) == group).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
            rows += data.Count;
            return Sheet(group.Sheet, 6, 5, Titles(title, group.Sheet), data.Select(r => (IReadOnlyList<Cell>)
            [
                Cell.Text("A", r.Code), Cell.Text("B", r.Name), Cell.Money("C", r.Tariff), Cell.Number("D", r.Quantity), Cell.Money("E", r.Amount),
            ]).ToList(), "D", data.Sum(r => r.Amount ?? 0m));
        }).ToList();
        TemplateWorkbook.Fill(bytes, name, output, sheets);
        var payer = request.ReferringMo ?? "0";
        return new RegisterFile(RegisterText.FileName("by_usl", calc, payer, month, request.Period.Year), rows);
    }

    private static IReadOnlyList<Row> Titles(string b1, string c1) =>
        [new Row(1, [Cell.Text("B", b1, CellLook.Template), Cell.Text("C", c1, CellLook.Template)])];

    private static string Dotted(DateOnly? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A sheet: header rows, the data rows from <paramref name="first"/>, and at last + 3 "ИТОГО:" in
    /// <paramref name="totalLabel"/> with the total in the column to its right.</summary>
    private static SheetFill Sheet(string sheet, int first, int columns, IReadOnlyList<Row> header, IReadOnlyList<IReadOnlyList<Cell>> data,
        string totalLabel, decimal total)
    {
        var last = first + data.Count - 1;
        var labelColumn = CellRef.Column(totalLabel);
        return new SheetFill(sheet,
        [
            .. header,
            .. data.Select((cells, i) => new Row(first + i, cells)),
            new Row(last + 3, [new Cell(labelColumn, "ИТОГО:", CellLook.Template), new Cell(labelColumn + 1, total, CellLook.Total)]),
        ], last + 3, columns);
    }
}
