using System.Text;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.RegionFormats.RegistryXml.Writing.Compiled;
using Omslite.RegionFormats.Tests;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>
/// The schema compiler on small schemas: a construct it does not support makes it answer "unsupported", and the
/// documents are then confirmed the old way (<see cref="WrittenXmlValidator"/>); the patterns it does translate match
/// exactly what the validating reader matches.
/// </summary>
public class SchemaCompilerTests
{
    private const string Xs = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";

    [Theory]
    [InlineData("an attribute", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\"/></xs:sequence><xs:attribute name=\"x\" type=\"xs:string\"/>", "<A>1</A>", "<B>1</B>")]
    [InlineData("a choice", "<xs:choice><xs:element name=\"A\" type=\"xs:string\"/><xs:element name=\"B\" type=\"xs:string\"/></xs:choice>", "<B>1</B>", "<C>1</C>")]
    [InlineData("xs:all", "<xs:all><xs:element name=\"A\" type=\"xs:string\"/><xs:element name=\"B\" type=\"xs:string\"/></xs:all>", "<B>1</B><A>2</A>", "<A>1</A>")]
    [InlineData("xs:any", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\"/><xs:any processContents=\"skip\"/></xs:sequence>", "<A>1</A><Z>1</Z>", "<A>1</A>")]
    [InlineData("an element reference", "<xs:sequence><xs:element ref=\"G\"/></xs:sequence>", "<G>1</G>", "<A>1</A>")]
    [InlineData("a substitution group", "<xs:sequence><xs:element ref=\"G\"/></xs:sequence>", "<S>1</S>", "<A>1</A>")]
    [InlineData("\\d", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"\\d+\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>12</A>", "<A>x</A>")]
    [InlineData("'.'", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"1.\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>12</A>", "<A>1</A>")]
    [InlineData("a class subtraction", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"[a-z-[aeiou]]+\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>bcd</A>", "<A>bad</A>")]
    [InlineData("a negated class", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"[^0]\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>1</A>", "<A>0</A>")]
    [InlineData("'$'", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"1$\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", null, "<A>2</A>")]
    [InlineData("a whiteSpace facet", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:whiteSpace value=\"collapse\"/><xs:maxLength value=\"2\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>12</A>", "<A>123</A>")]
    [InlineData("xs:integer", "<xs:sequence><xs:element name=\"A\" type=\"xs:integer\"/></xs:sequence>", "<A>12</A>", "<A>x</A>")]
    [InlineData("xs:token", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:token\"><xs:maxLength value=\"2\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>12</A>", "<A>123</A>")]
    [InlineData("a list", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:list itemType=\"xs:int\"/></xs:simpleType></xs:element></xs:sequence>", "<A>1</A>", "<A>x</A>")]
    [InlineData("a union", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:union memberTypes=\"xs:int xs:date\"/></xs:simpleType></xs:element></xs:sequence>", "<A>1</A>", "<A>x</A>")]
    [InlineData("a facet on xs:date", "<xs:sequence><xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:date\"><xs:maxInclusive value=\"2026-01-01\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>", "<A>2025-01-01</A>", "<A>2027-01-01</A>")]
    [InlineData("nillable", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\" nillable=\"true\"/></xs:sequence>", "<A>1</A>", "<B>1</B>")]
    [InlineData("mixed content", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\"/></xs:sequence>", "<A>1</A>", "<B>1</B>")]
    [InlineData("an identity constraint", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\" maxOccurs=\"2\"/></xs:sequence>", "<A>1</A><A>2</A>", "<A>1</A><A>2</A><A>3</A>")]
    [InlineData("a fixed xs:date", "<xs:sequence><xs:element name=\"A\" type=\"xs:date\" fixed=\"2026-01-01\"/></xs:sequence>", "<A>2026-01-01</A>", "<A>2026-01-02</A>")]
    [InlineData("maxOccurs over 100", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\" maxOccurs=\"500\"/></xs:sequence>", "<A>1</A><A>2</A>", "<B>1</B>")]
    public void A_construct_outside_the_supported_set_falls_back_to_the_exact_validator(string construct, string content, string? valid, string invalid)
    {
        var schemas = InMemory(construct, content);

        Assert.Null(schemas.CompileAutomata("t.xsd", out var unsupported));
        Assert.NotNull(unsupported);
        if (valid is not null)
        {
            Assert.True(schemas.Confirms("t.xsd", Document(valid)), construct);
        }

        Assert.False(schemas.Confirms("t.xsd", Document(invalid)), construct);
    }

    [Fact]
    public void The_supported_constructs_compile_and_confirm()
    {
        var schemas = InMemory("", "<xs:sequence><xs:element name=\"A\" type=\"xs:string\" fixed=\"1\"/><xs:sequence minOccurs=\"0\" maxOccurs=\"2\">" +
            "<xs:element name=\"B\" type=\"xs:date\"/><xs:element name=\"C\" minOccurs=\"0\" maxOccurs=\"unbounded\"><xs:simpleType><xs:restriction base=\"xs:string\">" +
            "<xs:enumeration value=\"x\"/><xs:enumeration value=\"я&amp;\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence></xs:sequence>");

        Assert.NotNull(schemas.CompileAutomata("t.xsd", out var unsupported));
        Assert.Null(unsupported);
        Assert.True(schemas.Confirms("t.xsd", Document("<A>1</A><B>2024-02-29</B><C>x</C><C>я&amp;</C><B>2026-01-01</B>")));
        Assert.False(schemas.Confirms("t.xsd", Document("<A>2</A>")));
        Assert.False(schemas.Confirms("t.xsd", Document("<A>1</A><B>2026-01-01</B><B>2026-01-01</B><B>2026-01-01</B>")));
        Assert.False(schemas.Confirms("t.xsd", Document("<A>1</A><C>x</C>")));
        Assert.False(schemas.Confirms("t.xsd", Document("<A>1</A><B>2026-01-01</B><C>y</C>")));
    }

    [Fact]
    public void No_byte_in_a_text_value_is_confirmed_that_the_reader_refuses()
    {
        var schemas = InMemory("", "<xs:sequence><xs:element name=\"A\" maxOccurs=\"unbounded\"><xs:simpleType><xs:restriction base=\"xs:string\">" +
            "<xs:minLength value=\"3\"/><xs:maxLength value=\"3\"/></xs:restriction></xs:simpleType></xs:element></xs:sequence>");
        var automata = schemas.CompileAutomata("t.xsd", out _)!;
        var differential = new SchemaDifferential(schemas, "t.xsd");
        var head = Sample.Cp1251.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<R><A>x");
        var tail = Sample.Cp1251.GetBytes("y</A></R>");

        var confirmed = 0;
        for (var b = 0; b < 256; b++)
        {
            byte[] document = [.. head, (byte)b, .. tail];
            if (CompiledXmlValidator.Confirms(automata, document))
            {
                confirmed++;
                Assert.True(differential.ReaderAccepts(document), $"byte 0x{b:X2}");
            }
        }

        // Every byte but the controls, '<', '>', '&' and 0x98 (no windows-1251 character).
        Assert.Equal(256 - 32 - 4, confirmed);
    }

    public static TheoryData<string> Patterns() =>
    [
        "[0-9]+", "[0-9]{6}", "[0-9]+\\.[0-9]{2}", "[0-9]+(\\.[0-9]+)?", "[1-9]|1[0-2]", "20[0-9]{2}", "[0-9]{1,15}\\.[0-9]{2}", "[12]", "[1-3]",
        "(ab|a)*b?", "a{2,3}(b|c){0,2}", "[a-c1-3]+\\-x", "\\-\\.\\+", "(0|1[0-9])?", "((a|b)c){2,}", "x{0}y", "[.]+", "(a+)+b",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_translated_pattern_matches_exactly_what_the_reader_matches(string pattern) =>
        AssertSameAsReader($"<xs:restriction base=\"xs:string\"><xs:pattern value=\"{pattern}\"/></xs:restriction>");

    [Fact]
    public void Patterns_of_one_step_are_alternatives_and_the_steps_all_apply() =>
        AssertSameAsReader("<xs:restriction><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"[0-9]{2,4}\"/>" +
            "<xs:pattern value=\"a+b?\"/><xs:maxLength value=\"3\"/></xs:restriction></xs:simpleType><xs:pattern value=\"[0-9a]*\"/>" +
            "<xs:pattern value=\"(ab)+\"/><xs:minLength value=\"2\"/></xs:restriction>");

    /// <summary>The compiled check of a simple type confirms exactly the values (of printable ASCII, no spaces) the
    /// reader accepts, and some.</summary>
    private static void AssertSameAsReader(string simpleType)
    {
        var schemas = InMemory("", $"<xs:sequence><xs:element name=\"A\" maxOccurs=\"unbounded\"><xs:simpleType>{simpleType}</xs:simpleType></xs:element></xs:sequence>");
        var automata = schemas.CompileAutomata("t.xsd", out var unsupported);
        Assert.True(automata is not null, unsupported);
        var differential = new SchemaDifferential(schemas, "t.xsd");
        var random = new Random(simpleType.Length);
        const string alphabet = "0123456789.-+abcxy";
        var values = new HashSet<string> { "1", "12", "123456", "12.34", "1.5", "2026", "0", "ab", "abb", "aab", "acbc", "-x", "-.+", "y", "..", "a-x", "c3-x", "acac", "b", "aa" };
        while (values.Count < 400)
        {
            values.Add(new string([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        }

        var mismatches = values.Where(v => CompiledXmlValidator.Confirms(automata!, Document($"<A>{v}</A>")) != differential.ReaderAccepts(Document($"<A>{v}</A>"))).ToList();

        Assert.Empty(mismatches);
        Assert.Contains(values, v => CompiledXmlValidator.Confirms(automata!, Document($"<A>{v}</A>")));
    }

    private static Schemas InMemory(string construct, string content)
    {
        var element = construct switch
        {
            "mixed content" => $"<xs:element name=\"R\"><xs:complexType mixed=\"true\">{content}</xs:complexType></xs:element>",
            "an identity constraint" => $"<xs:element name=\"R\"><xs:complexType>{content}</xs:complexType><xs:unique name=\"u\"><xs:selector xpath=\"A\"/><xs:field xpath=\".\"/></xs:unique></xs:element>",
            _ => $"<xs:element name=\"R\"><xs:complexType>{content}</xs:complexType></xs:element>",
        };
        var globals = construct switch
        {
            "an element reference" => "<xs:element name=\"G\" type=\"xs:string\"/>",
            "a substitution group" => "<xs:element name=\"G\" type=\"xs:string\"/><xs:element name=\"S\" type=\"xs:string\" substitutionGroup=\"G\"/>",
            _ => "",
        };
        var xsd = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><xs:schema {Xs} elementFormDefault=\"unqualified\">{element}{globals}</xs:schema>";
        return new Schemas(name => name == "t.xsd" ? new MemoryStream(Encoding.UTF8.GetBytes(xsd)) : null);
    }

    private static byte[] Document(string content) =>
        Sample.Cp1251.GetBytes($"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<R>{content}</R>");
}
