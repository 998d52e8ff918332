using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Plugins;
using Omslite.Hub.Returns;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Tests.Returns;

/// <summary>
/// How the hub takes a protocol's cases from a format (<see cref="ProtocolCases"/>): streamed from a format built for
/// SDK 1.3, whole from one built for SDK 1.2 — the same cases, header and count either way. The format is the
/// primorye-25 plugin loaded from its build output; its SDK 1.2 face is the plugin seen through the old interface only.
/// </summary>
public class ProtocolCasesTests
{
    private const string File = "FHT25M250796_25047961.xml";

    private static readonly RegistryMo Mo = new() { Code = "250796", ShortCode = "796", Name = "Центр КТ и МРТ", Region = "25", Okato = "05000" };

    private readonly IErrorProtocolReader _format = PluginCatalog.Load(BuiltPlugins.Folder(("region-formats/Primorye25", "primorye-25")), NullLogger.Instance)
        .Get<IErrorProtocolReader>().Single();

    private static string Protocol(int records, bool brokenAtTheEnd) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<FLK_P><FNAME>FHT25M250796_25047961</FNAME>"
        + "<SCHET><CODE_MO>250796</CODE_MO><YEAR>2025</YEAR><MONTH>4</MONTH></SCHET>\n"
        + string.Concat(Enumerable.Range(1, records).Select(n =>
            $"<ZAP><SL><IDCASE>{n}</IDCASE><CARD>C{n}</CARD><OTKAZ><I_TYPE>{(n % 3 == 0 ? "824" : "5")}</I_TYPE><COMMENT>к {n}</COMMENT></OTKAZ>"
            + (n % 7 == 0 ? "<OTKAZ><I_TYPE>519</I_TYPE></OTKAZ>" : "") + "</SL></ZAP>\n"))
        + (brokenAtTheEnd ? "<ZAP><SL><IDCASE>x</IDCASE><OTKAZ>\n</SL></ZAP>" : "") + "</FLK_P>";

    private static async Task<(List<ProtocolCase> Cases, ErrorProtocolSummary Summary)> ReadAsync(IErrorProtocolReader reader, string xml, List<int>? handed = null)
    {
        var summary = new ErrorProtocolSummary();
        var cases = new List<ProtocolCase>();
        await foreach (var refused in ProtocolCases.Read(reader, new MemoryStream(Encoding.UTF8.GetBytes(xml)), File, Mo, summary, CancellationToken.None))
        {
            cases.Add(refused);
            handed?.Add(refused.IdCase);
        }

        return (cases, summary);
    }

    private static string Shown(IEnumerable<ProtocolCase> cases) =>
        string.Join(";", cases.Select(c => $"{c.IdCase}/{c.Card}/" + string.Join(",", c.Errors.Select(e => $"{e.Code}:{e.Comment}:{e.Element}"))));

    [Fact]
    public async Task A_format_built_for_sdk_1_2_is_read_whole_and_gives_what_the_streamed_read_gives()
    {
        Assert.IsAssignableFrom<IErrorProtocolStreamReader>(_format);
        var xml = Protocol(3000, brokenAtTheEnd: false);

        var streamed = await ReadAsync(_format, xml);
        var whole = await ReadAsync(new Sdk12Reader(_format), xml);

        Assert.Equal(2142, streamed.Cases.Count);
        Assert.Equal(Shown(streamed.Cases), Shown(whole.Cases));
        Assert.Equal((3000, 3000), (streamed.Summary.Records, whole.Summary.Records));
        Assert.Equal(streamed.Summary.Header, whole.Summary.Header);
        Assert.Equal(("FHT25M250796_25047961", "250796", "4"), (whole.Summary.Header.FileName, whole.Summary.Header.MoCode, whole.Summary.Header.Month));
    }

    [Fact]
    public async Task A_broken_file_fails_in_russian_either_way_the_streamed_one_after_handing_over_the_cases_before()
    {
        var xml = Protocol(3000, brokenAtTheEnd: true);
        var all = (await ReadAsync(_format, Protocol(3000, brokenAtTheEnd: false))).Cases.Select(c => c.IdCase).ToList();
        var streamedCases = new List<int>();
        var wholeCases = new List<int>();

        var streamed = await Assert.ThrowsAsync<RegionFormatException>(() => ReadAsync(_format, xml, streamedCases));
        var whole = await Assert.ThrowsAsync<RegionFormatException>(() => ReadAsync(new Sdk12Reader(_format), xml, wholeCases));

        Assert.NotEmpty(streamedCases);
        Assert.Equal(all.Take(streamedCases.Count), streamedCases);
        Assert.Empty(wholeCases);
        Assert.Equal(whole.Message, streamed.Message);
        Assert.StartsWith($"Файл {File}, строка 3004:", streamed.Message);
    }

    /// <summary>What a format built for SDK 1.2 offers: the protocol as a whole, nothing streamed.</summary>
    private sealed class Sdk12Reader(IErrorProtocolReader format) : IErrorProtocolReader
    {
        public string Id => format.Id;

        public ErrorProtocolName ParseErrorProtocolName(string fileName) => format.ParseErrorProtocolName(fileName);

        public ErrorProtocol ReadErrorProtocol(Stream content, string fileName, RegistryMo mo, CancellationToken cancellationToken) =>
            format.ReadErrorProtocol(content, fileName, mo, cancellationToken);
    }
}
