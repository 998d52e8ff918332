using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>Reading an FLK_P protocol: first SL only, ignored codes, each code once, ZAPs without errors skipped.</summary>
public class ProtocolReaderTests
{
    private const string File = "FHT25M250796_25047961.xml";

    private readonly Primorye25Returns _format = new();

    public const string Sample = """
        <?xml version="1.0" encoding="windows-1251"?>
        <FLK_P>
          <FNAME>FHT25M250796_25047961</FNAME>
          <FNAME_I>HM250796T25_25047961</FNAME_I>
          <SCHET><CODE>7962504</CODE><CODE_MO>250796</CODE_MO><YEAR>2025</YEAR><MONTH>4</MONTH><NSCHET>79625041</NSCHET><DSCHET>2025-05-05</DSCHET></SCHET>
          <ZAP><N_ZAP>1</N_ZAP>
            <SL><SL_ID>1</SL_ID><IDCASE>101</IDCASE><CARD>555</CARD>
              <OTKAZ><I_TYPE>824</I_TYPE><COMMENT>дубль</COMMENT></OTKAZ>
              <OTKAZ><I_TYPE>519</I_TYPE><COMMENT>Нет направления</COMMENT></OTKAZ>
              <OTKAZ><I_TYPE>519</I_TYPE><COMMENT>повтор того же кода</COMMENT></OTKAZ>
              <OTKAZ><I_TYPE>МТР_106</I_TYPE><COMMENT/></OTKAZ>
            </SL>
            <SL><SL_ID>2</SL_ID><IDCASE>999</IDCASE><OTKAZ><I_TYPE>700</I_TYPE></OTKAZ></SL>
          </ZAP>
          <ZAP><N_ZAP>2</N_ZAP><SL><IDCASE>102</IDCASE><OTKAZ><I_TYPE>824</I_TYPE></OTKAZ></SL></ZAP>
          <ZAP><N_ZAP>3</N_ZAP><SL><IDCASE>103</IDCASE><CARD></CARD><OTKAZ><I_TYPE>5</I_TYPE><COMMENT>Ошибка в ДУЛ</COMMENT></OTKAZ></SL></ZAP>
        </FLK_P>
        """;

    private static MemoryStream Cp1251(string text) => new(Support.Cp1251.GetBytes(text));

    [Fact]
    public void The_first_sl_of_each_zap_gives_its_kept_errors_once_each_and_824_is_ignored()
    {
        var protocol = _format.ReadErrorProtocol(Cp1251(Sample), File, Support.Mo(), default);

        Assert.Equal(3, protocol.Records);
        Assert.Equal([101, 103], protocol.Cases.Select(c => c.IdCase));
        var first = protocol.Cases[0];
        Assert.Equal("555", first.Card);
        Assert.Equal(["519", "МТР_106"], first.Errors.Select(e => e.Code));
        Assert.Equal("Нет направления", first.Errors[0].Comment);
        Assert.Null(first.Errors[1].Comment);
        Assert.Equal("Ошибка в ДУЛ", protocol.Cases[1].Errors.Single().Comment);
        Assert.Equal(("FHT25M250796_25047961", "79625041", "2025-05-05"), (protocol.Header.FileName, protocol.Header.InvoiceNumber, protocol.Header.InvoiceDate));
        Assert.Equal((2025, 4, "250796"), (protocol.Name.Year, protocol.Name.Month, protocol.Name.MoCode));
    }

    [Fact]
    public void The_ignore_list_is_an_mo_setting_and_none_ignores_nothing()
    {
        var none = _format.ReadErrorProtocol(Cp1251(Sample), File, Support.Mo(("flkIgnoreCodes", "none")), default);
        var custom = _format.ReadErrorProtocol(Cp1251(Sample), File, Support.Mo(("flkIgnoreCodes", "519, 5")), default);
        var only = _format.ReadErrorProtocol(Cp1251(Sample), File, Support.Mo(("flkOnlyCodes", "5")), default);

        Assert.Equal([101, 102, 103], none.Cases.Select(c => c.IdCase));
        Assert.Equal(["824", "519", "МТР_106"], none.Cases[0].Errors.Select(e => e.Code));
        Assert.Equal([101, 102], custom.Cases.Select(c => c.IdCase));
        Assert.Equal(["824", "МТР_106"], custom.Cases[0].Errors.Select(e => e.Code));
        Assert.Equal([103], only.Cases.Select(c => c.IdCase));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE FLK_P [<!ENTITY x SYSTEM "file:///etc/passwd">]><FLK_P><ZAP><SL><IDCASE>1</IDCASE><OTKAZ><I_TYPE>&x;</I_TYPE></OTKAZ></SL></ZAP></FLK_P>""", "DTD и внешние сущности в файле запрещены")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><FLK_P>&lol2;</FLK_P>""", "DTD и внешние сущности в файле запрещены")]
    [InlineData("<FLK_P>\n<ZAP><SL><IDCASE>1</IDCASE>\n<OTKAZ><I_TYPE>5</I_TYPE></SL></ZAP></FLK_P>", "строка 3")]
    [InlineData("<ZL_LIST><ZAP/></ZL_LIST>", "это не протокол ФЛК")]
    [InlineData("<FLK_P>\n<ZAP><SL><IDCASE>abc</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP></FLK_P>", "строка 2: IDCASE «abc» не является номером талона")]
    [InlineData("", "файл пуст")]
    public void A_broken_or_hostile_protocol_is_refused_with_a_russian_message(string xml, string expected)
    {
        var ex = Assert.Throws<RegionFormatException>(() => _format.ReadErrorProtocol(Support.Utf8(xml), File, Support.Mo(), default));

        Assert.Contains(expected, ex.Message);
        Assert.StartsWith($"Файл {File}", ex.Message);
    }
}
