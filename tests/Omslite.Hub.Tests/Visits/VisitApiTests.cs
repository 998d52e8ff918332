using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Visits;

public class VisitApiTests(VisitApiFixture fixture) : IClassFixture<VisitApiFixture>
{
    private HttpClient Operator => fixture.Operator;

    [Fact]
    public async Task A_valid_visit_gets_a_number_and_its_derived_fields()
    {
        var fields = VisitApiFixture.ValidVisit();
        fields["nprDate"] = "2026-02-01";

        var visit = await fixture.CreateVisitAsync(fields);

        Assert.True(visit.GetProperty("number").GetInt32() > 0);
        Assert.Equal(1, visit.GetProperty("status").GetInt32());
        var saved = visit.GetProperty("fields");
        Assert.Equal(3, saved.GetProperty("uslOk").GetInt32());
        Assert.False(saved.GetProperty("urgent").GetBoolean());
        Assert.Equal("2026-01-12", saved.GetProperty("nprDate").GetString());
        Assert.Equal("5", saved.GetProperty("dType").GetString());
        Assert.Equal("501", visit.GetProperty("patient").GetProperty("cardNumber").GetString());
    }

    [Theory]
    [InlineData("closeDate", "2026-01-11", "closeDate", "Дата закрытия меньше даты открытия талона")]
    [InlineData("reportMonth", 13, "reportMonth", "Месяц талона: от 1 до 12")]
    [InlineData("istFin", 9, "istFin", "Укажите способ оплаты")]
    [InlineData("purpose", 99, "purpose", "Укажите цель")]
    [InlineData("docCode", 42, "docCode", "Укажите доктора")]
    [InlineData("ds1", null, "ds1", "Укажите основной диагноз")]
    [InlineData("ds1", "Q99.9", "ds1", "Диагноз не найден в МКБ-10 на дату талона")]
    [InlineData("ds1", "K87.1", "ds1", "Диагноз не найден в МКБ-10 на дату талона")]
    [InlineData("char1", null, "char1", "Укажите характер заболевания")]
    [InlineData("nprNumber", null, "nprNumber", "Укажите направление на консультацию специалиста 63")]
    [InlineData("hospNumber", "123", "hospNumber", "Госпитализация и Консультация в одном талоне")]
    [InlineData("nprMo", "999", "nprMo", "Неверный код МО направления")]
    [InlineData("nprMo", "28", "nprMo", "Неверный код МО направления")]
    [InlineData("nprSpec", 11, "nprSpec", "Неверный код Специалиста направления")]
    [InlineData("nprNumber", "1234567890123456", "nprNumber", "Номер направления: не длиннее 15 символов")]
    [InlineData("visitPol", 0, "visitPol", "Укажите количество посещений")]
    [InlineData("visitDaystac", 1, "visitDaystac", "Амбулвторный прием и ДСтац в одном талоне")]
    [InlineData("policyNumber", "12345", "policyNumber", "Неизвестный тип полиса")]
    public async Task An_invalid_visit_is_refused_with_the_rules_message_and_nothing_is_saved(string field, object? value, string errorField, string message)
    {
        var fields = VisitApiFixture.ValidVisit();
        fields[field] = value;
        await using var conn = fixture.Hub.OpenConnection();
        var before = await conn.ExecuteScalarAsync<long>("select count(*) from visit");

        var response = await Operator.PostAsJsonAsync("/api/visits", new { patientId = fixture.VisitorPatientId, fields });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.FieldErrorsAsync())[errorField]);
        Assert.Equal(before, await conn.ExecuteScalarAsync<long>("select count(*) from visit"));
    }

    [Fact]
    public async Task A_patient_attached_here_or_an_urgent_visit_needs_no_referral()
    {
        var attached = VisitApiFixture.ValidVisit();
        attached["nprNumber"] = null;
        var urgent = VisitApiFixture.ValidVisit();
        urgent["nprNumber"] = null;
        urgent["urgent"] = true;

        var own = await Operator.PostAsJsonAsync("/api/visits", new { patientId = fixture.AttachedPatientId, fields = attached });
        var emergency = await Operator.PostAsJsonAsync("/api/visits", new { patientId = fixture.VisitorPatientId, fields = urgent });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Null((await own.JsonAsync()).GetProperty("fields").GetProperty("dType").GetString());
        Assert.Equal(HttpStatusCode.Created, emergency.StatusCode);
        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select for_pom from visit where id = @id", new { id = (await emergency.JsonAsync()).GetProperty("id").GetInt64() }));
    }

    [Fact]
    public async Task A_closed_visit_is_read_only_until_reopened_and_a_stale_save_is_refused()
    {
        var visit = await fixture.CreateVisitAsync();
        var id = visit.GetProperty("id").GetInt64();
        var fields = JsonSerializer.Deserialize<Dictionary<string, object?>>(visit.GetProperty("fields").GetRawText())!;

        var close = await Operator.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "closed" });
        fields["ds1"] = "Z01.8";
        var whileClosed = await Operator.PutAsJsonAsync($"/api/visits/{id}", new { version = 2, fields });
        await Operator.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "open" });
        var stale = await Operator.PutAsJsonAsync($"/api/visits/{id}", new { version = 2, fields });
        var current = await Operator.PutAsJsonAsync($"/api/visits/{id}", new { version = 3, fields });

        Assert.Equal(2, (await close.JsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, whileClosed.StatusCode);
        Assert.Contains("Талон закрыт", (await whileClosed.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("изменено другим пользователем", (await stale.JsonAsync()).GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var history = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/{id}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("field").GetString() == "ds1" && h.GetProperty("newValue").GetString() == "Z01.8");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("operation").GetString() == "status");
    }

    [Fact]
    public async Task Deleting_needs_the_users_login_hides_the_visit_and_only_an_admin_restores_it()
    {
        var id = (await fixture.CreateVisitAsync()).GetProperty("id").GetInt64();

        var unconfirmed = await Operator.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "deleted", confirm = "yes" });
        var deleted = await Operator.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "deleted", confirm = "operator" });
        var hidden = await Operator.GetAsync($"/api/visits/{id}");
        var list = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?q={id}&pageSize=500");
        var operatorRestore = await Operator.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "open" });
        var adminRestore = await fixture.Admin.PostAsJsonAsync($"/api/visits/{id}/status", new { status = "open" });

        Assert.Contains("введите свой логин", (await unconfirmed.FieldErrorsAsync())["status"].Single());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.NotFound, operatorRestore.StatusCode);
        Assert.Equal(1, (await adminRestore.JsonAsync()).GetProperty("status").GetInt32());
        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal(["delete", "restore"], (await conn.QueryAsync<string>(
            "select operation from audit_log where entity = 'visit' and entity_id = @id and operation in ('delete', 'restore') order by id",
            new { id = id.ToString() })).ToArray());
    }

    [Fact]
    public async Task Services_are_added_by_code_number_or_group_counted_and_removed_at_zero()
    {
        var id = (await fixture.CreateVisitAsync()).GetProperty("id").GetInt64();

        var byCode = await (await Operator.PostAsJsonAsync($"/api/visits/{id}/services", new { code = "a06.09.005" })).JsonAsync();
        var row = byCode[0];
        Assert.Equal(63, row.GetProperty("execSpec").GetInt32());
        Assert.Equal(1, row.GetProperty("execDoc").GetInt32());
        Assert.Equal(281, row.GetProperty("execPodr").GetInt32());
        Assert.Equal(2230.73m, row.GetProperty("tariff").GetDecimal());
        Assert.Equal("2026-01-12", row.GetProperty("serviceDate").GetString());

        var byGroup = await (await Operator.PostAsJsonAsync($"/api/visits/{id}/services", new { group = await GroupIdAsync() })).JsonAsync();
        Assert.Equal(["A06.09.005", "A05.23.009"], byGroup.EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray());
        Assert.Equal(221, byGroup[1].GetProperty("execPodr").GetInt32());

        var serviceId = row.GetProperty("id").GetInt64();
        var plus = await (await Operator.PostAsJsonAsync($"/api/visits/{id}/services/{serviceId}/quantity", new { delta = 1 })).JsonAsync();
        Assert.Equal(2, plus[0].GetProperty("quantity").GetInt32());
        await Operator.PostAsJsonAsync($"/api/visits/{id}/services/{serviceId}/quantity", new { delta = -1 });
        var removed = await (await Operator.PostAsJsonAsync($"/api/visits/{id}/services/{serviceId}/quantity", new { delta = -1 })).JsonAsync();
        Assert.Equal(["A05.23.009"], removed.EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("{\"code\":\"A00.00.000\"}", "Нет ткого кода услуги")]
    [InlineData("{\"ccode\":404}", "Нет такого номера услуги")]
    [InlineData("{\"group\":404}", "Нет такой группы услуг")]
    [InlineData("{\"code\":\"A99.99.999\"}", "Код специалиста ПМУ не число: A99.99.999")]
    public async Task An_unknown_service_says_what_was_not_found(string body, string message)
    {
        var id = (await fixture.CreateVisitAsync()).GetProperty("id").GetInt64();

        var response = await Operator.PostAsync($"/api/visits/{id}/services", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.FieldErrorsAsync())["code"]);
    }

    [Fact]
    public async Task The_review_list_filters_by_month_and_finds_by_number_card_or_surname()
    {
        var fields = VisitApiFixture.ValidVisit();
        fields["reportMonth"] = 3;
        var visit = await fixture.CreateVisitAsync(fields);
        var number = visit.GetProperty("number").GetInt32();

        var march = await Operator.GetFromJsonAsync<JsonElement>("/api/visits?year=2026&month=3&pageSize=500");
        var byNumber = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?q={number}");
        var bySurname = await Operator.GetFromJsonAsync<JsonElement>("/api/visits?q=пришл&year=2026&month=3");
        var badMonth = await Operator.GetAsync("/api/visits?month=13");

        Assert.All(march.GetProperty("items").EnumerateArray(), i => Assert.Equal(3, i.GetProperty("reportMonth").GetInt32()));
        Assert.Contains(march.GetProperty("items").EnumerateArray(), i => i.GetProperty("number").GetInt32() == number);
        Assert.Equal(number, byNumber.GetProperty("items")[0].GetProperty("number").GetInt32());
        Assert.Equal("Рентгенова А.А.", bySurname.GetProperty("items")[0].GetProperty("doctor").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
    }

    [Fact]
    public async Task The_review_list_of_one_patient_has_all_its_visits_of_every_month_and_nothing_else()
    {
        var fields = VisitApiFixture.ValidVisit();
        fields["reportMonth"] = 7;
        var july = (await fixture.CreateVisitAsync(fields, fixture.AttachedPatientId)).GetProperty("id").GetInt64();
        fields["reportMonth"] = 8;
        var august = (await fixture.CreateVisitAsync(fields, fixture.AttachedPatientId)).GetProperty("id").GetInt64();
        await fixture.CreateVisitAsync(fields);
        await using var conn = fixture.Hub.OpenConnection();
        var expected = await conn.ExecuteScalarAsync<int>(
            "select count(*) from visit where patient_id = @AttachedPatientId and status > 0", new { fixture.AttachedPatientId });

        var mine = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?patientId={fixture.AttachedPatientId}&pageSize=500");
        var august2026 = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits?patientId={fixture.AttachedPatientId}&year=2026&month=8&pageSize=500");
        var nobody = await Operator.GetFromJsonAsync<JsonElement>("/api/visits?patientId=987654321");

        var items = mine.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, mine.GetProperty("total").GetInt32());
        Assert.All(items, i => Assert.Equal(fixture.AttachedPatientId, i.GetProperty("patientId").GetInt64()));
        Assert.Contains(july, items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Contains(august, items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.DoesNotContain(july, august2026.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Contains(august, august2026.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(0, nobody.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_conflict_state_lists_the_visits_a_sync_flagged_with_their_conflicts_and_reason()
    {
        var fields = VisitApiFixture.ValidVisit();
        fields["reportMonth"] = 5;
        var plain = (await fixture.CreateVisitAsync(fields)).GetProperty("id").GetInt64();
        var conflicted = (await fixture.CreateVisitAsync(fields)).GetProperty("id").GetInt64();
        var cancelled = (await fixture.CreateVisitAsync(fields)).GetProperty("id").GetInt64();
        await using (var conn = fixture.Hub.OpenConnection())
        {
            await conn.ExecuteAsync(
                """
                update visit set conflicts = '{"ds1": {"Mis": "R91", "Local": "Z01.8"}, "rslt": {"Mis": "1", "Local": "14"}}' where id = @conflicted;
                update visit set status = 2, review_reason = 'Отменён в МИС после отправки в ТФОМС' where id = @cancelled;
                """,
                new { conflicted, cancelled });
        }

        var flagged = await Operator.GetFromJsonAsync<JsonElement>("/api/visits?year=2026&month=5&state=conflict");
        var all = await Operator.GetFromJsonAsync<JsonElement>("/api/visits?year=2026&month=5&pageSize=500");

        var items = flagged.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64());
        Assert.Equal(2, flagged.GetProperty("total").GetInt32());
        Assert.Equal([conflicted, cancelled], items.Keys.Order());
        Assert.Equal((2, null), (items[conflicted].GetProperty("conflicts").GetInt32(), items[conflicted].GetProperty("reviewReason").GetString()));
        Assert.Equal((0, "Отменён в МИС после отправки в ТФОМС"), (items[cancelled].GetProperty("conflicts").GetInt32(), items[cancelled].GetProperty("reviewReason").GetString()));
        var clean = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == plain);
        Assert.Equal(0, clean.GetProperty("conflicts").GetInt32());
        Assert.Equal(JsonValueKind.Null, clean.GetProperty("reviewReason").ValueKind);
        var visit = await Operator.GetFromJsonAsync<JsonElement>($"/api/visits/{cancelled}");
        Assert.Equal("Отменён в МИС после отправки в ТФОМС", visit.GetProperty("reviewReason").GetString());
    }

    private async Task<int> GroupIdAsync()
    {
        await using var conn = fixture.Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<int>("select id from pmu_group limit 1");
    }
}
