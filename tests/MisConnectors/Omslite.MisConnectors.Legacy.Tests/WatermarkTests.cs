namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>The watermark's text: what the hub stores between pulls.</summary>
public sealed class WatermarkTests
{
    [Fact]
    public void Watermark_is_json_with_the_last_change_and_the_covered_service_rows_and_reads_back()
    {
        var watermark = new Watermark(
            new ChangePosition(new DateTime(2026, 3, 1, 10, 0, 0).AddTicks(1_234_560), 26, 17),
            new Dictionary<int, long> { [25] = 120, [26] = 40 },
            new Watermark.NewServicesScan(new VisitPosition(25, 3), new Dictionary<int, long> { [25] = 130, [26] = 41 }));

        var text = watermark.ToString();

        Assert.Equal("""{"v":1,"s":"2026-03-01T10:00:00.123456","y":26,"t":17,"p":{"25":120,"26":40},"q":{"y":25,"t":3,"n":{"25":130,"26":41}}}""", text);
        var back = Watermark.Parse(text);
        Assert.Equal(watermark.Changes, back.Changes);
        Assert.Equal(watermark.Services, back.Services);
        Assert.Equal(watermark.ServiceScan!.Last, back.ServiceScan!.Last);
        Assert.Equal(watermark.ServiceScan.Target, back.ServiceScan.Target);
        Assert.False(back.FirstPull);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":1,\"s\":\"yesterday\"}")]
    public void Anything_else_means_the_first_pull_from_the_beginning(string? text)
    {
        var watermark = Watermark.Parse(text);

        Assert.True(watermark.FirstPull);
        Assert.Null(watermark.Changes);
        Assert.Empty(watermark.Services);
    }
}
