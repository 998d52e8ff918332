using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>Reading an invoice archive: HM cases joined with LM persons, MEK by SUMP, services aggregated by code.</summary>
public class InvoiceReaderTests
{
    private readonly Primorye25Returns _format = new();

    public const string H = """
        <?xml version="1.0" encoding="windows-1251"?>
        <ZL_LIST><ZGLV><VERSION>6.0</VERSION></ZGLV><SCHET><CODE>1</CODE></SCHET>
        <ZAP><N_ZAP>1</N_ZAP><PACIENT><ID_PAC>2512345678901234</ID_PAC><VPOLIS>3</VPOLIS><ENP>2512345678901234</ENP></PACIENT>
        <Z_SL><USL_OK>3</USL_OK><VIDPOM>11</VIDPOM><FOR_POM>3</FOR_POM><DATE_Z_1>2022-02-01</DATE_Z_1><DATE_Z_2>2022-02-03</DATE_Z_2><RSLT>314</RSLT><ISHOD>304</ISHOD>
        <SL><PROFIL>78</PROFIL><NHISTORY>1002</NHISTORY><DS1>R91</DS1><PRVS>60</PRVS>
        <USL><PROFIL>78</PROFIL><CODE_USL>A06.09.005</CODE_USL><KOL_USL>2.00</KOL_USL><TARIF>2230.73</TARIF><PRVS>60</PRVS></USL>
        <USL><CODE_USL>B01.039.001</CODE_USL><KOL_USL>1</KOL_USL><TARIF>0</TARIF></USL></SL>
        <IDSP>28</IDSP><SUMV>2230.73</SUMV><SUMP>2230.73</SUMP></Z_SL></ZAP>
        <ZAP><N_ZAP>2</N_ZAP><PACIENT><ID_PAC>77</ID_PAC><SPOLIS>АБ</SPOLIS><NPOLIS>123456</NPOLIS></PACIENT>
        <Z_SL><USL_OK>3</USL_OK><VIDPOM>13</VIDPOM><DATE_Z_1>2022-02-04</DATE_Z_1><DATE_Z_2>2022-02-04</DATE_Z_2><RSLT>314</RSLT>
        <SL><PROFIL>78</PROFIL><NHISTORY>1001</NHISTORY><DS1>K87.1</DS1><PRVS>60</PRVS>
        <USL><CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><TARIF>9999</TARIF></USL></SL>
        <IDSP>28</IDSP><SUMV>1500.10</SUMV><SUMP>0.00</SUMP></Z_SL></ZAP>
        <ZAP><N_ZAP>3</N_ZAP><PACIENT><ID_PAC>88</ID_PAC></PACIENT>
        <Z_SL><SL><NHISTORY>1003</NHISTORY></SL><SUMV>10</SUMV></Z_SL></ZAP>
        <ZAP><N_ZAP>4</N_ZAP><PACIENT><ID_PAC>89</ID_PAC></PACIENT>
        <Z_SL><SL><NHISTORY>1004</NHISTORY></SL><SUMV>10</SUMV><SUMP/></Z_SL></ZAP>
        </ZL_LIST>
        """;

    public const string L = """
        <?xml version="1.0" encoding="windows-1251"?>
        <PERS_LIST><ZGLV><VERSION>3.2</VERSION></ZGLV>
        <PERS><ID_PAC>2512345678901234</ID_PAC><FAM>ИВАНОВА</FAM><IM>анна</IM><OT>СЕРГЕЕВНА</OT><W>2</W><DR>1976-06-19</DR></PERS>
        <PERS><ID_PAC>77</ID_PAC><FAM>ПЕТРОВ</FAM><IM>ПЁТР</IM><W>1</W><DR>1950-01-31</DR></PERS>
        </PERS_LIST>
        """;

    private static InvoiceName Name => new("HM250796S25011_221079611.zip", "250796", "25011", 2022, 2, "796");

    private static MemoryArchive Archive(string h = H, string l = L, string hName = "HM250796S25011_2202796.xml", string lName = "LM250796S25011_2202796.xml") =>
        new((hName, Support.Cp1251.GetBytes(h)), (lName, Support.Cp1251.GetBytes(l)));

    [Fact]
    public void Cases_come_with_their_patients_and_mek_is_a_sump_of_zero_or_missing()
    {
        var invoice = _format.ReadInvoice(Archive(), Name, default);

        Assert.Equal("HM250796S25011_2202796.xml", invoice.CaseFile);
        Assert.Equal([1002, 1001, 1003, 1004], invoice.Cases.Select(c => c.NHistory));
        var first = invoice.Cases[0];
        Assert.Equal(("2512345678901234", "ИВАНОВА", "анна", 2, new DateOnly(1976, 6, 19)), (first.IdPac, first.Fam, first.Im, first.W, first.Dr));
        Assert.Equal((3, 11, 3, 314, 304, 78, "R91", 60, 28), (first.UslOk, first.Vidpom, first.ForPom, first.Rslt, first.Ishod, first.Profil, first.Ds1, first.Prvs, first.Idsp));
        Assert.Equal((2230.73m, 2230.73m), (first.Sumv, first.Sump));
        Assert.Equal(("АБ", "123456", "ПЁТР"), (invoice.Cases[1].PolicySeries, invoice.Cases[1].PolicyNumber, invoice.Cases[1].Im));
        Assert.Null(invoice.Cases[2].Fam);
        Assert.Equal([false, true, true, true], invoice.Cases.Select(c => c.IsMek));
    }

    [Fact]
    public void Services_are_summed_by_code_keeping_the_first_tariff()
    {
        var invoice = _format.ReadInvoice(Archive(), Name, default);

        Assert.Equal(
            [new InvoiceService("A06.09.005", 3, 2230.73m, 78, 60), new InvoiceService("B01.039.001", 1, 0m, null, null)],
            invoice.Services);
    }

    [Fact]
    public void A_cm_file_pairs_with_lc_and_only_the_leading_letter_is_replaced()
    {
        var invoice = _format.ReadInvoice(Archive(hName: "dir/CM250796S25011_HM.xml", lName: "dir/LCM250796S25011_HM.xml"), Name, default);

        Assert.Equal(4, invoice.Cases.Count);
        Assert.Equal("ИВАНОВА", invoice.Cases[0].Fam);
    }

    [Fact]
    public void An_archive_without_an_h_file_or_without_its_l_pair_is_refused()
    {
        var noH = Assert.Throws<RegionFormatException>(() => _format.ReadInvoice(new MemoryArchive(("readme.txt", [1])), Name, default));
        var noL = Assert.Throws<RegionFormatException>(() => _format.ReadInvoice(Archive(lName: "XM.xml"), Name, default));

        Assert.Equal("Тип счета не поддерживается", noH.Message);
        Assert.Equal("В архиве HM250796S25011_221079611.zip нет файла LM250796S25011_2202796.xml", noL.Message);
    }

    [Theory]
    [InlineData("<ZL_LIST>\n<ZAP><N_ZAP>1</N_ZAP><Z_SL/></ZAP></ZL_LIST>", "строка 2: в записи нет PACIENT")]
    [InlineData("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<ZL_LIST><ZAP><PACIENT/><Z_SL><SUMP>много</SUMP></Z_SL></ZAP></ZL_LIST>", "строка 2: SUMP «много» — ожидается сумма")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE ZL_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]><ZL_LIST>&x;</ZL_LIST>""", "DTD и внешние сущности в файле запрещены")]
    [InlineData("<PERS_LIST/>", "это не файл счета (H)")]
    public void A_malformed_or_hostile_h_file_is_refused(string h, string expected)
    {
        var ex = Assert.Throws<RegionFormatException>(() => _format.ReadInvoice(Archive(h: h), Name, default));

        Assert.Contains(expected, ex.Message);
    }
}
