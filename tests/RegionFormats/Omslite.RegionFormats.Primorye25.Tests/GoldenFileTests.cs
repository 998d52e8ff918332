namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>The exact bytes of the three files for small hand-built months (registry-pack-25.md §1.4, §2, §6.3).</summary>
public class GoldenFileTests
{
    [Fact]
    public async Task The_illustrative_record_gives_the_exact_HM_PM_and_LM_bytes()
    {
        var run = await Sample.PackAsync([Sample.Case]);

        Assert.Equal("H25079660101.zip", run.Result.FileName);
        Assert.Equal(["HM250796T25_26017961.xml", "PM250796T25_26017961.xml", "LM250796T25_26017961.xml"], run.EntryNames());
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<ZL_LIST>\n" +
            "<ZGLV><VERSION>6.0</VERSION><DATA>2026-02-03</DATA><FILENAME>HM250796T25_26017961</FILENAME><SD_Z>1</SD_Z></ZGLV>\n" +
            "<SCHET><CODE>7962601</CODE><CODE_MO>250796</CODE_MO><YEAR>2026</YEAR><MONTH>1</MONTH><NSCHET>79626011</NSCHET>" +
            "<DSCHET>2026-02-03</DSCHET><PLAT>25011</PLAT><SUMMAV>0.00</SUMMAV></SCHET>\n" +
            Sample.ZapLine + "\n</ZL_LIST>",
            run.Text("HM"));
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<ZL_LIST>\n" +
            "<ZGLV><DATA>2026-02-03</DATA><FILENAME>PM250796T25_26017961</FILENAME><FILENAME1>HM250796T25_26017961</FILENAME1></ZGLV>\n" +
            "<SCHET><YEAR>2026</YEAR><MONTH>1</MONTH><CODE_MO>250796</CODE_MO><LPU>796</LPU></SCHET>\n" +
            Sample.PLine + "\n</ZL_LIST>",
            run.Text("PM"));
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<PERS_LIST>\n" +
            "<ZGLV><VERSION>3.2</VERSION><DATA>2026-02-03</DATA><FILENAME>LM250796T25_26017961</FILENAME><FILENAME1>HM250796T25_26017961</FILENAME1></ZGLV>\n" +
            Sample.PersLine + "\n</PERS_LIST>",
            run.Text("LM"));
    }

    [Fact]
    public async Task Files_are_windows_1251_bytes_with_LF_only_and_no_trailing_newline()
    {
        var run = await Sample.PackAsync([Sample.Case]);

        var bytes = run.Bytes("LM");
        Assert.Equal(Sample.Cp1251.GetBytes("<FAM>ИВАНОВА</FAM>"), bytes.Skip(IndexOf(bytes, "<FAM>"u8.ToArray())).Take(18).ToArray());
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'>', bytes[^1]);
        Assert.Equal(0xC8, bytes[IndexOf(bytes, "<FAM>"u8.ToArray()) + 5]); // 'И' in cp1251
    }

    [Fact]
    public async Task A_month_with_two_visits_of_one_patient_has_two_ZAP_and_one_PERS_in_visit_order()
    {
        var second = Sample.Case with { VisitId = 502, Number = 1240, Services = [], Specialty = new(27, 97), Purpose = 1, Referral = null };

        var run = await Sample.PackAsync([Sample.Case, second]);

        Assert.Equal(2, run.Result.Records);
        Assert.Equal(1, run.Result.Persons);
        Assert.Equal([501L, 502L], run.Result.Included);
        var zaps = run.Records("HM", 2);
        Assert.Equal(2, zaps.Count);
        Assert.StartsWith("<ZAP><N_ZAP>1240</N_ZAP>", zaps[1]);
        Assert.Contains("<SD_Z>2</SD_Z>", run.Text("HM"));
        Assert.Single(run.Records("LM", 1));
        Assert.Equal(2, run.Records("PM", 2).Count);
    }

    [Fact]
    public async Task Text_escapes_ampersand_and_angle_brackets_but_not_quotes()
    {
        var c = Sample.WithPolicy(p => p with { SmoName = "СМО \"А&Б\" <плюс>" });

        var run = await Sample.PackAsync([c]);

        Assert.Contains("<SMO_NAM>СМО \"А&amp;Б\" &lt;плюс&gt;</SMO_NAM>", run.Text("HM"));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
