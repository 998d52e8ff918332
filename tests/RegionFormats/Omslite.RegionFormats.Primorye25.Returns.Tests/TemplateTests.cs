using System.IO.Compression;
using Omslite.RegionFormats.Primorye25.Registers;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>The shipped templates are the generator's output, valid workbooks with the sheets the registers fill.</summary>
public class TemplateTests
{
    private static string Folder => Path.Combine(Support.RepoRoot, "plugins", "region-formats", "Primorye25", "Templates");

    [Theory]
    [InlineData("reestr_amb", new[] { "Лист1" })]
    [InlineData("reestr_foms", new[] { "Лист1" })]
    [InlineData("tarifs", new[] { "Лист1" })]
    [InlineData("reestr_mo", new[] { "МРТ", "КТ" })]
    [InlineData("by_month", new[] { "МРТ", "КТ" })]
    [InlineData("by_usl", new[] { "МРТ", "КТ" })]
    public void The_checked_in_template_is_the_generators_output_and_a_valid_workbook(string name, string[] sheets)
    {
        var generated = TemplateGenerator.Build(name);
        var file = Path.Combine(Folder, name + ".xlsx");
        if (Environment.GetEnvironmentVariable("OMSLITE_WRITE_TEMPLATES") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(file, generated);
        }

        Assert.Equal(Parts(generated), Parts(File.ReadAllBytes(file)));
        using var workbook = new Workbook(generated);
        Assert.Equal(sheets, workbook.SheetNames);
        Assert.Empty(workbook.Errors());
    }

    private static Dictionary<string, string> Parts(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }
}
