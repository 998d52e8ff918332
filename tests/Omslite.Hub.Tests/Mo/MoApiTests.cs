using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Tests.ReferenceBooks.Api;
using static Omslite.Hub.Tests.ReferenceBooks.Api.ReferenceBooksHub;

namespace Omslite.Hub.Tests.Mo;

public class MoApiTests(ReferenceBooksHub books) : IClassFixture<ReferenceBooksHub>
{
    [Fact]
    public async Task Every_user_sees_the_record_of_their_own_mo()
    {
        var a = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/mo");
        var b = await books.ViewerB.GetFromJsonAsync<JsonElement>("/api/mo");

        Assert.Equal(MoA, a.GetProperty("code").GetString());
        Assert.Equal("796", a.GetProperty("shortCode").GetString());
        Assert.Equal("05000", a.GetProperty("okato").GetString());
        Assert.Equal(JsonValueKind.Object, a.GetProperty("settings").ValueKind);
        Assert.Equal(MoB, b.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_admin_changes_the_mo_settings_and_the_change_is_audited()
    {
        var response = await books.AdminB.PutAsJsonAsync("/api/mo", new
        {
            shortCode = "007",
            lpu1 = "25202699900001001",
            plat = "25011",
            regionFormat = "primorye-25",
            settings = new Dictionary<string, string> { ["PROFIL_M"] = "78", ["MOP"] = "1" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mo = await books.ViewerB.GetFromJsonAsync<JsonElement>("/api/mo");
        Assert.Equal("007", mo.GetProperty("shortCode").GetString());
        Assert.Equal("25011", mo.GetProperty("plat").GetString());
        Assert.Equal("78", mo.GetProperty("settings").GetProperty("PROFIL_M").GetString());
        Assert.Equal("Другая МО", mo.GetProperty("name").GetString());
        await using var conn = books.Hub.OpenConnection();
        var audit = (await conn.QueryAsync<(string Actor, string EntityId, string Field, string? OldValue, string? NewValue)>(
            "select actor, entity_id, field, old_value, new_value from audit_log where entity = 'mo' and mo_id = @mo order by id", new { mo = books.MoBId })).ToList();
        Assert.Equal(["shortCode", "regionFormat", "lpu1", "plat", "settings"], audit.Select(a => a.Field));
        Assert.Equal(("admin-b", MoB, "100", "007"), (audit[0].Actor, audit[0].EntityId, audit[0].OldValue, audit[0].NewValue));
        Assert.Equal("{}", audit[^1].OldValue);
    }

    [Fact]
    public async Task Invalid_mo_settings_are_refused_each_with_its_russian_message()
    {
        var response = await books.AdminA.PutAsJsonAsync("/api/mo", new { code = "250000", shortCode = "7", okato = "5000", region = "2", name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal("Поле «Код МО» нельзя изменить", errors["code"]);
        Assert.Equal("Краткий код МО — ровно 3 символа, ведущие нули сохраняются (например, 007)", errors["shortCode"]);
        Assert.Equal("ОКАТО региона — 5 цифр, например 05000", errors["okato"]);
        Assert.Equal("Код региона — 2 цифры, например 25", errors["region"]);
        Assert.Equal("Заполните поле «Наименование МО»", errors["name"]);
        var mo = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/mo");
        Assert.Equal(("796", "05000", MoA), (mo.GetProperty("shortCode").GetString(), mo.GetProperty("okato").GetString(), mo.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Sending_the_same_code_back_is_fine_and_only_admins_may_change_the_mo()
    {
        var same = await books.AdminA.PutAsJsonAsync("/api/mo", new { code = MoA, name = "Центр КТ и МРТ" });
        var byOperator = await books.OperatorA.PutAsJsonAsync("/api/mo", new { name = "Захват" });
        var byViewer = await books.ViewerA.PutAsJsonAsync("/api/mo", new { name = "Захват" });

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal("Центр КТ и МРТ", await books.ScalarAsync<string>("select name from mo where code = @code", new { code = MoA }));
    }
}
