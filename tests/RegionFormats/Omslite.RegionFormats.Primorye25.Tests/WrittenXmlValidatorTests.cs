using Omslite.RegionFormats.RegistryXml.Writing;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>
/// The fast validator of the files a pack writes: it must confirm every file the writer makes (or every pack would
/// be validated twice), and must never confirm a document a validating reader would refuse.
/// </summary>
public class WrittenXmlValidatorTests
{
    private static readonly Schemas Schemas = new(typeof(Primorye25Format).Assembly);

    private static async Task<RegionFormats.Tests.PackRun> PackAsync()
    {
        var ampersand = Sample.WithPolicy(p => p with { SmoName = "СМО \"Альянс\" & <партнёры>" }) with { VisitId = 2, Number = 1235 };
        var second = Sample.Case with { VisitId = 3, Number = 1236, Services = [], Specialty = new(27, 97), Purpose = 1, Referral = null };
        return await Sample.PackAsync([Sample.Case, ampersand, second]);
    }

    [Theory]
    [InlineData("HM", "HM-6.0.xsd")]
    [InlineData("PM", "PM.xsd")]
    [InlineData("LM", "LM-3.2.xsd")]
    public async Task Every_file_a_pack_writes_is_confirmed_whole_and_in_parts(string prefix, string schema)
    {
        var bytes = (await PackAsync()).Bytes(prefix);
        var firstRecord = IndexOfLine(bytes, prefix == "LM" ? 3 : 4);
        var tail = Array.LastIndexOf(bytes, (byte)'\n') + 1;

        Assert.True(Schemas.Confirms(schema, bytes));
        Assert.True(Schemas.Confirms(schema, bytes.AsMemory(0, firstRecord), bytes.AsMemory(firstRecord, tail - firstRecord), bytes.AsMemory(tail)));
    }

    [Theory]
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>x</VPOLIS>")] // a value the schema refuses
    [InlineData("<VPOLIS>3</VPOLIS>", "")] // a required element missing
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>3</VPOLIS><VPOLIS>3</VPOLIS>")] // one too many
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>3</VPOLIS><UNKNOWN>1</UNKNOWN>")] // an element the schema does not have
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>3</VPOLIS_>")] // not well-formed
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS a=\"1\">3</VPOLIS>")] // an attribute
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>3<!-- c --></VPOLIS>")] // a comment
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS><![CDATA[3]]></VPOLIS>")] // a CDATA section
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS>&#51;</VPOLIS>")] // a character reference
    [InlineData("<VPOLIS>3</VPOLIS>", "<VPOLIS> 3</VPOLIS>")] // a space the pattern refuses
    [InlineData("<SMO>25011</SMO>", "<SMO>25&quot;11</SMO>")] // an entity the writer never makes
    [InlineData("<SMO>25011</SMO>", "<SMO> </SMO>")] // a value of spaces
    [InlineData("<SMO>25011</SMO>", "<SMO>250]]>11</SMO>")] // "]]>" in text
    [InlineData("<SMO>25011</SMO>", "<SMO>250\t11</SMO>")] // a control character
    [InlineData("<PACIENT>", "<PACIENT>\n")] // a line feed in a record
    [InlineData("</ZL_LIST>", "</ZL_LIST>\n")] // anything after the root
    [InlineData("</ZL_LIST>", "</ZL_LIST><ZL_LIST>")] // a second root
    [InlineData("</ZL_LIST>", "")] // an unclosed root
    [InlineData("encoding=\"windows-1251\"", "encoding=\"utf-8\"")] // another declaration
    public async Task A_document_outside_the_written_form_or_the_schema_is_never_confirmed(string from, string to)
    {
        var text = Sample.Cp1251.GetString((await PackAsync()).Bytes("HM"));
        Assert.Contains(from, text);

        Assert.False(Schemas.Confirms("HM-6.0.xsd", Sample.Cp1251.GetBytes(ReplaceFirst(text, from, to))));
    }

    [Fact]
    public async Task A_part_that_ends_inside_a_tag_is_not_confirmed()
    {
        var bytes = (await PackAsync()).Bytes("HM");
        var cut = Array.IndexOf(bytes, (byte)'<', IndexOfLine(bytes, 4)) + 3;

        Assert.False(Schemas.Confirms("HM-6.0.xsd", bytes.AsMemory(0, cut), bytes.AsMemory(cut)));
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    /// <summary>Where line <paramref name="line"/> (0-based) of the file starts.</summary>
    private static int IndexOfLine(byte[] bytes, int line)
    {
        var at = 0;
        for (var i = 0; i < line; i++)
        {
            at = Array.IndexOf(bytes, (byte)'\n', at) + 1;
        }

        return at;
    }
}
