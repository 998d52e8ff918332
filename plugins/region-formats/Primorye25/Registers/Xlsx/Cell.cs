using System.Globalization;

namespace Omslite.RegionFormats.Primorye25.Registers.Xlsx;

/// <summary>How a written cell looks.</summary>
internal enum CellLook
{
    /// <summary>The template cell's own style (header cells: titles, periods, names).</summary>
    Template,

    /// <summary>A data cell: thin black border on all four sides.</summary>
    Bordered,

    /// <summary>A bordered money cell, format <c>### ### ##0.00</c>.</summary>
    BorderedMoney,

    /// <summary>A bordered date cell, format <c>dd.mm.yyyy</c>.</summary>
    BorderedDate,

    /// <summary>A total, format <c># ### ##0.00</c>, no border.</summary>
    Total,
}

/// <summary>A value to write at a column of a row: text, a number, a date, a formula (with its computed value) or
/// nothing (a bordered empty cell).</summary>
internal readonly record struct Cell(int Column, object? Value, CellLook Look)
{
    public static Cell Text(string column, string? value, CellLook look = CellLook.Bordered) => new(CellRef.Column(column), value, look);

    public static Cell Number(string column, decimal? value, CellLook look = CellLook.Bordered) => new(CellRef.Column(column), value, look);

    public static Cell Date(string column, DateOnly? value) => new(CellRef.Column(column), value, CellLook.BorderedDate);

    public static Cell Money(string column, decimal? value) => new(CellRef.Column(column), value, CellLook.BorderedMoney);

    public static Cell Formula(string column, string formula, decimal value, CellLook look = CellLook.Bordered) =>
        new(CellRef.Column(column), new Formula(formula, value), look);
}

/// <summary>A formula and the value it computes, so a reader that does not calculate still sees the value.</summary>
internal sealed record Formula(string Expression, decimal Value);

/// <summary>The cells of one row, in any column order.</summary>
internal sealed record Row(int Index, IReadOnlyList<Cell> Cells);

/// <summary>The rows to write into one sheet of a template, in ascending row order.</summary>
internal sealed record SheetFill(string Sheet, IEnumerable<Row> Rows, int LastRow, int LastColumn);

/// <summary>Cell references and XML text of SpreadsheetML.</summary>
internal static class CellRef
{
    /// <summary>A → 1, T → 20, AA → 27.</summary>
    public static int Column(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));

    /// <summary>1 → A, 27 → AA.</summary>
    public static string Letters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + ((column - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>(column, row) of a reference like <c>E13</c>.</summary>
    public static (int Column, int Row) Parse(string reference)
    {
        var split = reference.IndexOfAny("0123456789".ToCharArray());
        return (Column(reference[..split]), int.Parse(reference[split..], CultureInfo.InvariantCulture));
    }

    /// <summary>Days since 1899-12-30: how a spreadsheet stores a date.</summary>
    public static int Serial(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;
}
