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

/// <summary>What a cell holds.</summary>
internal enum CellKind
{
    /// <summary>Nothing (a bordered empty cell).</summary>
    Empty,

    /// <summary>An inline string.</summary>
    Text,

    /// <summary>A number; a date is stored as its serial.</summary>
    Number,

    /// <summary>A formula with the value it computes.</summary>
    Formula,
}

/// <summary>A value to write at a column of a row: text, a number, a date, a formula (with its computed value) or
/// nothing (a bordered empty cell). Unboxed: a register writes millions of cells.</summary>
internal readonly record struct Cell
{
    /// <summary>A cell of any value: a string, a decimal or an int, a date, a <see cref="Formula"/>, or null.</summary>
    public Cell(int column, object? value, CellLook look)
        : this(column, look, value switch
        {
            null => (CellKind.Empty, null, 0m),
            string text => (CellKind.Text, text, 0m),
            decimal number => (CellKind.Number, null, number),
            int number => (CellKind.Number, null, number),
            DateOnly date => (CellKind.Number, null, CellRef.Serial(date)),
            Formula formula => (CellKind.Formula, formula.Expression, formula.Value),
            _ => throw new ArgumentException($"unsupported cell value {value.GetType().Name}", nameof(value)),
        })
    {
    }

    private Cell(int column, CellLook look, (CellKind Kind, string? Text, decimal Number) value)
    {
        Column = column;
        Look = look;
        Kind = value.Kind;
        TextValue = value.Text;
        NumberValue = value.Number;
    }

    public int Column { get; }

    public CellLook Look { get; }

    public CellKind Kind { get; }

    /// <summary>The text, or the formula's expression.</summary>
    public string? TextValue { get; }

    /// <summary>The number, the date's serial, or the formula's value.</summary>
    public decimal NumberValue { get; }

    public static Cell Text(string column, string? value, CellLook look = CellLook.Bordered) =>
        new(CellRef.Column(column), look, value is null ? (CellKind.Empty, null, 0m) : (CellKind.Text, value, 0m));

    public static Cell Number(string column, decimal? value, CellLook look = CellLook.Bordered) =>
        new(CellRef.Column(column), look, value is { } number ? (CellKind.Number, null, number) : (CellKind.Empty, null, 0m));

    public static Cell Date(string column, DateOnly? value) =>
        new(CellRef.Column(column), CellLook.BorderedDate, value is { } date ? (CellKind.Number, null, CellRef.Serial(date)) : (CellKind.Empty, null, 0m));

    public static Cell Money(string column, decimal? value) => Number(column, value, CellLook.BorderedMoney);

    public static Cell Formula(string column, string formula, decimal value, CellLook look = CellLook.Bordered) =>
        new(CellRef.Column(column), look, (CellKind.Formula, formula, value));
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
    /// <summary>The letters of columns A–ZZ, made once: every written cell names its column.</summary>
    private static readonly string[] Named = Enumerable.Range(0, 703).Select(MakeLetters).ToArray();

    /// <summary>A → 1, T → 20, AA → 27.</summary>
    public static int Column(string letters)
    {
        var column = 0;
        foreach (var c in letters)
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column;
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string Letters(int column) => column >= 0 && column < Named.Length ? Named[column] : MakeLetters(column);

    private static string MakeLetters(int column)
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
