using System.Text;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>The streamed reading of an FLK_P protocol (SDK 1.3): the same cases as the whole read, handed over as the
/// file is parsed, with a failure coming out where the parser reaches it.</summary>
public class ProtocolStreamTests
{
    private const string File = "FHT25M250796_25047961.xml";

    private readonly Primorye25Returns _format = new();

    private static MemoryStream Cp1251(string text) => new(Support.Cp1251.GetBytes(text));

    [Fact]
    public async Task A_streamed_read_gives_the_cases_header_and_count_of_the_whole_read()
    {
        var whole = _format.ReadErrorProtocol(Cp1251(ProtocolReaderTests.Sample), File, Support.Mo(), default);
        var summary = new ErrorProtocolSummary();

        var cases = await _format.ReadErrorProtocolCasesAsync(Cp1251(ProtocolReaderTests.Sample), File, Support.Mo(), summary, default).ToListAsync();

        Assert.Equal(whole.Cases.Select(c => (c.IdCase, c.Card, string.Join(",", c.Errors))), cases.Select(c => (c.IdCase, c.Card, string.Join(",", c.Errors))));
        Assert.Equal(whole.Records, summary.Records);
        Assert.Equal(whole.Header, summary.Header);
    }

    [Fact]
    public async Task A_file_broken_after_its_first_records_fails_in_russian_once_the_cases_before_were_handed_over()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<FLK_P>\n");
        for (var number = 1; number <= 100; number++)
        {
            xml.Append($"<ZAP><SL><IDCASE>{number}</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP>\n");
        }

        xml.Append("<ZAP><SL><IDCASE>101</IDCASE><OTKAZ>\n</SL></ZAP>\n</FLK_P>");
        var handed = new List<int>();

        var failure = await Assert.ThrowsAsync<RegionFormatException>(async () =>
        {
            await foreach (var refused in _format.ReadErrorProtocolCasesAsync(Cp1251(xml.ToString()), File, Support.Mo(), new ErrorProtocolSummary(), default))
            {
                handed.Add(refused.IdCase);
            }
        });

        Assert.Equal(Enumerable.Range(1, 100), handed);
        Assert.StartsWith($"Файл {File}, строка 104:", failure.Message);
    }

    [Fact]
    public async Task A_dtd_is_refused_by_the_streamed_read_too()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE FLK_P [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><FLK_P><ZAP><SL><IDCASE>1</IDCASE><OTKAZ><I_TYPE>&x;</I_TYPE></OTKAZ></SL></ZAP></FLK_P>";

        var failure = await Assert.ThrowsAsync<RegionFormatException>(async () =>
            await _format.ReadErrorProtocolCasesAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), File, Support.Mo(), new ErrorProtocolSummary(), default).ToListAsync());

        Assert.Equal($"Файл {File}: DTD и внешние сущности в файле запрещены", failure.Message);
    }
}
