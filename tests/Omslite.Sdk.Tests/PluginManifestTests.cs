using Omslite.Sdk;
using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Tests;

public class PluginManifestTests
{
    private const string Valid = """
        { "id": "omslite-legacy", "name": "Legacy", "version": "1.2.0", "kind": "mis-connector",
          "sdk": "1.0", "assembly": "Omslite.MisConnectors.Legacy.dll" }
        """;

    [Fact]
    public void Parses_a_valid_manifest()
    {
        var manifest = PluginManifest.Parse(Valid);

        Assert.Equal("omslite-legacy", manifest.Id);
        Assert.Equal(PluginKind.MisConnector, manifest.KindValue);
        Assert.Equal(new Version(1, 0), manifest.SdkValue);
    }

    [Theory]
    [InlineData("\"id\": \"omslite-legacy\"", "\"id\": \"Omslite Legacy\"", "id")]
    [InlineData("\"kind\": \"mis-connector\"", "\"kind\": \"exporter\"", "unknown kind")]
    [InlineData("\"sdk\": \"1.0\"", "\"sdk\": \"one\"", "sdk")]
    [InlineData("\"assembly\": \"Omslite.MisConnectors.Legacy.dll\"", "\"assembly\": \"../evil.dll\"", "assembly")]
    public void Rejects_an_invalid_field_naming_it(string from, string to, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => PluginManifest.Parse(Valid.Replace(from, to)));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Rejects_broken_json()
    {
        Assert.Throws<FormatException>(() => PluginManifest.Parse("{ \"id\": "));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.1", true)]
    [InlineData("0.9", false)]
    [InlineData("1.2", true)]
    [InlineData("1.3", true)]
    [InlineData("1.4", true)]
    [InlineData("1.5", false)]
    [InlineData("2.0", false)]
    public void Supports_only_the_same_major_and_no_newer_minor(string builtFor, bool supported)
    {
        Assert.Equal(supported, SdkVersion.Supports(Version.Parse(builtFor)));
    }
}
