using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Visits;

public class TemplateApiTests(VisitApiFixture fixture) : IClassFixture<VisitApiFixture>
{
    private static object Radiology(string name) => new
    {
        name, istFin = 1, purpose = 4, docSpec = 63, docCode = 1, ds1 = "Z01.8", char1 = 1, ishod = 4, rslt = 14,
        visitPol = 1, visitHome = 0, urgent = true,
    };

    [Theory]
    [InlineData("КТ", "Имя шаблона не менее 4 символов без пробелов")]
    [InlineData("   ", "Имя шаблона не менее 4 символов без пробелов")]
    public async Task A_template_name_needs_four_characters_in_its_first_word(string name, string message)
    {
        var response = await fixture.Operator.PostAsJsonAsync("/api/templates", Radiology(name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.FieldErrorsAsync())["name"]);
    }

    [Fact]
    public async Task A_template_needs_a_known_doctor()
    {
        var response = await fixture.Operator.PostAsJsonAsync("/api/templates", new { name = "Чужой врач", istFin = 1, purpose = 4, docSpec = 63, docCode = 77 });

        Assert.Contains("Укажите доктора", (await response.FieldErrorsAsync())["docCode"]);
    }

    [Fact]
    public async Task Applying_a_template_copies_the_documented_fields_but_not_the_diagnosis()
    {
        var created = await (await fixture.Operator.PostAsJsonAsync("/api/templates", Radiology("КТ-диагностика"))).JsonAsync();
        var templateId = created.GetProperty("id").GetInt32();
        var fields = VisitApiFixture.ValidVisit();
        fields["char1"] = 2;
        fields["rslt"] = 1;
        var visit = await fixture.CreateVisitAsync(fields);
        var visitId = visit.GetProperty("id").GetInt64();

        var applied = await fixture.Operator.PostAsJsonAsync($"/api/visits/{visitId}/apply-template", new { templateId, version = 1 });
        var unknown = await fixture.Operator.PostAsJsonAsync($"/api/visits/{visitId}/apply-template", new { templateId = 9999, version = 2 });

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var result = (await applied.JsonAsync()).GetProperty("fields");
        Assert.Equal(1, result.GetProperty("char1").GetInt32());
        Assert.Equal(14, result.GetProperty("rslt").GetInt32());
        Assert.True(result.GetProperty("urgent").GetBoolean());
        Assert.Equal("R91", result.GetProperty("ds1").GetString());
        Assert.Equal("Нет шаблона №9999", (await unknown.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Operators_edit_templates_and_only_admins_delete_them()
    {
        var created = await (await fixture.Operator.PostAsJsonAsync("/api/templates", Radiology("МРТ-шаблон"))).JsonAsync();
        var id = created.GetProperty("id").GetInt32();

        var byOperator = await fixture.Operator.DeleteAsync($"/api/templates/{id}");
        var byAdmin = await fixture.Admin.DeleteAsync($"/api/templates/{id}");
        var list = await fixture.Operator.GetFromJsonAsync<JsonElement>("/api/templates?q=мрт");

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from audit_log where entity = 'visit_template' and entity_id = @id and operation = 'delete'", new { id = id.ToString() }));
    }
}
