using Omslite.MisConnectors.SqlMapping.Sample;
using Omslite.MisConnectors.SqlMapping.Tests.Infrastructure;
using Omslite.MisConnectors.SqlPostgres;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Tests;

/// <summary>
/// An integrator's own mapping given inline, with only the required columns and a coarse stamp that many cases share:
/// batches cut inside a group of equal stamps must still lose nothing and repeat nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InlineMappingTests(PostgresServer server)
{
    // Three stamps for the whole sample: every batch boundary falls inside a group of equal stamps.
    private const string Cases = """
        -- @wm_stamp in a comment is not a parameter
        select * from (
          select v.id as case_key, (v.id % 3)::bigint as change_stamp, v.patient_id as patient_key,
                 p.card_no as card_number, v.visit_date as open_date, v.visit_date as close_date,
                 'x' || '--' || v.status as change_marker
          from visits v join patients p on p.id = v.patient_id
          where v.status = 'completed' /* ties on purpose */
        ) c
        where c.change_stamp > @wm_stamp or (c.change_stamp = @wm_stamp and c.case_key > @wm_key)
        order by change_stamp, case_key
        """;

    // A mapping written before @wm_key: every row of the watermark's stamp comes again and the connector skips the
    // delivered ones by their (integer) key.
    private const string CasesWithoutKey = """
        select v.id as case_key, (v.id % 3)::bigint as change_stamp, v.patient_id as patient_key,
               p.card_no as card_number, v.visit_date as open_date, v.visit_date as close_date,
               'x' || '--' || v.status as change_marker
        from visits v join patients p on p.id = v.patient_id
        where v.status = 'completed' and (v.id % 3) >= @wm_stamp
        order by change_stamp, case_key
        """;

    // The same rows keyed by text, which the database orders by its collation.
    private const string CasesWithTextKeys = """
        select * from (
          select 'v-' || v.id as case_key, (v.id % 3)::bigint as change_stamp, v.patient_id as patient_key,
                 p.card_no as card_number, v.visit_date as open_date, v.visit_date as close_date,
                 'x' || '--' || v.status as change_marker
          from visits v join patients p on p.id = v.patient_id
          where v.status = 'completed'
        ) c
        where c.change_stamp > @wm_stamp or (c.change_stamp = @wm_stamp and c.case_key > @wm_key)
        order by change_stamp, case_key
        """;

    private const string Services = """
        select visit_id as case_key, id as service_key, service_code as code, performed_on as service_date
        from performed_services where visit_id in (@case_keys) and payment_type = 'OMS'
        """;

    private const string ServicesByTextKey = """
        select 'v-' || visit_id as case_key, id as service_key, service_code as code, performed_on as service_date
        from performed_services where 'v-' || visit_id in (@case_keys) and payment_type = 'OMS'
        """;

    [Theory]
    [InlineData(nameof(Cases))]
    [InlineData(nameof(CasesWithoutKey))]
    [InlineData(nameof(CasesWithTextKeys))]
    public async Task Batches_that_end_inside_a_group_of_equal_stamps_resume_without_loss_or_repeat(string mapping)
    {
        var connector = new PostgresConnector();
        var engine = new PostgresTestEngine(server);
        var request = new SampleSourceRequest(await engine.SampleLocationAsync(), "250998", new ReportPeriod(2025, 6), 40, WithNoise: false);
        var sample = await connector.BuildSampleAsync(request, default);
        var textKeys = mapping == nameof(CasesWithTextKeys);
        var source = sample with
        {
            Settings = new Dictionary<string, string>
            {
                [Mapping.Settings.CasesSql] = mapping switch { nameof(Cases) => Cases, nameof(CasesWithoutKey) => CasesWithoutKey, _ => CasesWithTextKeys },
                [Mapping.Settings.ServicesSql] = textKeys ? ServicesByTextKey : Services,
            },
        };

        var check = await connector.CheckAsync(source, default);
        Assert.True(check.Ok, check.Message + string.Join(" ", check.Problems));

        var seen = new List<string>();
        string? watermark = null;
        for (var round = 0; round < 50; round++)
        {
            SourceBatch? first = null;
            await foreach (var batch in connector.PullAsync(new PullRequest(source, watermark, null, null, BatchSize: 4), default))
            {
                first = batch;
                break; // take one batch per pull, as a hub that crashes after each commit would
            }

            if (first is null)
            {
                break;
            }

            seen.AddRange(first.Cases.Select(c => c.SourceKey));
            Assert.All(first.Cases, c => Assert.Equal("x--completed", c.ChangeMarker));
            Assert.All(first.Cases, c => Assert.NotEmpty(c.Services));

            // A keyset position: the watermark does not grow with the group of equal stamps it is in.
            Assert.True(first.Watermark!.Length < 80, first.Watermark);
            watermark = first.Watermark;
        }

        var expected = Enumerable.Range(1, new SampleClinicPlan(request).CompletedVisits).Select(i => (textKeys ? "v-" : "") + i);
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task A_watermark_of_the_first_format_resumes_after_the_keys_it_lists()
    {
        var connector = new PostgresConnector();
        var engine = new PostgresTestEngine(server);
        var request = new SampleSourceRequest(await engine.SampleLocationAsync(), "250998", new ReportPeriod(2025, 6), 40, WithNoise: false);
        var sample = await connector.BuildSampleAsync(request, default);
        var source = sample with
        {
            Settings = new Dictionary<string, string> { [Mapping.Settings.CasesSql] = Cases, [Mapping.Settings.ServicesSql] = Services },
        };

        // Stored by an earlier version after delivering every case of stamp 0 and three of stamp 1 (id % 3 = 1).
        var completed = Enumerable.Range(1, new SampleClinicPlan(request).CompletedVisits).ToList();
        var delivered = completed.Where(i => i % 3 == 0).Concat(completed.Where(i => i % 3 == 1).Take(3)).ToList();
        var old = $$"""{"v":1,"s":1,"k":[{{string.Join(",", delivered.Select(i => $"\"{i}\""))}}]}""";

        var rest = new List<string>();
        string? last = null;
        await foreach (var batch in connector.PullAsync(new PullRequest(source, old, null, null, BatchSize: 5), default))
        {
            rest.AddRange(batch.Cases.Select(c => c.SourceKey));
            last = batch.Watermark;
        }

        Assert.Equal(completed.Except(delivered).Select(i => i.ToString()).Order(), rest.Order());
        Assert.StartsWith("{\"v\":2,", last);
    }

    [Fact]
    public void Comments_are_stripped_but_literals_and_quoted_names_are_kept()
    {
        const string sql = "select 'a -- b', \"x/*y*/\" -- @wm_stamp\nfrom t /* @period_from */ where s = 'it''s -- @x'";

        Assert.Equal("select 'a -- b', \"x/*y*/\" \nfrom t   where s = 'it''s -- @x'", SqlText.StripComments(sql));
    }
}
