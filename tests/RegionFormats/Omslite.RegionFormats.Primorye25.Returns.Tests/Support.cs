using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

internal static class Support
{
    static Support() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Cp1251 => Encoding.GetEncoding(1251);

    public static RegistryMo Mo(params (string Key, string Value)[] settings) => new()
    {
        Code = "250796",
        ShortCode = "796",
        Name = "Центр КТ и МРТ",
        Region = "25",
        Okato = "05000",
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
    };

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The repository root (where Omslite.sln is).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omslite.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Omslite.sln not found above the test folder");
        }
    }
}

/// <summary>An archive's files held in memory, as the hub hands them over.</summary>
internal sealed class MemoryArchive(params (string Name, byte[] Content)[] files) : IArchiveFiles
{
    public IReadOnlyList<string> Names { get; } = files.Select(f => f.Name).ToList();

    public Stream Open(string name) => new MemoryStream(files.Single(f => f.Name == name).Content);
}

/// <summary>A produced workbook opened with the Open XML SDK: cell values, number formats, borders, schema errors.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly MemoryStream _bytes;
    private readonly SpreadsheetDocument _document;

    public Workbook(byte[] bytes)
    {
        _bytes = new MemoryStream(bytes);
        _document = SpreadsheetDocument.Open(_bytes, false);
    }

    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>The cell's text: inline or shared string, or the number as stored; null when the cell is absent or empty.</summary>
    public string? Value(string sheet, string reference)
    {
        var cell = Find(sheet, reference);
        if (cell is null)
        {
            return null;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.Text?.Text;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            var table = _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable;
            return table.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        }

        return cell.CellValue?.Text;
    }

    public string? Formula(string sheet, string reference) => Find(sheet, reference)?.CellFormula?.Text;

    /// <summary>The number format code of the cell's style ("General" for none).</summary>
    public string NumberFormat(string sheet, string reference)
    {
        var format = Format(sheet, reference);
        var id = format?.NumberFormatId?.Value ?? 0;
        return _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .FirstOrDefault(f => f.NumberFormatId!.Value == id)?.FormatCode?.Value ?? (id == 0 ? "General" : $"builtin {id}");
    }

    /// <summary>Whether the cell has a thin border on all four sides.</summary>
    public bool Bordered(string sheet, string reference)
    {
        var format = Format(sheet, reference);
        if (format?.BorderId is null)
        {
            return false;
        }

        var border = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Borders!.Elements<Border>().ElementAt((int)format.BorderId.Value);
        return new BorderPropertiesType?[] { border.LeftBorder, border.RightBorder, border.TopBorder, border.BottomBorder }
            .All(b => b?.Style?.Value == BorderStyleValues.Thin);
    }

    public uint? StyleIndex(string sheet, string reference) => Find(sheet, reference)?.StyleIndex?.Value;

    /// <summary>Schema errors of the whole package (none for a good workbook).</summary>
    public IReadOnlyList<string> Errors() =>
        new OpenXmlValidator().Validate(_document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    public void Dispose()
    {
        _document.Dispose();
        _bytes.Dispose();
    }

    private CellFormat? Format(string sheet, string reference)
    {
        var index = Find(sheet, reference)?.StyleIndex?.Value ?? 0;
        return _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)index);
    }

    private Cell? Find(string sheet, string reference)
    {
        var id = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var part = (WorksheetPart)_document.WorkbookPart.GetPartById(id);
        return part.Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
    }
}
