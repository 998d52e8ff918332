using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Registers.Xlsx;

/// <summary>
/// Fills a template workbook: every part of the template is copied as it is, except the styles (four styles are
/// appended: bordered, bordered money, bordered date, total) and the filled sheets, whose rows are merged with the
/// written ones — a cell the template has keeps its style when written with <see cref="CellLook.Template"/>, every
/// other template cell is left untouched. Rows are streamed, one at a time, into the output.
/// </summary>
internal static class TemplateWorkbook
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <param name="template">The template's bytes.</param>
    /// <param name="templateName">Its name, for messages.</param>
    /// <param name="output">Where the workbook goes.</param>
    /// <param name="sheets">What to write, by sheet name.</param>
    public static void Fill(byte[] template, string templateName, Stream output, IReadOnlyList<SheetFill> sheets)
    {
        try
        {
            using var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read);
            var parts = SheetParts(source, templateName);
            var targets = new Dictionary<string, SheetFill>(StringComparer.Ordinal);
            foreach (var fill in sheets)
            {
                targets[parts.TryGetValue(fill.Sheet, out var part)
                    ? part
                    : throw new RegionFormatException($"В шаблоне {templateName} нет листа «{fill.Sheet}»")] = fill;
            }

            var stylesEntry = source.GetEntry("xl/styles.xml") ?? throw new RegionFormatException($"В шаблоне {templateName} нет стилей (xl/styles.xml)");
            var styles = XDocument.Load(stylesEntry.Open());
            var looks = CellStyles.Append(styles);

            using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, targets.ContainsKey(entry.FullName) ? CompressionLevel.Fastest : CompressionLevel.Optimal);
                using var to = copy.Open();
                if (entry.FullName == "xl/styles.xml")
                {
                    Save(styles, to);
                }
                else if (targets.TryGetValue(entry.FullName, out var fill))
                {
                    using var from = entry.Open();
                    using var handOff = new HandOffStream(to);
                    WriteSheet(XDocument.Load(from), fill, looks, handOff);
                    handOff.Complete();
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException)
        {
            throw new RegionFormatException($"Шаблон {templateName} не является книгой XLSX или повреждён ({ex.Message})", ex);
        }
    }

    /// <summary>Sheet name → the part path of its worksheet (e.g. <c>xl/worksheets/sheet1.xml</c>).</summary>
    private static Dictionary<string, string> SheetParts(ZipArchive zip, string templateName)
    {
        var workbook = XDocument.Load((zip.GetEntry("xl/workbook.xml") ?? throw new RegionFormatException($"Шаблон {templateName} не является книгой XLSX")).Open());
        var rels = XDocument.Load((zip.GetEntry("xl/_rels/workbook.xml.rels") ?? throw new RegionFormatException($"Шаблон {templateName} не является книгой XLSX")).Open());
        var targets = rels.Root!.Elements(PackageRel + "Relationship").ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        return workbook.Root!.Element(Main + "sheets")!.Elements(Main + "sheet").ToDictionary(
            s => (string)s.Attribute("name")!,
            s =>
            {
                var path = targets[(string)s.Attribute(Rel + "id")!];
                return path.StartsWith('/') ? path[1..] : "xl/" + path;
            },
            StringComparer.Ordinal);
    }

    private static void WriteSheet(XDocument sheet, SheetFill fill, IReadOnlyDictionary<CellLook, int> looks, Stream output)
    {
        var root = sheet.Root!;
        var ns = root.Name.Namespace;
        var sheetData = root.Element(ns + "sheetData") ?? throw new RegionFormatException($"Лист «{fill.Sheet}» шаблона без данных (sheetData)");
        var templateRows = sheetData.Elements(ns + "row").ToList();
        var lastRow = Math.Max(fill.LastRow, templateRows.Select(RowIndex).DefaultIfEmpty(1).Max());
        var lastColumn = Math.Max(fill.LastColumn, templateRows.SelectMany(r => r.Elements(ns + "c")).Select(c => CellRef.Parse((string)c.Attribute("r")!).Column).DefaultIfEmpty(1).Max());
        root.Element(ns + "dimension")?.SetAttributeValue("ref", $"A1:{CellRef.Letters(lastColumn)}{lastRow}");

        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        writer.WriteStartDocument(true);
        writer.WriteStartElement(root.GetPrefixOfNamespace(ns), root.Name.LocalName, ns.NamespaceName);
        foreach (var attribute in root.Attributes())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                if (attribute.Name.Namespace == XNamespace.None)
                {
                    writer.WriteAttributeString("xmlns", attribute.Value);
                }
                else
                {
                    writer.WriteAttributeString("xmlns", attribute.Name.LocalName, null, attribute.Value);
                }
            }
            else
            {
                writer.WriteAttributeString(root.GetPrefixOfNamespace(attribute.Name.Namespace), attribute.Name.LocalName, attribute.Name.NamespaceName, attribute.Value);
            }
        }

        foreach (var node in root.Nodes())
        {
            if (node != sheetData)
            {
                node.WriteTo(writer);
                continue;
            }

            writer.WriteStartElement(root.GetPrefixOfNamespace(ns), "sheetData", ns.NamespaceName);
            var prefix = root.GetPrefixOfNamespace(ns);
            WriteRows(writer, output, templateRows, fill.Rows, ns, looks, new RowMarkup(string.IsNullOrEmpty(prefix) ? "" : prefix + ":", looks));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>
    /// The template's rows merged with the written ones, in row order: a row the template has is merged into its
    /// element; any other is written straight to the sheet's stream (a register's data rows: no element per row, and
    /// its UTF-8 made at once, past the writer, which is flushed first whenever it wrote since).
    /// </summary>
    private static void WriteRows(XmlWriter writer, Stream output, List<XElement> templateRows, IEnumerable<Row> rows, XNamespace ns,
        IReadOnlyDictionary<CellLook, int> looks, RowMarkup markup)
    {
        var next = 0;
        var flushed = false;
        foreach (var row in rows)
        {
            while (next < templateRows.Count && RowIndex(templateRows[next]) < row.Index)
            {
                templateRows[next++].WriteTo(writer);
                flushed = false;
            }

            if (next < templateRows.Count && RowIndex(templateRows[next]) == row.Index)
            {
                var element = templateRows[next++];
                foreach (var cell in row.Cells)
                {
                    Put(element, ns, row.Index, cell, looks);
                }

                element.WriteTo(writer);
                flushed = false;
            }
            else if (InColumnOrder(row))
            {
                // A new row (a register's data rows): its markup made at once, no element per row or call per cell.
                if (!flushed)
                {
                    // An empty text closes a start tag the writer still holds open (<sheetData>).
                    writer.WriteString("");
                    writer.Flush();
                    flushed = true;
                }

                markup.Format(row);
                markup.WriteTo(output);
            }
            else
            {
                var element = new XElement(ns + "row", new XAttribute("r", row.Index));
                foreach (var cell in row.Cells)
                {
                    Put(element, ns, row.Index, cell, looks);
                }

                element.WriteTo(writer);
                flushed = false;
            }
        }

        while (next < templateRows.Count)
        {
            templateRows[next++].WriteTo(writer);
        }
    }

    private static bool InColumnOrder(Row row)
    {
        for (var i = 1; i < row.Cells.Count; i++)
        {
            if (row.Cells[i].Column <= row.Cells[i - 1].Column)
            {
                return false;
            }
        }

        return true;
    }

    private static int RowIndex(XElement row) => int.Parse((string)row.Attribute("r")!, CultureInfo.InvariantCulture);

    /// <summary>Writes a cell into a row element, replacing the template's cell of that address or inserting it in
    /// column order.</summary>
    private static void Put(XElement row, XNamespace ns, int rowIndex, Cell cell, IReadOnlyDictionary<CellLook, int> looks)
    {
        var reference = CellRef.Letters(cell.Column) + rowIndex.ToString(CultureInfo.InvariantCulture);
        var existing = row.Elements(ns + "c").FirstOrDefault(c => (string?)c.Attribute("r") == reference);
        var style = cell.Look == CellLook.Template ? existing?.Attribute("s")?.Value : looks[cell.Look].ToString(CultureInfo.InvariantCulture);
        var element = new XElement(ns + "c", new XAttribute("r", reference), style is null ? null : new XAttribute("s", style));
        switch (cell.Kind)
        {
            case CellKind.Text:
                element.Add(new XAttribute("t", "inlineStr"),
                    new XElement(ns + "is", new XElement(ns + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), Clean(cell.TextValue!))));
                break;
            case CellKind.Formula:
                element.Add(new XElement(ns + "f", cell.TextValue), new XElement(ns + "v", cell.NumberValue.ToString(CultureInfo.InvariantCulture)));
                break;
            case CellKind.Number:
                element.Add(new XElement(ns + "v", cell.NumberValue.ToString(CultureInfo.InvariantCulture)));
                break;
        }

        if (existing is not null)
        {
            existing.ReplaceWith(element);
            return;
        }

        var after = row.Elements(ns + "c").LastOrDefault(c => CellRef.Parse((string)c.Attribute("r")!).Column < cell.Column);
        if (after is null)
        {
            row.AddFirst(element);
        }
        else
        {
            after.AddAfterSelf(element);
        }
    }

    /// <summary>Characters XML 1.0 cannot hold are dropped.</summary>
    private static string Clean(string text) => text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r'))
        ? new string(text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray())
        : text;

    private static void Save(XDocument document, Stream output)
    {
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        document.Save(writer);
    }
}
