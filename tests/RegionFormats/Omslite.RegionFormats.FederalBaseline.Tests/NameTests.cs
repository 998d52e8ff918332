using Omslite.Sdk.Connectors;
using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>The federal name grammar with the pack number as the sequence part; the receiver is the MO's region.</summary>
public class NameTests
{
    [Theory]
    [InlineData("250796", "25", 2026, 1, 1, "HM250796T25_26011", "26011", "250796-26011")]
    [InlineData("270047", "27", 2026, 11, 3, "HM270047T27_26113", "26113", "270047-26113")]
    [InlineData("770001", "77", 2030, 12, 9, "HM770001T77_30129", "30129", "770001-30129")]
    public async Task Files_zip_and_schet_follow_the_mo_month_and_number(
        string code, string region, int year, int month, int number, string h, string schetCode, string nschet)
    {
        var mo = Mo with { Code = code, Region = region };
        var period = new ReportPeriod(year, month);
        var visit = Ct with { ReportPeriod = period };

        var run = await PackAsync([visit], number, mo, period);

        Assert.Equal(h + ".zip", run.Result.FileName);
        Assert.Equal([h + ".xml", "L" + h[1..] + ".xml"], run.EntryNames());
        var text = run.Text(h + ".xml");
        Assert.Contains($"<FILENAME>{h}</FILENAME>", text);
        Assert.Contains($"<CODE>{schetCode}</CODE><CODE_MO>{code}</CODE_MO><YEAR>{year}</YEAR><MONTH>{month}</MONTH><NSCHET>{nschet}</NSCHET>", text);
        Assert.Contains($"<FILENAME1>{h}</FILENAME1>", run.Text("L" + h[1..] + ".xml"));
    }
}
