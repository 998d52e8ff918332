using Omslite.Hub.Sync;

namespace Omslite.Hub.Tests.Sync;

public class SyncRulesTests
{
    [Theory]
    [InlineData("*/15 * * * *", "2026-11-26 10:30", true)]
    [InlineData("*/15 * * * *", "2026-11-26 10:31", false)]
    [InlineData("0 7 * * 1-5", "2026-11-26 07:00", true)]
    [InlineData("0 7 * * 1-5", "2026-11-29 07:00", false)]
    [InlineData("5,35 8-18 * * *", "2026-11-26 18:35", true)]
    [InlineData("0 0 1 1 *", "2026-01-01 00:00", true)]
    [InlineData("0 0 * * 0", "2026-11-29 00:00", true)]
    [InlineData("0 0 * * 7", "2026-11-29 00:00", true)]
    public void A_schedule_is_due_in_the_minutes_it_names(string cron, string time, bool due)
    {
        Assert.Equal(due, CronSchedule.Parse(cron).IsDue(DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("every 15 minutes")]
    [InlineData("*/15 * * *")]
    [InlineData("61 * * * *")]
    [InlineData("*/0 * * * *")]
    public void A_wrong_schedule_says_what_a_schedule_looks_like(string cron)
    {
        var ex = Assert.Throws<FormatException>(() => CronSchedule.Parse(cron));

        Assert.StartsWith("Неверное расписание", ex.Message);
    }

    [Fact]
    public void A_local_correction_survives_the_mis_sending_the_old_value_again()
    {
        var (patch, conflicts) = FieldMerge.Merge(
            mis: new Dictionary<string, string?> { ["ds1"] = "R91" },
            current: new Dictionary<string, string?> { ["ds1"] = "Z01.8" },
            incoming: new Dictionary<string, string?> { ["ds1"] = "R91" },
            applyChanges: true);

        Assert.Empty(patch);
        Assert.Empty(conflicts);
    }

    [Fact]
    public void An_mis_change_of_an_uncorrected_field_is_taken()
    {
        var (patch, conflicts) = FieldMerge.Merge(
            new Dictionary<string, string?> { ["ds1"] = "R91" },
            new Dictionary<string, string?> { ["ds1"] = "R91" },
            new Dictionary<string, string?> { ["ds1"] = "K87.1" },
            applyChanges: true);

        Assert.Equal("K87.1", patch["ds1"]);
        Assert.Empty(conflicts);
    }

    [Fact]
    public void An_mis_change_of_a_corrected_field_is_a_conflict_with_both_values()
    {
        var (patch, conflicts) = FieldMerge.Merge(
            new Dictionary<string, string?> { ["ds1"] = "R91" },
            new Dictionary<string, string?> { ["ds1"] = "Z01.8" },
            new Dictionary<string, string?> { ["ds1"] = "K87.1" },
            applyChanges: true);

        Assert.Empty(patch);
        Assert.Equal(new FieldConflict("K87.1", "Z01.8"), conflicts["ds1"]);
    }

    [Fact]
    public void On_a_sent_visit_every_mis_change_is_a_conflict()
    {
        var (patch, conflicts) = FieldMerge.Merge(
            new Dictionary<string, string?> { ["ds1"] = "R91" },
            new Dictionary<string, string?> { ["ds1"] = "R91" },
            new Dictionary<string, string?> { ["ds1"] = "K87.1" },
            applyChanges: false);

        Assert.Empty(patch);
        Assert.Equal(new FieldConflict("K87.1", "R91"), conflicts["ds1"]);
    }

    [Theory]
    [InlineData("Host=mis;Username=omslite;Password=s3cret;Database=mis", "s3cret")]
    [InlineData("Server=mis;User Id=sa;Pwd=s3cret", "s3cret")]
    [InlineData("database=/data/mis.fdb;user=SYSDBA;password=masterkey", "masterkey")]
    [InlineData("not a connection string with s3cret", "s3cret")]
    public void A_connection_string_is_shown_without_its_password(string connectionString, string secret)
    {
        var masked = ConnectionStringMask.Mask(connectionString);

        Assert.DoesNotContain(secret, masked);
    }

    [Theory]
    [InlineData("2026-01", null, "2026-01", "2026-01")]
    [InlineData("2025-12", "2026-02", "2025-12", "2026-02")]
    public void A_period_is_one_or_two_months_in_order(string from, string? to, string first, string last)
    {
        var (a, b) = ReportMonth.Period(from, to);

        Assert.Equal((first, last), (a.ToString(), b.ToString()));
    }

    [Theory]
    [InlineData("2026-13", null)]
    [InlineData("26-01", null)]
    [InlineData("2026-03", "2026-01")]
    public void A_wrong_month_or_an_inverted_period_is_refused(string from, string? to)
    {
        Assert.Throws<FormatException>(() => ReportMonth.Period(from, to));
    }
}
