using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using static Omslite.Hub.Tests.ReferenceBooks.Api.ReferenceBooksHub;

namespace Omslite.Hub.Tests.ReferenceBooks.Api;

/// <summary>The rules of the other editable books, and the books that may not be edited.</summary>
public class BookEditingTests(ReferenceBooksHub books) : IClassFixture<ReferenceBooksHub>
{
    [Fact]
    public async Task Federal_books_are_read_only_even_for_admins()
    {
        var create = await books.AdminA.PostAsJsonAsync("/api/reference/MKB10", new { code = "X99", name = "Новый" });
        var update = await books.AdminA.PutAsJsonAsync("/api/reference/MKB10/S52", new { name = "Иначе" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
        Assert.Equal("Справочник «МКБ-10» только для чтения", (await JsonAsync(create)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, update.StatusCode);
        Assert.Equal("Перелом костей предплечья", await books.ScalarAsync<string>("select name from nsi_entry where book = 'MKB10' and code = 'S52'"));
    }

    [Fact]
    public async Task Specialties_are_added_and_edited_with_their_code_fixed_and_never_deleted()
    {
        var created = await books.AdminA.PostAsJsonAsync("/api/reference/local-specialties", new { spec = 70, name = "Врач МРТ", prvs = 60, profil = 78 });
        var unknownPrvs = await books.AdminA.PostAsJsonAsync("/api/reference/local-specialties", new { spec = 71, name = "Странный", prvs = 999 });
        var duplicate = await books.AdminA.PostAsJsonAsync("/api/reference/local-specialties", new { spec = 63, name = "Ещё один" });
        var renamed = await books.AdminA.PutAsJsonAsync("/api/reference/local-specialties/70", new { name = "Врач-рентгенолог МРТ" });
        var recoded = await books.AdminA.PutAsJsonAsync("/api/reference/local-specialties/70", new { spec = 72 });
        var delete = await books.AdminA.DeleteAsync("/api/reference/local-specialties/70");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await JsonAsync(created)).GetProperty("det").GetBoolean());
        Assert.Equal("Специальности PRVS 999 нет в справочнике V021", await FirstErrorAsync(unknownPrvs));
        Assert.Equal("Специальность с кодом 63 уже есть", await FirstErrorAsync(duplicate));
        Assert.Equal("Врач-рентгенолог МРТ", (await JsonAsync(renamed)).GetProperty("name").GetString());
        Assert.Equal("Поле «Код специальности» нельзя изменить", await FirstErrorAsync(recoded));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(1, await books.ScalarAsync<long>("select count(*) from local_specialty where mo_id = @mo and spec = 70", new { mo = books.MoAId }));
    }

    [Theory]
    [InlineData(@"^\d{1,6}$", "Шаблон может содержать только латинские буквы, цифры и символы ] [ ^ $ . , | ? * + { } _ -")]
    [InlineData("^[0-9{1,6}$", "Шаблон не является правильным регулярным выражением")]
    [InlineData("^[0-9]{1,6}$", null)]
    public async Task Card_number_templates_accept_only_the_allowed_characters_and_must_compile(string pattern, string? problem)
    {
        var name = "Шаблон " + Guid.NewGuid().ToString("N")[..6];

        var response = await books.AdminA.PostAsJsonAsync("/api/reference/card-number-templates", new { name, pattern });

        if (problem is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var template = await JsonAsync(response);
            Assert.Equal("patients", template.GetProperty("tableType").GetString());
            Assert.True(template.GetProperty("active").GetBoolean());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(problem, await FirstErrorAsync(response));
            Assert.Equal(0, await books.ScalarAsync<long>("select count(*) from card_number_template where name = @name", new { name }));
        }
    }

    [Fact]
    public async Task A_card_number_template_is_for_patients_and_is_deleted_softly()
    {
        var otherTable = await books.AdminA.PostAsJsonAsync("/api/reference/card-number-templates", new { name = "Стационар", pattern = "^[0-9]+$", tableType = "cardz_stac" });
        var created = await JsonAsync(await books.AdminA.PostAsJsonAsync("/api/reference/card-number-templates", new { name = "Карты", pattern = "^[0-9]+$" }));
        var id = created.GetProperty("id").GetInt32();

        var deleted = await books.AdminA.DeleteAsync($"/api/reference/card-number-templates/{id}");
        var list = await books.AdminA.GetFromJsonAsync<JsonElement>("/api/reference/card-number-templates");

        Assert.Equal("Тип таблицы — только «patients» (номера карт пациентов)", await FirstErrorAsync(otherTable));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(id.ToString(), Field(list, "id"));
        Assert.True(await books.ScalarAsync<bool>("select deleted from card_number_template where id = @id", new { id }));
    }

    [Fact]
    public async Task A_pmu_is_added_and_put_into_and_taken_out_of_a_group_with_audit()
    {
        var groupId = await books.ScalarAsync<int>("select id from pmu_group where mo_id = @mo", new { mo = books.MoAId });
        var foreignGroup = await books.ScalarAsync<int>("select id from pmu_group where mo_id = @mo", new { mo = books.MoBId });
        var created = await books.AdminA.PostAsJsonAsync("/api/reference/pmu", new { code = "A05.23.009", ccode = 10, name = "МРТ головного мозга", codeSpec = 63 });
        var duplicate = await books.AdminA.PostAsJsonAsync("/api/reference/pmu", new { code = "A05.23.009", ccode = 11, name = "Ещё раз" });
        var badDates = await books.AdminA.PostAsJsonAsync("/api/reference/pmu", new { code = "A05.23.010", name = "Даты", dateBeg = "2025-01-01", dateEnd = "2024-01-01" });
        var pmuId = (await JsonAsync(created)).GetProperty("id").GetInt32();

        var added = await books.AdminA.PostAsJsonAsync($"/api/reference/pmu/{pmuId}/groups", new { groupId });
        var toForeign = await books.AdminA.PostAsJsonAsync($"/api/reference/pmu/{pmuId}/groups", new { groupId = foreignGroup });
        var byNumber = await books.AdminA.PostAsJsonAsync($"/api/reference/pmu-groups/{groupId}/members", new { number = 2 });
        var members = await books.ViewerA.GetFromJsonAsync<JsonElement[]>($"/api/reference/pmu-groups/{groupId}/members");
        var byOperator = await books.OperatorA.DeleteAsync($"/api/reference/pmu/{pmuId}/groups/{groupId}");
        var removed = await books.AdminA.DeleteAsync($"/api/reference/pmu/{pmuId}/groups/{groupId}");
        var groupsAfter = await books.ViewerA.GetFromJsonAsync<JsonElement[]>($"/api/reference/pmu/{pmuId}/groups");
        var group = await books.ViewerA.GetFromJsonAsync<JsonElement>($"/api/reference/pmu-groups/{groupId}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Услуга с кодом A05.23.009 уже есть", await FirstErrorAsync(duplicate));
        Assert.Equal("Дата окончания раньше даты начала", await FirstErrorAsync(badDates));
        Assert.Equal([groupId], (await JsonAsync(added)).EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, toForeign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
        Assert.Equal(["A05.23.009", "A06.A.002"], members!.Select(m => m.GetProperty("code").GetString()));
        Assert.Equal("МРТ головного мозга", members![0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(groupsAfter!);
        Assert.Equal(1, group.GetProperty("members").GetInt32());
        await using var conn = books.Hub.OpenConnection();
        var audit = await conn.QueryAsync<(string, string?, string?)>(
            "select operation, old_value, new_value from audit_log where entity = 'pmu_group' and entity_id = @id order by id", new { id = groupId.ToString() });
        Assert.Equal([("add-member", null, "A05.23.009"), ("add-member", null, "A06.A.002"), ("remove-member", "A05.23.009", null)], audit);
    }

    [Fact]
    public async Task A_tariff_price_is_edited_in_the_version_shown_and_audited_with_that_version()
    {
        var current = await books.ScalarAsync<int>("select id from tariff_version where mo_id = @mo and valid_from = '2025-01-01'", new { mo = books.MoAId });

        var negative = await books.AdminA.PutAsJsonAsync("/api/reference/tariffs/A05.A.001", new { price = -1 });
        var edited = await books.AdminA.PutAsJsonAsync("/api/reference/tariffs/A05.A.001", new { price = 1350.5 });
        var add = await books.AdminA.PostAsJsonAsync("/api/reference/tariffs", new { code = "A05.A.009", price = 1 });
        var byOtherMo = await books.AdminB.PutAsJsonAsync($"/api/reference/tariffs/A05.A.001?version={current}", new { price = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(1350.5m, (await JsonAsync(edited)).GetProperty("price").GetDecimal());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, add.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherMo.StatusCode);
        await using var conn = books.Hub.OpenConnection();
        Assert.Equal([1000.00m, 1350.50m], await conn.QueryAsync<decimal>(
            "select price from tariff t join tariff_version v on v.id = t.version_id where v.mo_id = @mo order by v.valid_from", new { mo = books.MoAId }));
        Assert.Equal(
            ($"{current}:A05.A.001", "1200.00", "1350.50"),
            await conn.QuerySingleAsync<(string, string, string)>(
                "select entity_id, old_value, new_value from audit_log where entity = 'tariff' and field = 'price'"));
    }

    [Fact]
    public async Task Diagnostic_units_are_renamed_but_not_added_and_other_lookups_are_read_only()
    {
        var renamed = await books.AdminA.PutAsJsonAsync("/api/reference/sp-para/1", new { name = "Кабинет КТ" });
        var added = await books.AdminA.PostAsJsonAsync("/api/reference/sp-para", new { name = "Новый" });
        var lookup = await books.AdminA.PutAsJsonAsync("/api/reference/ist-fin/1", new { name = "ОМС!" });

        Assert.Equal("Кабинет КТ", (await JsonAsync(renamed)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, added.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, lookup.StatusCode);
        Assert.Equal("КТ B", await books.ScalarAsync<string>("select name from local_lookup where mo_id = @mo and book = 'sp_para'", new { mo = books.MoBId }));
        Assert.Equal("sp_para:1", await books.ScalarAsync<string>("select entity_id from audit_log where entity = 'local_lookup'"));
    }

    [Fact]
    public async Task Profile_services_name_their_profile_from_V002_and_refuse_unknown_profiles()
    {
        var created = await books.AdminA.PostAsJsonAsync("/api/reference/profile-services", new { profil = 78, oneVisit = "B01.039.001", twoVisit = "B01.039.002" });
        var unknown = await books.AdminA.PostAsJsonAsync("/api/reference/profile-services", new { profil = 555 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("рентгенологии", (await JsonAsync(created)).GetProperty("name").GetString());
        Assert.Equal("Профиля 555 нет в справочнике V002", await FirstErrorAsync(unknown));
    }
}
