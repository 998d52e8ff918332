using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>The exact bytes of the HM and LM files and the zip entries of a small hand-built month.</summary>
public class GoldenFileTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n";

    private const string CtZap =
        "<ZAP><N_ZAP>1234</N_ZAP><PR_NOV>0</PR_NOV><PACIENT><ID_PAC>2512345678901234</ID_PAC><VPOLIS>3</VPOLIS>" +
        "<ENP>2512345678901234</ENP><ST_OKATO>05000</ST_OKATO><SMO>25011</SMO><SMO_NAM>ООО СМО \"Восточно-страховой альянс\"</SMO_NAM>" +
        "<NOVOR>0</NOVOR><SOC>000</SOC><MO_PR>250228</MO_PR><VZ>1</VZ></PACIENT><Z_SL><IDCASE>1234</IDCASE><USL_OK>3</USL_OK>" +
        "<VIDPOM>13</VIDPOM><FOR_POM>3</FOR_POM><NPR_MO>250228</NPR_MO><NPR_DATE>2026-01-10</NPR_DATE><NPR_NUM>228000123</NPR_NUM>" +
        "<LPU>250796</LPU><DATE_Z_1>2026-01-12</DATE_Z_1><DATE_Z_2>2026-01-12</DATE_Z_2><RSLT>314</RSLT><ISHOD>304</ISHOD>" +
        "<SL><SL_ID>1</SL_ID><LPU_1>25202607000001001</LPU_1><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>0</DET>" +
        "<P_CEL>2.1</P_CEL><MOP>1</MOP><NHISTORY>1234</NHISTORY><DATE_1>2026-01-12</DATE_1><DATE_2>2026-01-12</DATE_2>" +
        "<DS1>R91</DS1><C_ZAB>1</C_ZAB><PRVS>60</PRVS><VERS_SPEC>V021</VERS_SPEC><IDDOKT>10122021147</IDDOKT>" +
        "<ED_COL>1</ED_COL><SUM_M>2189.50</SUM_M>" +
        "<USL><IDSERV>1</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL>" +
        "<PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-12</DATE_IN><DATE_OUT>2026-01-12</DATE_OUT><DS>R91</DS>" +
        "<CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><TARIF>2189.50</TARIF><SUMV_USL>2189.50</SUMV_USL>" +
        "<MR_USL_N><MR_N>1</MR_N><PRVS>60</PRVS><CODE_MD>10122021147</CODE_MD></MR_USL_N></USL>" +
        "</SL><IDSP>28</IDSP><SUMV>2189.50</SUMV></Z_SL></ZAP>";

    private const string MriZap =
        "<ZAP><N_ZAP>1240</N_ZAP><PR_NOV>0</PR_NOV><PACIENT><ID_PAC>2512345678901234</ID_PAC><VPOLIS>3</VPOLIS>" +
        "<ENP>2512345678901234</ENP><ST_OKATO>05000</ST_OKATO><SMO>25011</SMO><SMO_NAM>ООО СМО \"Восточно-страховой альянс\"</SMO_NAM>" +
        "<NOVOR>0</NOVOR><SOC>000</SOC><MO_PR>250228</MO_PR><VZ>1</VZ></PACIENT><Z_SL><IDCASE>1240</IDCASE><USL_OK>3</USL_OK>" +
        "<VIDPOM>13</VIDPOM><FOR_POM>3</FOR_POM>" +
        "<LPU>250796</LPU><DATE_Z_1>2026-01-20</DATE_Z_1><DATE_Z_2>2026-01-20</DATE_Z_2><RSLT>314</RSLT><ISHOD>304</ISHOD>" +
        "<SL><SL_ID>1</SL_ID><LPU_1>25202607000001001</LPU_1><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>0</DET>" +
        "<P_CEL>2.1</P_CEL><MOP>1</MOP><NHISTORY>1240</NHISTORY><DATE_1>2026-01-20</DATE_1><DATE_2>2026-01-20</DATE_2>" +
        "<DS1>M54.5</DS1><C_ZAB>2</C_ZAB><PRVS>60</PRVS><VERS_SPEC>V021</VERS_SPEC><IDDOKT>10122021147</IDDOKT>" +
        "<ED_COL>2</ED_COL><SUM_M>7700.00</SUM_M>" +
        "<USL><IDSERV>1</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL>" +
        "<PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-20</DATE_IN><DATE_OUT>2026-01-20</DATE_OUT><DS>M54.5</DS>" +
        "<CODE_USL>A05.23.009</CODE_USL><KOL_USL>2</KOL_USL><TARIF>3850.00</TARIF><SUMV_USL>7700.00</SUMV_USL>" +
        "<MR_USL_N><MR_N>1</MR_N><PRVS>60</PRVS><CODE_MD>10122021147</CODE_MD></MR_USL_N></USL>" +
        "</SL><IDSP>28</IDSP><SUMV>7700.00</SUMV></Z_SL></ZAP>";

    private const string GuestZap =
        "<ZAP><N_ZAP>1250</N_ZAP><PR_NOV>1</PR_NOV><PACIENT><ID_PAC>067086</ID_PAC><VPOLIS>1</VPOLIS><SPOLIS>ЯА</SPOLIS>" +
        "<NPOLIS>067086</NPOLIS><ST_OKATO>87000</ST_OKATO><SMO_NAM>АО «СК Альфа»</SMO_NAM>" +
        "<NOVOR>0</NOVOR><SOC>035</SOC><VZ>3</VZ></PACIENT><Z_SL><IDCASE>1250</IDCASE><USL_OK>3</USL_OK>" +
        "<VIDPOM>12</VIDPOM><FOR_POM>3</FOR_POM>" +
        "<LPU>250796</LPU><DATE_Z_1>2026-01-15</DATE_Z_1><DATE_Z_2>2026-01-15</DATE_Z_2><RSLT>314</RSLT><ISHOD>304</ISHOD>" +
        "<OS_SLUCH>2</OS_SLUCH>" +
        "<SL><SL_ID>1</SL_ID><LPU_1>25202607000001001</LPU_1><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>0</DET>" +
        "<P_CEL>2.1</P_CEL><MOP>1</MOP><NHISTORY>1250</NHISTORY><DATE_1>2026-01-15</DATE_1><DATE_2>2026-01-15</DATE_2>" +
        "<DS1>Z01.8</DS1><PRVS>60</PRVS><VERS_SPEC>V021</VERS_SPEC><IDDOKT>10122021147</IDDOKT>" +
        "<ED_COL>1</ED_COL><SUM_M>2189.50</SUM_M>" +
        "<USL><IDSERV>1</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL>" +
        "<PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-15</DATE_IN><DATE_OUT>2026-01-15</DATE_OUT><DS>Z01.8</DS>" +
        "<CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><TARIF>2189.50</TARIF><SUMV_USL>2189.50</SUMV_USL>" +
        "<MR_USL_N><MR_N>1</MR_N><PRVS>60</PRVS><CODE_MD>10122021147</CODE_MD></MR_USL_N></USL>" +
        "</SL><IDSP>28</IDSP><SUMV>2189.50</SUMV></Z_SL></ZAP>";

    [Fact]
    public async Task A_small_month_gives_the_exact_HM_and_LM_bytes_and_zip_entries()
    {
        var run = await PackAsync([Ct, Mri, Guest]);

        Assert.Equal("HM250796T25_26011.zip", run.Result.FileName);
        Assert.Equal(["HM250796T25_26011.xml", "LM250796T25_26011.xml"], run.EntryNames());
        Assert.Equal(run.EntryNames(), run.Result.Entries);
        Assert.Equal((3, 2), (run.Result.Records, run.Result.Persons));
        Assert.Equal([501L, 502L, 503L], run.Result.Included);
        Assert.Equal(
            Declaration + "<ZL_LIST>\n" +
            "<ZGLV><VERSION>6.0</VERSION><DATA>2026-02-03</DATA><FILENAME>HM250796T25_26011</FILENAME><SD_Z>3</SD_Z></ZGLV>\n" +
            "<SCHET><CODE>26011</CODE><CODE_MO>250796</CODE_MO><YEAR>2026</YEAR><MONTH>1</MONTH><NSCHET>250796-26011</NSCHET>" +
            "<DSCHET>2026-02-03</DSCHET><PLAT>25011</PLAT><SUMMAV>12079.00</SUMMAV></SCHET>\n" +
            CtZap + "\n" + MriZap + "\n" + GuestZap + "\n</ZL_LIST>",
            run.Text("HM250796T25_26011.xml"));
        Assert.Equal(
            Declaration + "<PERS_LIST>\n" +
            "<ZGLV><VERSION>3.2</VERSION><DATA>2026-02-03</DATA><FILENAME>LM250796T25_26011</FILENAME><FILENAME1>HM250796T25_26011</FILENAME1></ZGLV>\n" +
            "<PERS><ID_PAC>2512345678901234</ID_PAC><FAM>ИВАНОВА</FAM><IM>АННА</IM><OT>СЕРГЕЕВНА</OT><W>2</W><DR>1976-06-19</DR>" +
            "<DOCTYPE>14</DOCTYPE><DOCSER>05 12</DOCSER><DOCNUM>345678</DOCNUM><DOCDATE>2021-07-01</DOCDATE><DOCORG>УМВД</DOCORG></PERS>\n" +
            "<PERS><ID_PAC>067086</ID_PAC><FAM>ПЕТРОВ</FAM><IM>ИГОРЬ</IM><W>1</W><DR>1950-03-05</DR><DOST>1</DOST>" +
            "<DOCTYPE>14</DOCTYPE><DOCSER>05 12</DOCSER><DOCNUM>345679</DOCNUM><DOCDATE>2015-04-02</DOCDATE><DOCORG>ОВД «Центральный»</DOCORG></PERS>\n" +
            "</PERS_LIST>",
            run.Text("LM250796T25_26011.xml"));
    }

    [Fact]
    public async Task Files_are_windows_1251_with_LF_only_and_no_trailing_newline()
    {
        var run = await PackAsync([Guest]);

        var bytes = run.Entry("LM250796T25_26011.xml");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'>', bytes[^1]);
        Assert.Equal(Cp1251.GetBytes("ОВД «Центральный»"), bytes.AsSpan().Slice(bytes.AsSpan().IndexOf("<DOCORG>"u8) + 8, 17).ToArray());
    }
}
