namespace Omslite.Hub.Tests.Deployment;

/// <summary>The compose check is only as good as the reader: it must read compose-style YAML and refuse broken YAML.</summary>
public class MiniYamlTests
{
    [Fact]
    public void Reads_mappings_sequences_quotes_flow_lists_and_comments()
    {
        var yaml = MiniYaml.Parse(
            """
            # a comment
            services:
              hub:
                image: "omslite:latest"   # trailing comment
                command: ["serve", "--urls", 'http://0.0.0.0:8080']
                volumes:
                  - data:/data
                depends_on:
                  db:
                    condition: service_healthy
            list:
            - name: a
              value: 'it''s'
            - plain # not a key
            """);

        Assert.Equal("omslite:latest", (string?)yaml["services"]!["hub"]!["image"]);
        Assert.Equal("http://0.0.0.0:8080", (string?)yaml["services"]!["hub"]!["command"]![2]);
        Assert.Equal("data:/data", (string?)yaml["services"]!["hub"]!["volumes"]![0]);
        Assert.Equal("service_healthy", (string?)yaml["services"]!["hub"]!["depends_on"]!["db"]!["condition"]);
        Assert.Equal("it's", (string?)yaml["list"]![0]!["value"]);
        Assert.Equal("plain", (string?)yaml["list"]![1]);
    }

    [Theory]
    [InlineData("a:\n  b: 1\n   c: 2", "line 3")]
    [InlineData("a:\n\tb: 1", "tab")]
    [InlineData("a: 1\na: 2", "duplicate key 'a'")]
    [InlineData("a: \"open", "unclosed quote")]
    [InlineData("a: [x, y", "unclosed flow sequence")]
    [InlineData("just words", "expected 'key: value'")]
    public void Refuses_broken_yaml_naming_the_problem(string yaml, string problem)
    {
        var refused = Assert.Throws<FormatException>(() => MiniYaml.Parse(yaml));

        Assert.Contains(problem, refused.Message);
    }
}
