using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Tests.Returns;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Tests.Visits;

/// <summary>
/// The stages of a report month (<c>GET /api/visits/counts</c>) and the review list filtered by each: every visit in
/// exactly one stage, each count equal to its list, through the real operations that move a visit — saves, PMU
/// changes, checks and packs of the primorye-25 plugin, an FLK protocol, an invoice with a MEK refusal.
/// </summary>
public class VisitStageTests(VisitStageFixture fixture) : IClassFixture<VisitStageFixture>
{
    private static readonly string[] Stages = ["new", "corrected", "manual", "problem", "flk", "mek", "ready", "sent"];

    private HttpClient Operator => fixture.Operator;

    [Fact]
    public async Task A_month_moves_from_the_mis_through_the_check_the_packs_and_the_returns_and_each_count_is_its_list()
    {
        const int month = 7;
        // F and G were sent in the month's first pack.
        var f = await fixture.AddVisitAsync("7006", month);
        var g = await fixture.AddVisitAsync("7007", month);
        await BuildAsync(month, number: 1, markSent: true);
        await ExpectAsync(month, new() { ["sent"] = [f.Id, g.Id] });

        // Then the MIS brought A, B and C; B was corrected here, C's PMU row changed; D and E were typed in (E without a diagnosis).
        var a = await fixture.AddVisitAsync("7001", month);
        var b = await fixture.AddVisitAsync("7002", month);
        var c = await fixture.AddVisitAsync("7003", month);
        var d = await fixture.AddVisitAsync("7004", month);
        var e = await fixture.AddVisitAsync("7005", month, ds1: null);
        foreach (var synced in new[] { a, b, c })
        {
            await fixture.SyncedAsync(synced.Id);
        }

        await SaveAsync(b.Id, fields => fields["visitHome"] = 1);
        await ChangeQuantityAsync(c.Id, +1);
        await using (var conn = fixture.Hub.OpenConnection())
        {
            await conn.ExecuteAsync("""update visit set conflicts = '{"ds1": {"Mis": "R91.0", "Local": "R91"}}' where id = @Id""", new { a.Id });
        }

        var counts = await ExpectAsync(month, new() { ["new"] = [a.Id], ["corrected"] = [b.Id, c.Id], ["manual"] = [d.Id, e.Id], ["sent"] = [f.Id, g.Id] });
        Assert.Equal((7, 5, 2, 1), (counts.GetProperty("total").GetInt32(), counts.GetProperty("open").GetInt32(),
            counts.GetProperty("closed").GetInt32(), counts.GetProperty("conflict").GetInt32()));
        Assert.Equal(JsonValueKind.String, counts.GetProperty("checkedAt").ValueKind);

        // TFOMS refuses F at FLK (reopened); the SMO refuses G at MEK (reopened).
        await ImportFlkAsync(month, f.Number);
        await ImportInvoiceAsync(month, g.Number);
        await ExpectAsync(month, new() { ["new"] = [a.Id], ["corrected"] = [b.Id, c.Id], ["manual"] = [d.Id, e.Id], ["flk"] = [f.Id], ["mek"] = [g.Id] });

        // "Проверить": E is refused, the others pass; F and G stay where the returns put them.
        var check = await Operator.PostAsJsonAsync("/api/packs/check", new { month = $"2026-{month:00}" });
        Assert.True(check.IsSuccessStatusCode, await check.Content.ReadAsStringAsync());
        var ready = new[] { a.Id, b.Id, c.Id, d.Id };
        counts = await ExpectAsync(month, new() { ["ready"] = ready, ["problem"] = [e.Id], ["flk"] = [f.Id], ["mek"] = [g.Id] });
        Assert.Equal(JsonValueKind.String, counts.GetProperty("checkedAt").ValueKind);

        // Changed after the check: D and E (E's diagnosis fixed) are typed-in visits not yet checked. B's card was saved
        // (the passport's date and office filled in): a card is not tracked, B stays ready until the next check.
        await SaveAsync(d.Id, fields => fields["visitHome"] = 1);
        await SaveAsync(e.Id, fields => fields["ds1"] = "R91");
        await SavePatientAsync(b.Id);
        await ExpectAsync(month, new() { ["ready"] = [a.Id, b.Id, c.Id], ["manual"] = [d.Id, e.Id], ["flk"] = [f.Id], ["mek"] = [g.Id] });

        // A pack built without marking: it carries F again, so the protocol no longer holds it; every open visit passed.
        await BuildAsync(month, number: 2, markSent: false);
        await ExpectAsync(month, new() { ["ready"] = [a.Id, b.Id, c.Id, d.Id, e.Id, f.Id], ["mek"] = [g.Id] });

        // The pack that is sent closes them all.
        await BuildAsync(month, number: 3, markSent: true);
        await ExpectAsync(month, new() { ["sent"] = [a.Id, b.Id, c.Id, d.Id, e.Id, f.Id, g.Id] });
    }

    [Fact]
    public async Task A_correction_is_a_field_or_the_pmu_set_that_differs_from_the_mis_and_taking_the_mis_value_back_undoes_it()
    {
        const int month = 8;
        var x = await fixture.AddVisitAsync("8001", month);
        await fixture.SyncedAsync(x.Id);
        await ExpectAsync(month, new() { ["new"] = [x.Id] });
        Assert.Empty(await CorrectedFieldsAsync(x.Id));

        await SaveAsync(x.Id, fields => fields["ds1"] = "Z01.8");
        await ExpectAsync(month, new() { ["corrected"] = [x.Id] });
        Assert.Equal(["ds1"], await CorrectedFieldsAsync(x.Id));

        var back = await Operator.PostAsJsonAsync($"/api/visits/{x.Id}/source/resolve", new { field = "ds1", take = "mis" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        await ExpectAsync(month, new() { ["new"] = [x.Id] });
        Assert.Empty(await CorrectedFieldsAsync(x.Id));

        // The PMU set: one more of the MIS's service is a correction; back to the MIS's quantity, it is not.
        await ChangeQuantityAsync(x.Id, +1);
        await ExpectAsync(month, new() { ["corrected"] = [x.Id] });
        await ChangeQuantityAsync(x.Id, -1);
        await ExpectAsync(month, new() { ["new"] = [x.Id] });

        // A save that changes nothing is no correction either.
        await SaveAsync(x.Id, _ => { });
        await ExpectAsync(month, new() { ["new"] = [x.Id] });

        // A field the MIS left empty (mis_values keeps no nulls) and the clinic filled in is one.
        await SaveAsync(x.Id, fields => fields["ds2"] = "Z01.8");
        await ExpectAsync(month, new() { ["corrected"] = [x.Id] });
        Assert.Equal(["ds2"], await CorrectedFieldsAsync(x.Id));
    }

    [Fact]
    public async Task The_correction_flag_knows_every_field_a_sync_writes()
    {
        await using var conn = fixture.Hub.OpenConnection();
        var blank = await conn.QuerySingleAsync<string>("select visit_synced_blank()::text");
        var fields = JsonNode.Parse(blank)!.AsObject().Select(f => f.Key).Order(StringComparer.Ordinal);
        Assert.Equal(VisitColumns.Stored.Select(c => c.Column).Order(StringComparer.Ordinal), fields);
    }

    [Fact]
    public async Task A_corrected_visit_stays_corrected_through_sending_and_reopening_and_a_later_save_is_compared_again()
    {
        const int month = 10;
        var x = await fixture.AddVisitAsync("10001", month);
        await fixture.SyncedAsync(x.Id);
        await SaveAsync(x.Id, fields => fields["ds1"] = "Z01.8");

        // Sent and reopened write only the status: the flag the save set is kept, not recomputed.
        Assert.True(await CorrectedAsync(x.Id));
        await BuildAsync(month, number: 1, markSent: true);
        Assert.True(await CorrectedAsync(x.Id));
        await ImportFlkAsync(month, x.Number);
        Assert.True(await CorrectedAsync(x.Id));
        await ExpectAsync(month, new() { ["flk"] = [x.Id] });

        // A save after them is compared with the MIS again: the MIS's diagnosis back, no correction.
        await SaveAsync(x.Id, fields => fields["ds1"] = "R91");
        Assert.False(await CorrectedAsync(x.Id));
    }

    private async Task<bool> CorrectedAsync(long visitId)
    {
        await using var conn = fixture.Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<bool>("select corrected_fields from visit where id = @visitId", new { visitId });
    }

    [Fact]
    public async Task The_correction_flag_is_recomputed_when_any_column_but_the_status_bookkeeping_is_written()
    {
        // 0013: the trigger fires for an UPDATE that sets a listed column; a column added to visit later must be
        // listed too (or added here, when it can never be an MIS value).
        await using var conn = fixture.Hub.OpenConnection();
        var unlisted = (await conn.QueryAsync<string>(
            """
            select a.attname from pg_attribute a
            where a.attrelid = 'visit'::regclass and a.attnum > 0 and not a.attisdropped
              and not exists (select 1 from pg_trigger t
                              where t.tgrelid = 'visit'::regclass and t.tgname = 'visit_track_corrections' and a.attnum = any (t.tgattr::int2[]))
            order by a.attname
            """)).ToList();
        Assert.Equal(["corrected_fields", "corrected_services", "status", "updated_at", "version"], unlisted);
    }

    [Fact]
    public async Task The_counts_are_of_the_callers_mo_and_need_a_year_and_a_month()
    {
        const int month = 9;
        var x = await fixture.AddVisitAsync("9001", month);
        await ExpectAsync(month, new() { ["manual"] = [x.Id] });

        var stranger = await fixture.Stranger.GetFromJsonAsync<JsonElement>($"/api/visits/counts?year=2026&month={month}");
        var strangerList = await fixture.Stranger.GetFromJsonAsync<JsonElement>($"/api/visits?year=2026&month={month}&state=manual");
        var noMonth = await Operator.GetAsync("/api/visits/counts?year=2026");
        var badMonth = await Operator.GetAsync("/api/visits/counts?year=2026&month=13");

        Assert.Equal((0, 0), (stranger.GetProperty("total").GetInt32(), stranger.GetProperty("manual").GetInt32()));
        Assert.Equal(0, strangerList.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, noMonth.StatusCode);
        Assert.Contains("Укажите отчётный месяц", (await noMonth.FieldErrorsAsync())["month"]);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
    }

    /// <summary>
    /// Asserts the month's stages: each stage's count and its list (<c>state=</c>) hold exactly the given visits, the
    /// others none; the stages add up to the total. Returns the counts.
    /// </summary>
    private async Task<JsonElement> ExpectAsync(int month, Dictionary<string, long[]> expected)
    {
        var counts = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/counts?year=2026&month={month}");
        foreach (var stage in Stages)
        {
            var ids = expected.GetValueOrDefault(stage, []).Order().ToList();
            var list = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?year=2026&month={month}&state={stage}&pageSize=500");
            var listed = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order().ToList();
            Assert.True(ids.SequenceEqual(listed), $"{stage}: expected [{string.Join(", ", ids)}], listed [{string.Join(", ", listed)}]");
            Assert.Equal((stage, ids.Count, ids.Count), (stage, counts.GetProperty(stage).GetInt32(), list.GetProperty("total").GetInt32()));
            var byDoctor = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?year=2026&month={month}&state={stage}&sort=doctor&desc=true&pageSize=2");
            Assert.Equal((Math.Min(2, ids.Count), ids.Count), (byDoctor.GetProperty("items").GetArrayLength(), byDoctor.GetProperty("total").GetInt32()));
            var beyond = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?year=2026&month={month}&state={stage}&page=9&pageSize=2");
            Assert.Equal((0, ids.Count), (beyond.GetProperty("items").GetArrayLength(), beyond.GetProperty("total").GetInt32()));
            Assert.All(byDoctor.GetProperty("items").EnumerateArray(), i => Assert.Contains(i.GetProperty("id").GetInt64(), ids));
        }

        Assert.Equal(expected.Values.Sum(v => v.Length), counts.GetProperty("total").GetInt32());
        Assert.Equal(counts.GetProperty("sent").GetInt32(), counts.GetProperty("closed").GetInt32());
        return counts;
    }

    private async Task SaveAsync(long id, Action<JsonObject> change)
    {
        var visit = JsonNode.Parse(await Operator.GetStringAsync($"/api/visits/{id}"))!.AsObject();
        var fields = visit["fields"]!.AsObject();
        change(fields);
        var saved = await Operator.PutAsJsonAsync($"/api/visits/{id}", new { version = visit["version"]!.GetValue<int>(), fields });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    private async Task SavePatientAsync(long visitId)
    {
        var visit = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}");
        var id = visit.GetProperty("patient").GetProperty("id").GetInt64();
        var card = JsonNode.Parse(await Operator.GetStringAsync($"/api/patients/{id}"))!.AsObject();
        var fields = card["fields"]!.AsObject();
        fields["dulDate"] = "2016-06-01";
        fields["dulIssuer"] = "УМВД РОССИИ ПО ПРИМОРСКОМУ КРАЮ";
        var saved = await Operator.PutAsJsonAsync($"/api/patients/{id}", new { version = card["version"]!.GetValue<int>(), fields });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    private async Task ChangeQuantityAsync(long visitId, int delta)
    {
        var rows = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/services");
        var row = rows.EnumerateArray().First().GetProperty("id").GetInt64();
        var changed = await Operator.PostAsJsonAsync($"/api/visits/{visitId}/services/{row}/quantity", new { delta });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
    }

    private async Task BuildAsync(int month, int number, bool markSent)
    {
        var built = await Operator.PostAsJsonAsync("/api/packs", new { month = $"2026-{month:00}", number, markSent, confirm = "operator" });
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> CorrectedFieldsAsync(long visitId)
    {
        var source = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/source");
        return source.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("corrected").GetBoolean())
            .Select(f => f.GetProperty("field").GetString()!).ToList();
    }

    /// <summary>TFOMS's protocol for the month's pack, refusing one case.</summary>
    private async Task ImportFlkAsync(int month, int number)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<FLK_P><FNAME>FHT25M250796_26" + $"{month:00}" + "7961</FNAME>"
                  + $"<ZAP><N_ZAP>1</N_ZAP><SL><IDCASE>{number}</IDCASE><OTKAZ><I_TYPE>910</I_TYPE></OTKAZ></SL></ZAP></FLK_P>";
        var imported = await Operator.PostAsync("/api/flk/import",
            ReturnsHub.Upload($"FHT25M250796_26{month:00}7961.xml", ReturnsHub.Cp1251(xml), ("ptype", "1")));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(1, (await imported.JsonAsync()).GetProperty("result").GetProperty("reopened").GetInt32());
    }

    /// <summary>The SMO's invoice for the month, refusing one case (SUMP 0).</summary>
    private async Task ImportInvoiceAsync(int month, int number)
    {
        var stem = $"250796S25011_26{month:00}796";
        var h = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<ZL_LIST><ZGLV><VERSION>6.0</VERSION></ZGLV>"
                + $"<ZAP><N_ZAP>1</N_ZAP><PACIENT><ID_PAC>{number}</ID_PAC><ENP>2512345678901234</ENP></PACIENT><Z_SL><USL_OK>3</USL_OK>"
                + $"<DATE_Z_1>2026-{month:00}-12</DATE_Z_1><DATE_Z_2>2026-{month:00}-12</DATE_Z_2><RSLT>314</RSLT><SL><PROFIL>78</PROFIL>"
                + $"<NHISTORY>{number}</NHISTORY><DS1>R91</DS1><PRVS>60</PRVS><USL><CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL>"
                + "<TARIF>2189.50</TARIF></USL></SL><IDSP>28</IDSP><SUMV>2189.50</SUMV><SUMP>0.00</SUMP></Z_SL></ZAP></ZL_LIST>";
        var l = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<PERS_LIST>"
                + $"<PERS><ID_PAC>{number}</ID_PAC><FAM>ИВАНОВА</FAM><IM>АННА</IM><W>2</W><DR>1976-06-19</DR></PERS></PERS_LIST>";
        var zip = ReturnsHub.Zip(($"HM{stem}.xml", ReturnsHub.Cp1251(h)), ($"LM{stem}.xml", ReturnsHub.Cp1251(l)), ($"PM{stem}.xml", Encoding.ASCII.GetBytes("<")));
        var imported = await Operator.PostAsync("/api/invoices/import", ReturnsHub.Upload($"HM{stem}11.zip", zip));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
    }
}
