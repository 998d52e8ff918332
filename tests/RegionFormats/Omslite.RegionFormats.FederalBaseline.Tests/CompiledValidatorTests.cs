using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.RegionFormats.RegistryXml.Writing.Compiled;
using Omslite.RegionFormats.Tests;
using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>
/// The compiled validator against the federal baseline's schemas (HM 6.0, LM 3.2): both compile, the files the writer
/// makes are confirmed, and no mutation of them is confirmed that the validating reader refuses.
/// </summary>
public class CompiledValidatorTests
{
    private static readonly Schemas Schemas = new(typeof(FederalBaselineFormat).Assembly);

    [Theory]
    [InlineData("HM-6.0.xsd", "HM")]
    [InlineData("LM-3.2.xsd", "LM")]
    public async Task The_schema_compiles_and_confirms_the_written_file(string schema, string prefix)
    {
        var automata = Schemas.CompileAutomata(schema, out var unsupported);
        var bytes = (await PackAsync([Ct, Mri, Guest])).Bytes(prefix);

        Assert.Null(unsupported);
        Assert.True(CompiledXmlValidator.Confirms(automata!, bytes));
    }

    [Theory]
    [InlineData("HM-6.0.xsd", "HM")]
    [InlineData("LM-3.2.xsd", "LM")]
    public async Task No_mutation_of_a_written_file_is_confirmed_that_the_reader_refuses(string schema, string prefix)
    {
        var text = Sample.Cp1251.GetString((await PackAsync([Ct, Guest])).Bytes(prefix));

        DifferentialAssert.Holds(new SchemaDifferential(Schemas, schema).Run(text));
    }
}
