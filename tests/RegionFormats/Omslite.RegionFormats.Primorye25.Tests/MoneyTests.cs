using System.Globalization;
using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>The two forms sums are written in (registry-pack-25.md: SUM_M, SUMV and TARIF shortest with one decimal,
/// SUMV_USL with two).</summary>
public class MoneyTests
{
    [Theory]
    [InlineData("2189.50", "2189.5")]
    [InlineData("2000", "2000.0")]
    [InlineData("2000.000", "2000.0")]
    [InlineData("10054.84", "10054.84")]
    [InlineData("0", "0.0")]
    [InlineData("0.00", "0.0")]
    [InlineData("0.125", "0.125")]
    [InlineData("-12.30", "-12.3")]
    [InlineData("1234567.0000001", "1234567.0000001")]
    public void The_shortest_form_keeps_one_decimal_and_every_significant_one(string value, string written) =>
        Assert.Equal(written, Money.Shortest(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2189.5", "2189.50")]
    [InlineData("2000", "2000.00")]
    [InlineData("1.005", "1.01")]
    [InlineData("2.675", "2.68")]
    [InlineData("-2.675", "-2.68")]
    [InlineData("0.004", "0.00")]
    [InlineData("10054.8449", "10054.84")]
    public void Two_decimals_are_rounded_half_away_from_zero(string value, string written) =>
        Assert.Equal(written, Money.TwoDecimals(decimal.Parse(value, CultureInfo.InvariantCulture)));
}
