using Omslite.RegionFormats.Primorye25.Registers.Xlsx;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>
/// The registers of an invoice (workflows.md §3.5): the SMO layout ("amb", payer &gt; 0), the fund layout
/// ("inokraevye", payer 0) and the PMU tariffs. Rows ordered by the visit number (NHISTORY); sums exact (D5).
/// </summary>
internal static class InvoiceRegisters
{
    public const string UnknownMo = "UNKNOWN MO NAME";
    public const string UnknownSmo = "UNKNOWN SMO NAME";
    public const string Mek = "МЭК";

    private const int SmoFirst = 13;
    private const int FundFirst = 17;

    public static RegisterFile Write(InvoiceRegisterRequest request, Stream output)
    {
        var fund = request.Payer == "0";
        var template = fund ? "reestr_foms" : "reestr_amb";
        var cases = ByNumber(request.Cases);
        var (bytes, name) = Templates.Load(template, request.TemplateDirectory);
        var period = RegisterText.Period(request.Period);
        // The rows are made one at a time while the sheet is written: a register of 100 000 cases is never held whole.
        var fill = fund
            ? new SheetFill("Лист1", FundRows(period, cases), FundFirst + cases.Count - 1, 20)
            : new SheetFill("Лист1", SmoRows(request, period, cases), SmoFirst + cases.Count + 2, 20);
        TemplateWorkbook.Fill(bytes, name, output, [fill]);
        return new RegisterFile(
            RegisterText.FileName(template, request.Calculated ? "_calc" : "", request.Payer, RegisterText.Mm(request.Period.Month), request.Period.Year),
            cases.Count);
    }

    public static RegisterFile WriteTariffs(TariffRegisterRequest request, Stream output)
    {
        const int first = 21;
        var rows = request.Rows.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var last = first + rows.Count - 1;
        var (bytes, name) = Templates.Load("tarifs", request.TemplateDirectory);
        var payerName = request.Payer == "0" ? "" : request.PayerName ?? UnknownSmo;
        var totalQuantity = rows.Sum(r => r.Quantity);
        var totalAmount = rows.Sum(r => (r.Tariff ?? 0m) * r.Quantity);
        TemplateWorkbook.Fill(bytes, name, output,
        [
            new SheetFill("Лист1",
            [
                new Row(15, [Cell.Text("B", $"{RegisterText.Period(request.Period)}    {payerName}", CellLook.Template)]),
                .. rows.Select((r, i) => new Row(first + i,
                [
                    Cell.Text("A", r.Code), Cell.Text("B", r.Name), Cell.Money("C", r.Tariff), Cell.Number("D", r.Quantity),
                    Cell.Money("E", r.Tariff * r.Quantity),
                ])),
                new Row(last + 1,
                [
                    Cell.Text("A", "ИТОГО"), Cell.Text("B", null), Cell.Text("C", null),
                    Cell.Formula("D", $"SUM(D{first}:D{last})", totalQuantity),
                    new Cell(5, new Formula($"SUM(E{first}:E{last})", totalAmount), CellLook.BorderedMoney),
                ]),
            ], last + 1, 5),
        ]);
        return new RegisterFile(RegisterText.FileName("tarifs", "", request.Payer, RegisterText.Mm(request.Period.Month), request.Period.Year), rows.Count);
    }

    /// <summary>The cases by visit number (a stable order; an invoice usually comes sorted already).</summary>
    private static List<InvoiceCase> ByNumber(IReadOnlyList<InvoiceCase> cases)
    {
        for (var i = 1; i < cases.Count; i++)
        {
            if ((cases[i].NHistory ?? int.MaxValue) < (cases[i - 1].NHistory ?? int.MaxValue))
            {
                return cases.OrderBy(c => c.NHistory ?? int.MaxValue).ToList();
            }
        }

        return cases.ToList();
    }

    /// <summary>Fund layout: C4 the period, data from row 17, a running number in A, no total.</summary>
    private static IEnumerable<Row> FundRows(string period, List<InvoiceCase> cases)
    {
        yield return new Row(4, [Cell.Text("C", period, CellLook.Template)]);
        for (var i = 0; i < cases.Count; i++)
        {
            yield return FundRow(FundFirst + i, i + 1, cases[i]);
        }
    }

    /// <summary>SMO layout: J1 the period, E2 the MO, E7 the SMO, data from row 13, ИТОГО two rows after the data.</summary>
    private static IEnumerable<Row> SmoRows(InvoiceRegisterRequest request, string period, List<InvoiceCase> cases)
    {
        yield return new Row(1, [Cell.Text("J", period, CellLook.Template)]);
        yield return new Row(2, [Cell.Text("E", $"{request.MoShortName ?? UnknownMo} ОГРН {request.MoOgrn}", CellLook.Template)]);
        yield return new Row(7, [Cell.Text("E", request.PayerName ?? UnknownSmo, CellLook.Template)]);
        for (var i = 0; i < cases.Count; i++)
        {
            yield return SmoRow(SmoFirst + i, cases[i]);
        }

        yield return new Row(SmoFirst + cases.Count + 2, [Cell.Text("S", "ИТОГО:", CellLook.Template), Cell.Number("T", cases.Sum(Paid), CellLook.Total)]);
    }

    /// <summary>The amount paid: SUMP, or 0.00 for a refusal.</summary>
    public static decimal Paid(InvoiceCase c) => c.IsMek ? 0.00m : c.Sump!.Value;

    /// <summary>"&lt;spolis&gt; &lt;npolis, or enp when npolis is empty&gt;".</summary>
    private static string Policy(InvoiceCase c) => $"{c.PolicySeries} {(string.IsNullOrEmpty(c.PolicyNumber) ? c.Enp : c.PolicyNumber)}";

    private static Row SmoRow(int row, InvoiceCase c) => new(row,
    [
        Cell.Number("A", c.NHistory), Cell.Text("B", RegisterText.Initials(c.Fam, c.Im, c.Ot)), Cell.Number("C", c.W), Cell.Date("D", c.Dr),
        Cell.Text("E", null), Cell.Text("F", c.IsMek ? Mek : null), Cell.Text("G", null), Cell.Text("H", null), Cell.Text("I", null),
        Cell.Text("J", Policy(c)), Cell.Number("K", c.Vidpom), Cell.Text("L", c.Ds1), Cell.Text("M", RegisterText.Dates(c.DateZ1, c.DateZ2)),
        Cell.Number("N", 1), Cell.Number("O", c.Profil), Cell.Number("P", c.Prvs),
        // Q: the amount presented (the original's intent; its last version printed SUMP again).
        Cell.Money("Q", c.Sumv), Cell.Money("R", Paid(c)), Cell.Number("S", c.Rslt), Cell.Text("T", null),
    ]);

    private static Row FundRow(int row, int counter, InvoiceCase c) => new(row,
    [
        Cell.Number("A", counter), Cell.Number("B", c.NHistory), Cell.Text("C", RegisterText.Initials(c.Fam, c.Im, c.Ot)), Cell.Number("D", c.W),
        Cell.Date("E", c.Dr), Cell.Text("F", null), Cell.Text("G", null), Cell.Text("H", null), Cell.Text("I", Policy(c)),
        Cell.Number("J", c.Vidpom), Cell.Text("K", c.Ds1), Cell.Text("L", RegisterText.Iso(c.DateZ1)), Cell.Text("M", RegisterText.Iso(c.DateZ2)),
        Cell.Number("N", 1), Cell.Number("O", c.Profil), Cell.Number("P", c.Prvs), Cell.Money("Q", c.Sumv), Cell.Money("R", Paid(c)),
        Cell.Number("S", c.Rslt), Cell.Text("T", null),
    ]);
}
