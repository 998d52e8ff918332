using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Omslite.RegionFormats.Primorye25.Registers.Xlsx;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>
/// Builds the shipped template workbooks (<c>Templates/*.xlsx</c>) from the layouts of workflows.md §3.5 and §4:
/// the captions, column headings and widths around the cells a register fills. The checked-in files are this
/// generator's output; a test keeps them in step.
/// </summary>
internal static class TemplateGenerator
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly DateTimeOffset Stamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A caption: the text at a cell, bold or not, bordered (column headings) or not.</summary>
    private sealed record Caption(string Reference, string Text, bool Bold = false, bool Heading = false);

    private sealed record Sheet(string Name, IReadOnlyList<Caption> Captions, IReadOnlyList<double> Widths);

    private static readonly string[] SmoHeadings =
    [
        "№ истории болезни (талона)", "Ф.И.О.", "Пол", "Дата рождения", "Место рождения", "МЭК", "Документ, удостоверяющий личность",
        "Место жительства", "СНИЛС", "Полис ОМС (серия, номер)", "Вид медицинской помощи", "Диагноз (МКБ-10)", "Сроки лечения",
        "Объем (количество)", "Профиль", "Специальность врача", "Предъявлено к оплате, руб.", "Стоимость к оплате, руб.", "Результат", "Примечание",
    ];

    private static readonly string[] FundHeadings =
    [
        "№ п/п", "№ истории болезни (талона)", "Ф.И.О.", "Пол", "Дата рождения", "Место рождения", "Документ, удостоверяющий личность",
        "Место жительства", "Полис ОМС (серия, номер)", "Вид медицинской помощи", "Диагноз (МКБ-10)", "Дата начала лечения",
        "Дата окончания лечения", "Объем (количество)", "Профиль", "Специальность врача", "Предъявлено к оплате, руб.",
        "Стоимость к оплате, руб.", "Результат", "Примечание",
    ];

    /// <summary>The template names and their sheets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["reestr_amb", "reestr_foms", "tarifs", "reestr_mo", "by_month", "by_usl"];

    /// <summary>The workbook of a template, as bytes.</summary>
    public static byte[] Build(string name)
    {
        var sheets = name switch
        {
            "reestr_amb" => [new Sheet("Лист1", [
                new("A1", "Реестр счетов на оплату медицинской помощи, оказанной застрахованным лицам", Bold: true),
                new("A2", "Медицинская организация:"), new("A4", "в сфере обязательного медицинского страхования"),
                new("A7", "Страховая медицинская организация:"),
                .. Headings(11, SmoHeadings)], Widths(10, 28, 6, 12, 12, 7, 12, 12, 12, 22, 10, 10, 24, 10, 9, 12, 14, 14, 10, 12))],
            "reestr_foms" => [new Sheet("Лист1", [
                new("A1", "Реестр счетов на оплату медицинской помощи, оказанной лицам, застрахованным за пределами субъекта Российской Федерации", Bold: true),
                new("A4", "Период:"),
                .. Headings(15, FundHeadings)], Widths(7, 10, 28, 6, 12, 12, 12, 12, 22, 10, 10, 12, 12, 10, 9, 12, 14, 14, 10, 12))],
            "tarifs" => [new Sheet("Лист1", [
                new("A13", "Реестр оказанных простых медицинских услуг по тарифам", Bold: true),
                new("A15", "Период, плательщик:"),
                .. Headings(19, ["Код услуги", "Наименование услуги", "Тариф, руб.", "Количество", "Сумма, руб."])], Widths(18, 60, 14, 12, 16))],
            "reestr_mo" => Groups(group => new Sheet(group, [
                new("A1", "Реестр оказанных услуг по направлениям медицинской организации", Bold: true),
                new("A2", "Период:"), new("A3", "Направившая медицинская организация:"),
                .. Headings(7, ["№ талона", "Ф.И.О.", "Пол", "Дата рождения", "Полис ОМС", "№ направления", "Диагноз", "Сроки", "Код услуги", "Стоимость, руб."])],
                Widths(10, 28, 6, 12, 20, 14, 9, 24, 18, 14))),
            "by_month" => Groups(group => new Sheet(group, [
                new("A1", "Расчет услуг за", Bold: true),
                .. Headings(4, ["Код МО", "Медицинская организация", "Количество услуг", "Сумма, руб."])], Widths(12, 40, 16, 16))),
            "by_usl" => Groups(group => new Sheet(group, [
                new("A1", "Расчет услуг", Bold: true),
                .. Headings(4, ["Код услуги", "Наименование услуги", "Тариф, руб.", "Количество", "Сумма, руб."])], Widths(18, 60, 14, 12, 16))),
            _ => throw new ArgumentException($"unknown template {name}", nameof(name)),
        };
        return Package(sheets);
    }

    /// <summary>One sheet per default service group (МРТ, КТ).</summary>
    private static Sheet[] Groups(Func<string, Sheet> sheet) => ServiceGroups.Default.Select(g => sheet(g.Sheet)).ToArray();

    /// <summary>Column headings at a row and their numbers 1..n in the row below, bordered.</summary>
    private static IEnumerable<Caption> Headings(int row, IReadOnlyList<string> headings) =>
        headings.SelectMany((text, i) => new[]
        {
            new Caption(CellRef.Letters(i + 1) + row.ToString(CultureInfo.InvariantCulture), text, Bold: true, Heading: true),
            new Caption(CellRef.Letters(i + 1) + (row + 1).ToString(CultureInfo.InvariantCulture), (i + 1).ToString(CultureInfo.InvariantCulture), Heading: true),
        });

    private static double[] Widths(params double[] widths) => widths;

    private static byte[] Package(IReadOnlyList<Sheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            XNamespace types = "http://schemas.openxmlformats.org/package/2006/content-types";
            XNamespace rels = "http://schemas.openxmlformats.org/package/2006/relationships";
            const string sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
            Part(zip, "[Content_Types].xml", new XElement(types + "Types",
                new XElement(types + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
                new XElement(types + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
                new XElement(types + "Override", new XAttribute("PartName", "/xl/workbook.xml"),
                    new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
                new XElement(types + "Override", new XAttribute("PartName", "/xl/styles.xml"),
                    new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")),
                sheets.Select((_, i) => new XElement(types + "Override", new XAttribute("PartName", $"/xl/worksheets/sheet{i + 1}.xml"), new XAttribute("ContentType", sheetType)))));
            Part(zip, "_rels/.rels", new XElement(rels + "Relationships",
                new XElement(rels + "Relationship", new XAttribute("Id", "rId1"), new XAttribute("Target", "xl/workbook.xml"),
                    new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"))));
            Part(zip, "xl/workbook.xml", new XElement(Main + "workbook", new XAttribute(XNamespace.Xmlns + "r", Rel),
                new XElement(Main + "sheets", sheets.Select((s, i) => new XElement(Main + "sheet",
                    new XAttribute("name", s.Name), new XAttribute("sheetId", i + 1), new XAttribute(Rel + "id", $"rId{i + 1}"))))));
            Part(zip, "xl/_rels/workbook.xml.rels", new XElement(rels + "Relationships",
                sheets.Select((_, i) => new XElement(rels + "Relationship", new XAttribute("Id", $"rId{i + 1}"), new XAttribute("Target", $"worksheets/sheet{i + 1}.xml"),
                    new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"))),
                new XElement(rels + "Relationship", new XAttribute("Id", $"rId{sheets.Count + 1}"), new XAttribute("Target", "styles.xml"),
                    new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"))));
            Part(zip, "xl/styles.xml", Styles());
            for (var i = 0; i < sheets.Count; i++)
            {
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", Worksheet(sheets[i]));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Styles: 0 normal, 1 bold, 2 bold bordered wrapped (headings), 3 bordered centred (column numbers).</summary>
    private static XElement Styles()
    {
        XElement Font(bool bold) => new(Main + "font", bold ? new XElement(Main + "b") : null, new XElement(Main + "sz", new XAttribute("val", 10)),
            new XElement(Main + "name", new XAttribute("val", "Arial")), new XElement(Main + "family", new XAttribute("val", 2)), new XElement(Main + "charset", new XAttribute("val", 204)));
        XElement Side(string name, bool on) => on
            ? new XElement(Main + name, new XAttribute("style", "thin"), new XElement(Main + "color", new XAttribute("indexed", 64)))
            : new XElement(Main + name);
        XElement Border(bool on) => new(Main + "border", Side("left", on), Side("right", on), Side("top", on), Side("bottom", on), new XElement(Main + "diagonal"));
        XElement Xf(int font, int border, bool wrap) => new(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", font), new XAttribute("fillId", 0),
            new XAttribute("borderId", border), new XAttribute("xfId", 0), border > 0 ? new XAttribute("applyBorder", 1) : null,
            new XAttribute("applyAlignment", 1),
            new XElement(Main + "alignment", new XAttribute("vertical", "center"), border > 0 ? new XAttribute("horizontal", "center") : null,
                wrap ? new XAttribute("wrapText", 1) : null));
        return new XElement(Main + "styleSheet",
            new XElement(Main + "fonts", new XAttribute("count", 2), Font(false), Font(true)),
            new XElement(Main + "fills", new XAttribute("count", 2),
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "none"))),
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "gray125")))),
            new XElement(Main + "borders", new XAttribute("count", 2), Border(false), Border(true)),
            new XElement(Main + "cellStyleXfs", new XAttribute("count", 1),
                new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0))),
            new XElement(Main + "cellXfs", new XAttribute("count", 4),
                new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0), new XAttribute("xfId", 0)),
                Xf(1, 0, false), Xf(1, 1, true), Xf(0, 1, false)),
            new XElement(Main + "cellStyles", new XAttribute("count", 1),
                new XElement(Main + "cellStyle", new XAttribute("name", "Normal"), new XAttribute("xfId", 0), new XAttribute("builtinId", 0))));
    }

    private static XElement Worksheet(Sheet sheet)
    {
        var rows = sheet.Captions
            .Select(c => (Caption: c, Position: CellRef.Parse(c.Reference)))
            .GroupBy(c => c.Position.Row)
            .OrderBy(g => g.Key)
            .Select(g => new XElement(Main + "row", new XAttribute("r", g.Key),
                g.OrderBy(c => c.Position.Column).Select(c => new XElement(Main + "c",
                    new XAttribute("r", c.Caption.Reference),
                    new XAttribute("s", c.Caption.Heading ? (c.Caption.Bold ? 2 : 3) : c.Caption.Bold ? 1 : 0),
                    new XAttribute("t", "inlineStr"),
                    new XElement(Main + "is", new XElement(Main + "t", c.Caption.Text))))));
        return new XElement(Main + "worksheet",
            new XElement(Main + "dimension", new XAttribute("ref", "A1")),
            new XElement(Main + "cols", sheet.Widths.Select((w, i) => new XElement(Main + "col",
                new XAttribute("min", i + 1), new XAttribute("max", i + 1), new XAttribute("width", w.ToString(CultureInfo.InvariantCulture)), new XAttribute("customWidth", 1)))),
            new XElement(Main + "sheetData", rows),
            new XElement(Main + "pageMargins", new XAttribute("left", 0.4), new XAttribute("right", 0.4), new XAttribute("top", 0.6),
                new XAttribute("bottom", 0.6), new XAttribute("header", 0.3), new XAttribute("footer", 0.3)),
            new XElement(Main + "pageSetup", new XAttribute("orientation", "landscape"), new XAttribute("paperSize", 9)));
    }

    private static void Part(ZipArchive zip, string path, XElement root)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = Stamp;
        using var stream = entry.Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(writer);
    }
}
