using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>The name grammars of the FLK protocol and the invoice archive (workflows.md §2.1, §3.1).</summary>
public class NameTests
{
    private readonly Primorye25Returns _format = new();

    [Fact]
    public void A_protocol_name_gives_the_mo_the_year_the_month_and_the_short_code()
    {
        var name = _format.ParseErrorProtocolName("FHT25M250999_22039992.xml");

        Assert.Equal(("250999", 2022, 3, "999"), (name.MoCode, name.Year, name.Month, name.MoShortCode));
    }

    [Fact]
    public void Cyrillic_look_alike_letters_in_a_protocol_name_are_read_as_latin()
    {
        // "FHТ25М..." with a Cyrillic Т and М, as TFOMS sometimes writes it.
        var name = _format.ParseErrorProtocolName("VMТ25М250796_25047961.xml");

        Assert.Equal(("250796", 2025, 4, "796"), (name.MoCode, name.Year, name.Month, name.MoShortCode));
    }

    [Theory]
    [InlineData("FHT25M250999_22039992.XML", "Допустимое расширение имени файла .xml FHT25M250999_22039992.XML")]
    [InlineData("protocol.xml", "Имя файла протокола не соответствует шаблону: protocol.xml")]
    [InlineData("FHT25M250999_22139992.xml", "Неверный месяц 13 в имени файла FHT25M250999_22139992.xml")]
    public void A_wrong_protocol_name_is_refused_saying_why(string file, string message)
    {
        var ex = Assert.Throws<RegionFormatException>(() => _format.ParseErrorProtocolName(file));

        Assert.StartsWith(message, ex.Message);
    }

    [Theory]
    [InlineData("HM250796T25_22027961.zip", "250796", "0", 2022, 2, "796")]
    [InlineData("HM250796S25011_211079610.zip", "250796", "25011", 2021, 10, "796")]
    [InlineData("HM250999S25016_2503999.zip", "250999", "25016", 2025, 3, "999")]
    [InlineData("копия HM250796S25011_221279611.zip", "250796", "25011", 2022, 12, "796")]
    [InlineData("НМ250796Т25_22027961.zip", "250796", "0", 2022, 2, "796")]
    public void An_invoice_name_gives_the_mo_the_payer_and_the_period(string file, string mo, string payer, int year, int month, string shortCode)
    {
        var name = _format.ParseInvoiceName(file);

        Assert.Equal((mo, payer, year, month, shortCode), (name.MoCode, name.Payer, name.Year, name.Month, name.MoShortCode));
        Assert.Equal(payer == "0", name.ToFund);
        Assert.Equal(file, name.FileName);
    }

    [Theory]
    [InlineData("HM250796S25011_211079610.rar", "Допустимое расширение имени файла .zip HM250796S25011_211079610.rar")]
    [InlineData("invoice.zip", "Имя файла не соответствует шаблону: invoice.zip")]
    [InlineData("HM250796X25011_211079610.zip", "Имя файла не соответствует шаблону: HM250796X25011_211079610.zip")]
    [InlineData("HM250796S_22027961.zip", "В имени файла счета HM250796S_22027961.zip нет smo")]
    [InlineData("HM250796S25011_210079610.zip", "Неверный месяц 00 в имени файла HM250796S25011_210079610.zip")]
    public void A_wrong_invoice_name_is_refused_saying_why(string file, string message)
    {
        var ex = Assert.Throws<RegionFormatException>(() => _format.ParseInvoiceName(file));

        Assert.Equal(message, ex.Message);
    }
}
