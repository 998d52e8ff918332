using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.RegionFormats.RegistryXml.Writing.Compiled;
using Omslite.RegionFormats.Tests;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>
/// The compiled validator against region 25's schemas (HM 5.0 and 6.0, LM 3.2, PM): every schema compiles, every file
/// the writer makes is confirmed, and no mutation of a written file is confirmed that the validating reader refuses.
/// </summary>
public class CompiledValidatorTests
{
    private static readonly Schemas Schemas = new(typeof(Primorye25Format).Assembly);

    /// <summary>The files of a 2026 pack (HM 6.0) of four varied cases and of a 2025 one (HM 5.0).</summary>
    private static async Task<IReadOnlyList<(string Schema, byte[] Bytes)>> WrittenAsync()
    {
        var ampersand = Sample.WithPolicy(p => p with { SmoName = "СМО \"Альянс\" & <партнёры>" }) with { VisitId = 2, Number = 1235 };
        var second = Sample.Case with { VisitId = 3, Number = 1236, Services = [], Specialty = new(27, 97), Purpose = 1, Referral = null };
        var guest = Sample.OutOfRegion(Sample.Case) with { VisitId = 4, Number = 1237 };
        var run2026 = await Sample.PackAsync([Sample.Case, ampersand, second, guest]);
        var april = Sample.Case with
        {
            ReportPeriod = new ReportPeriod(2025, 4), OpenDate = new DateOnly(2025, 4, 2), CloseDate = new DateOnly(2025, 4, 2),
            Referral = Sample.Case.Referral! with { Date = new DateOnly(2025, 4, 1) }, Services = [Sample.Case.Services[0] with { Date = new DateOnly(2025, 4, 2) }],
        };
        var run2025 = await Sample.PackAsync([april], period: new ReportPeriod(2025, 4));
        return
        [
            ("HM-6.0.xsd", run2026.Bytes("HM")), ("PM.xsd", run2026.Bytes("PM")), ("LM-3.2.xsd", run2026.Bytes("LM")),
            ("HM-5.0.xsd", run2025.Bytes("HM")), ("PM.xsd", run2025.Bytes("PM")), ("LM-3.2.xsd", run2025.Bytes("LM")),
        ];
    }

    [Theory]
    [InlineData("HM-5.0.xsd")]
    [InlineData("HM-6.0.xsd")]
    [InlineData("LM-3.2.xsd")]
    [InlineData("PM.xsd")]
    public void Every_shipped_schema_compiles(string schema)
    {
        var automata = Schemas.CompileAutomata(schema, out var unsupported);

        Assert.Null(unsupported);
        Assert.NotNull(automata);
    }

    [Fact]
    public async Task Every_file_the_writer_makes_is_confirmed_whole_and_in_parts()
    {
        foreach (var (schema, bytes) in await WrittenAsync())
        {
            var automata = Schemas.Automata(schema)!;
            var firstRecord = IndexOfLine(bytes, schema.StartsWith("LM", StringComparison.Ordinal) ? 3 : 4);
            var tail = Array.LastIndexOf(bytes, (byte)'\n') + 1;

            Assert.True(CompiledXmlValidator.Confirms(automata, bytes), schema);
            Assert.True(CompiledXmlValidator.Confirms(automata, bytes.AsMemory(0, firstRecord), bytes.AsMemory(firstRecord, tail - firstRecord), bytes.AsMemory(tail)), schema);
        }
    }

    [Theory]
    [InlineData("HM-6.0.xsd", 0)]
    [InlineData("PM.xsd", 1)]
    [InlineData("LM-3.2.xsd", 2)]
    [InlineData("HM-5.0.xsd", 3)]
    public async Task No_mutation_of_a_written_file_is_confirmed_that_the_reader_refuses(string schema, int file)
    {
        var text = Sample.Cp1251.GetString((await WrittenAsync())[file].Bytes);

        DifferentialAssert.Holds(new SchemaDifferential(Schemas, schema).Run(text));
    }

    [Fact]
    public void Four_DOST_are_refused_and_three_confirmed()
    {
        var differential = new SchemaDifferential(Schemas, "LM-3.2.xsd");
        string Pers(int dost) =>
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<PERS_LIST>\n<ZGLV><VERSION>3.2</VERSION><DATA>2026-02-03</DATA>" +
            "<FILENAME>L</FILENAME><FILENAME1>H</FILENAME1></ZGLV>\n<PERS><ID_PAC>1</ID_PAC><W>1</W><DR>1950-03-05</DR>" +
            string.Concat(Enumerable.Repeat("<DOST>1</DOST>", dost)) + "</PERS>\n</PERS_LIST>";

        Assert.True(differential.Confirms(Sample.Cp1251.GetBytes(Pers(3))));
        Assert.False(differential.Confirms(Sample.Cp1251.GetBytes(Pers(4))));
        Assert.False(differential.ReaderAccepts(Sample.Cp1251.GetBytes(Pers(4))));
    }

    [Fact]
    public void A_record_that_leaves_the_element_order_of_the_records_before_it_is_judged_on_its_own()
    {
        // The validator expects at each step the element it saw there last: a record that differs must still be
        // judged by the schema, both where it is valid (another optional element) and where it is not.
        var differential = new SchemaDifferential(Schemas, "LM-3.2.xsd");
        string Pers(params string[] records) =>
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<PERS_LIST>\n<ZGLV><VERSION>3.2</VERSION><DATA>2026-02-03</DATA>" +
            "<FILENAME>L</FILENAME><FILENAME1>H</FILENAME1></ZGLV>\n" + string.Concat(records.Select(r => $"<PERS>{r}</PERS>\n")) + "</PERS_LIST>";
        const string usual = "<ID_PAC>1</ID_PAC><FAM>Иванов</FAM><W>1</W><DR>1950-03-05</DR>";

        var valid = Sample.Cp1251.GetBytes(Pers(usual, usual, "<ID_PAC>2</ID_PAC><W>1</W><DR>1950-03-05</DR><DOST>2</DOST>", usual));
        var swapped = Sample.Cp1251.GetBytes(Pers(usual, usual, "<ID_PAC>3</ID_PAC><W>1</W><FAM>Иванов</FAM><DR>1950-03-05</DR>"));
        var prefix = Sample.Cp1251.GetBytes(Pers(usual, "<ID_PAC>4</ID_PAC><FAMX>Иванов</FAMX><W>1</W><DR>1950-03-05</DR>"));

        Assert.True(differential.Confirms(valid));
        Assert.False(differential.Confirms(swapped));
        Assert.False(differential.ReaderAccepts(swapped));
        Assert.False(differential.Confirms(prefix));
        Assert.False(differential.ReaderAccepts(prefix));
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
