using System.Net;
using System.Net.Http.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Patients;

public class PatientApiTests(PatientApiFixture fixture) : IClassFixture<PatientApiFixture>
{
    private HttpClient Operator => fixture.Operator;

    [Fact]
    public async Task A_valid_card_is_normalised_derived_and_audited()
    {
        var card = fixture.ValidCard();
        card["cardNumber"] = "  " + card["cardNumber"] + " extra";
        card["ot"] = null;

        var response = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var saved = body.GetProperty("fields");
        Assert.Equal(((string)card["cardNumber"]!).Trim().Split(' ')[0], saved.GetProperty("cardNumber").GetString());
        Assert.Equal("ИВАНОВ", saved.GetProperty("fam").GetString());
        Assert.Equal(3, saved.GetProperty("policyType").GetInt32());
        Assert.Equal("1_", saved.GetProperty("dost").GetString());
        Assert.Equal("05000", saved.GetProperty("smoOkato").GetString());
        var id = body.GetProperty("id").GetInt64();
        await using var conn = fixture.Hub.OpenConnection();
        var audited = await conn.QueryAsync<string>("select field from audit_log where entity = 'patient' and entity_id = @id and operation = 'create'", new { id = id.ToString() });
        Assert.Contains("fam", audited);
    }

    [Theory]
    [InlineData("cardNumber", "", "cardNumber", "Пустой номер карты")]
    [InlineData("cardNumber", "0", "cardNumber", "Недопустимый номер карты")]
    [InlineData("cardNumber", "12345678", "cardNumber", "Номер карты не соответствует шаблону")]
    [InlineData("cardNumber", "12A45", "cardNumber", "Номер карты не соответствует шаблону")]
    [InlineData("birthDate", "1899-12-31", "birthDate", "Возраст пациента должен быть в диапазоне от 3 до 120 лет")]
    [InlineData("birthDate", "2025-01-01", "birthDate", "Возраст пациента должен быть в диапазоне от 3 до 120 лет")]
    [InlineData("sex", null, "sex", "Не указан пол")]
    [InlineData("sex", "x", "sex", "Не указан пол")]
    [InlineData("policyNumber", "1234567890", "policyNumber", "Неизвестный тип полиса")]
    [InlineData("policyNumber", "25123456789012AB", "policyNumber", "Номер полиса должен состоять из цифр (ЕНП 16 цифр, временное свидетельство 9 цифр)")]
    [InlineData("snils", "123-456", "snils", "СНИЛС: 11 цифр")]
    [InlineData("ufmsCode", "25000", "ufmsCode", "Код УФМС: 6 цифр")]
    public async Task An_invalid_field_is_refused_with_its_message_and_nothing_is_saved(string field, string? value, string errorField, string message)
    {
        var card = fixture.ValidCard();
        card[field] = value;

        var response = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.FieldErrorsAsync())[errorField]);
        await AssertNoCardAsync(card);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("3")]
    public async Task The_default_template_takes_one_to_seven_digits(string number)
    {
        var card = fixture.ValidCard();
        card["cardNumber"] = number;

        var response = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Surname_or_first_name_is_enough_but_one_is_needed()
    {
        var onlyName = fixture.ValidCard();
        onlyName["fam"] = null;
        var neither = fixture.ValidCard();
        neither["fam"] = null;
        neither["im"] = null;

        var ok = await Operator.PostAsJsonAsync("/api/patients", onlyName);
        var bad = await Operator.PostAsJsonAsync("/api/patients", neither);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal("2_", (await ok.JsonAsync()).GetProperty("fields").GetProperty("dost").GetString());
        Assert.Contains("Укажите Фамилию или Имя", (await bad.FieldErrorsAsync())["fam"]);
    }

    [Fact]
    public async Task An_old_policy_needs_a_complete_identity_document()
    {
        var noDul = fixture.ValidCard();
        noDul["policySeries"] = "ПР";
        noDul["policyNumber"] = "123456";
        var partial = fixture.ValidCard();
        partial["dulType"] = 14;
        partial["dulSeries"] = "05 03";

        var first = await Operator.PostAsJsonAsync("/api/patients", noDul);
        var second = await Operator.PostAsJsonAsync("/api/patients", partial);

        Assert.Contains("Для этого типа полиса заполните ДУЛ", (await first.FieldErrorsAsync())["dulType"]);
        var errors = await second.FieldErrorsAsync();
        Assert.Contains("Нет номера ДУЛ", errors["dulNumber"]);
        Assert.Contains("Нет даты ДУЛ", errors["dulDate"]);
        Assert.Contains("Кем выдан ДУЛ ?", errors["dulIssuer"]);
    }

    [Theory]
    [InlineData("05 03", "123456", true)]
    [InlineData("0503", "123456", false)]
    [InlineData("05 03", "12345", false)]
    public async Task A_passport_follows_the_F011_masks_and_the_ufms_code_fills_the_issuer(string series, string number, bool valid)
    {
        var card = fixture.ValidCard();
        card["dulType"] = 14;
        card["dulSeries"] = series;
        card["dulNumber"] = number;
        card["dulDate"] = "2005-03-01";
        card["ufmsCode"] = "250-001";

        var response = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Equal(valid ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
        if (valid)
        {
            Assert.Equal("ОТДЕЛОМ УФМС РОССИИ ПО ПРИМОРСКОМУ КРАЮ", (await response.JsonAsync()).GetProperty("fields").GetProperty("dulIssuer").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_document_type_is_refused()
    {
        var card = fixture.ValidCard();
        card["dulType"] = 99;
        card["dulSeries"] = "1";
        card["dulNumber"] = "2";
        card["dulDate"] = "2005-03-01";
        card["dulIssuer"] = "X";

        var response = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Contains("Неизвестный тип документа (F011)", (await response.FieldErrorsAsync())["dulType"]);
    }

    [Fact]
    public async Task An_insurer_or_its_region_is_required_and_a_street_needs_a_city()
    {
        var card = fixture.ValidCard();
        card["smo"] = null;
        card["street"] = "Светланская";

        var errors = await (await Operator.PostAsJsonAsync("/api/patients", card)).FieldErrorsAsync();

        Assert.Contains("Укажите либо СМО либо СМО ОКАТО", errors["smo"]);
        Assert.Contains("Укажите город", errors["city"]);
    }

    [Fact]
    public async Task An_active_card_template_replaces_the_default()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250100");
        await hub.AddUserAsync("op", Roles.Operator, "250100");
        await using (var conn = hub.OpenConnection())
        {
            await conn.ExecuteAsync("insert into card_number_template (mo_id, name, pattern) select id, 'Карты амбулаторные', '^[0-9]{1,6}$' from mo");
        }

        var client = await hub.LoginAsync("op");
        var card = fixture.ValidCard();
        card["smo"] = null;
        card["smoOkato"] = "05000";
        card["cardNumber"] = "1234567";

        var response = await client.PostAsJsonAsync("/api/patients", card);

        Assert.Contains("Номер карты не соответствует шаблону", (await response.FieldErrorsAsync())["cardNumber"]);
    }

    [Fact]
    public async Task A_card_number_is_unique_in_the_mo()
    {
        var card = fixture.ValidCard();
        await Operator.PostAsJsonAsync("/api/patients", card);

        var again = await Operator.PostAsJsonAsync("/api/patients", card);

        Assert.Contains($"Карта с номером {card["cardNumber"]} уже есть", (await again.FieldErrorsAsync())["cardNumber"]);
    }

    [Fact]
    public async Task An_update_is_audited_field_by_field_and_a_stale_version_is_refused()
    {
        var created = await (await Operator.PostAsJsonAsync("/api/patients", fixture.ValidCard())).JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(created.GetProperty("fields").GetRawText())!;
        fields["fam"] = "Петров";

        var first = await Operator.PutAsJsonAsync($"/api/patients/{id}", new { version = 1, fields });
        fields["fam"] = "Сидоров";
        var stale = await Operator.PutAsJsonAsync($"/api/patients/{id}", new { version = 1, fields });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await first.JsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("изменено другим пользователем", (await stale.JsonAsync()).GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal("ПЕТРОВ", await conn.ExecuteScalarAsync<string>("select fam from patient where id = @id", new { id }));
        var audit = await conn.QuerySingleAsync<(string Old, string New, string Actor)>(
            "select old_value, new_value, actor from audit_log where entity = 'patient' and entity_id = @id and operation = 'update' and field = 'fam'",
            new { id = id.ToString() });
        Assert.Equal(("ИВАНОВ", "ПЕТРОВ", "operator"), audit);
    }

    [Fact]
    public async Task The_card_number_cannot_change_once_the_card_has_visits()
    {
        var created = await (await Operator.PostAsJsonAsync("/api/patients", fixture.ValidCard())).JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        await using (var conn = fixture.Hub.OpenConnection())
        {
            await conn.ExecuteAsync(
                "insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month) values (@mo, @id, '2026-01-12', '2026-01-12', 2026, 1)",
                new { mo = fixture.MoId, id });
        }

        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(created.GetProperty("fields").GetRawText())!;
        fields["cardNumber"] = "7777777";
        var response = await Operator.PutAsJsonAsync($"/api/patients/{id}", new { version = 1, fields });

        Assert.Contains("Номер карты нельзя изменить: у карты есть талоны", (await response.FieldErrorsAsync())["cardNumber"]);
    }

    [Fact]
    public async Task Search_is_a_case_insensitive_prefix_and_sql_looking_text_is_only_text()
    {
        var card = fixture.ValidCard();
        card["fam"] = "Поисковая";
        await Operator.PostAsJsonAsync("/api/patients", card);

        var byPrefix = await Operator.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/patients?fam=поиск");
        var injection = await Operator.GetAsync("/api/patients?q=" + Uri.EscapeDataString("'; drop table patient; --") + "&sort=fam;drop");

        Assert.Contains(byPrefix.GetProperty("items").EnumerateArray(), i => i.GetProperty("cardNumber").GetString() == (string)card["cardNumber"]!);
        Assert.Equal(HttpStatusCode.OK, injection.StatusCode);
        Assert.Equal(0, (await injection.JsonAsync()).GetProperty("total").GetInt64());
        await using var conn = fixture.Hub.OpenConnection();
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from patient") > 0);
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_write_and_another_mo_sees_nothing()
    {
        var created = await (await Operator.PostAsJsonAsync("/api/patients", fixture.ValidCard())).JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        await fixture.Hub.AddUserAsync($"viewer{id}", Roles.Viewer, "250796");
        await fixture.Hub.AddMoAsync($"25{id % 10000:0000}");
        await fixture.Hub.AddUserAsync($"stranger{id}", Roles.Admin, $"25{id % 10000:0000}");
        var viewer = await fixture.Hub.LoginAsync($"viewer{id}");
        var stranger = await fixture.Hub.LoginAsync($"stranger{id}");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/patients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/patients", fixture.ValidCard())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/patients/{id}")).StatusCode);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/patients")).GetProperty("total").GetInt64());
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(created.GetProperty("fields").GetRawText())!;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/patients/{id}", new { version = 1, fields })).StatusCode);
    }

    private async Task AssertNoCardAsync(Dictionary<string, object?> card)
    {
        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "select count(*) from patient where card_number = @n", new { n = card["cardNumber"]?.ToString() ?? "" }));
    }
}
