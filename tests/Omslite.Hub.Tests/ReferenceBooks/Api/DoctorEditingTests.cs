using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using static Omslite.Hub.Tests.ReferenceBooks.Api.ReferenceBooksHub;

namespace Omslite.Hub.Tests.ReferenceBooks.Api;

/// <summary>Editing doctors through the API; each test uses doctor codes of its own.</summary>
public class DoctorEditingTests(ReferenceBooksHub books) : IClassFixture<ReferenceBooksHub>
{
    [Fact]
    public async Task An_admin_creates_updates_and_deletes_a_doctor_and_every_step_is_audited()
    {
        var created = await books.AdminA.PostAsJsonAsync("/api/reference/doctors", new { family = "Петров", snils = "123-456-789 01", code = 101, spec = 63 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var doctor = await JsonAsync(created);
        var id = doctor.GetProperty("id").GetInt32();
        Assert.Equal("12345678901", doctor.GetProperty("snils").GetString());
        Assert.Equal("Рентгенолог", doctor.GetProperty("specName").GetString());
        Assert.Equal(1, doctor.GetProperty("version").GetInt32());
        Assert.Equal($"/api/reference/doctors/{id}", created.Headers.Location!.OriginalString);

        var updated = await books.AdminA.PutAsJsonAsync($"/api/reference/doctors/{id}", new { family = "Петрова", tabid = 7, version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Петрова", (await JsonAsync(updated)).GetProperty("family").GetString());
        var stale = await books.AdminA.PutAsJsonAsync($"/api/reference/doctors/{id}", new { family = "Сидорова", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var cleared = await books.AdminA.PutAsJsonAsync($"/api/reference/doctors/{id}", new { tabid = (int?)null, version = 2 });
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(cleared)).GetProperty("tabid").ValueKind);

        var deleted = await books.AdminA.DeleteAsync($"/api/reference/doctors/{id}?version=3");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await books.AdminA.GetAsync($"/api/reference/doctors/{id}")).StatusCode);
        Assert.True(await books.ScalarAsync<bool>("select deleted from doctor where id = @id", new { id }));

        await using var conn = books.Hub.OpenConnection();
        var audit = (await conn.QueryAsync<(string Actor, int MoId, string Operation, string Field, string? OldValue, string? NewValue)>(
            "select actor, mo_id, operation, field, old_value, new_value from audit_log where entity = 'doctor' and entity_id = @id order by id",
            new { id = id.ToString() })).ToList();
        Assert.All(audit, a => Assert.Equal(("admin-a", books.MoAId), (a.Actor, a.MoId)));
        Assert.Contains(("create", "family", null, "Петров"), audit.Select(a => (a.Operation, a.Field, a.OldValue, a.NewValue)));
        Assert.Contains(("create", "snils", null, "12345678901"), audit.Select(a => (a.Operation, a.Field, a.OldValue, a.NewValue)));
        Assert.Equal(
            [("update", "family", "Петров", "Петрова"), ("update", "tabid", null, "7"), ("update", "tabid", "7", null), ("delete", "deleted", "false", "true")],
            audit.Where(a => a.Operation != "create").Select(a => (a.Operation, a.Field, a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task Invalid_doctors_are_refused_with_every_problem_in_russian_and_nothing_is_saved()
    {
        var response = await books.AdminA.PostAsJsonAsync("/api/reference/doctors", new { family = " ", snils = "123", code = 0, spec = 99 });
        var duplicate = await books.AdminA.PostAsJsonAsync("/api/reference/doctors", new { family = "Двойник", snils = "12345678901", code = 1, spec = 63 });
        var noSnils = await books.AdminA.PostAsJsonAsync("/api/reference/doctors", new { family = "Без СНИЛС", code = 102, spec = 63 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal("Укажите фамилию врача", errors["family"]);
        Assert.Equal("Укажите СНИЛС врача (11 цифр)", errors["snils"]);
        Assert.Equal("Код врача — целое число больше 0", errors["code"]);
        Assert.Equal("Специальность 99 не найдена в справочнике «Специальности»", errors["spec"]);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("Врач с кодом 1 и специальностью 63 уже есть", await FirstErrorAsync(duplicate));
        Assert.Equal("Укажите СНИЛС врача (11 цифр)", await FirstErrorAsync(noSnils));
        Assert.Equal(0, await books.ScalarAsync<long>("select count(*) from doctor where family in ('Двойник', 'Без СНИЛС') or code in (0, 102)"));
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_or_a_body_that_is_not_json_gets_a_russian_400()
    {
        var wrongType = await books.AdminA.PostAsJsonAsync("/api/reference/doctors", new { family = "Иванов", snils = "12345678901", code = "сто", spec = 63 });
        var notJson = await books.AdminA.PostAsync("/api/reference/doctors", new StringContent("{family:", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("«Код»: введите целое число", await FirstErrorAsync(wrongType));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("Ожидается объект JSON с полями записи", (await JsonAsync(notJson)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Operators_and_viewers_may_not_edit_doctors()
    {
        var id = await books.ScalarAsync<int>("select id from doctor where mo_id = @mo and code = 2", new { mo = books.MoAId });
        var body = new { family = "Чужой", snils = "12345678901", code = 103, spec = 63, version = 1 };

        foreach (var client in new[] { books.OperatorA, books.ViewerA })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/reference/doctors", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/reference/doctors/{id}", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/reference/doctors/{id}")).StatusCode);
        }

        Assert.Equal(0, await books.ScalarAsync<long>("select count(*) from doctor where code = 103 or family = 'Чужой'"));
        Assert.Equal((false, 1), await RowAsync(id));
    }

    [Fact]
    public async Task An_admin_of_another_mo_can_neither_change_nor_delete_this_mos_doctor()
    {
        var id = await books.ScalarAsync<int>("select id from doctor where mo_id = @mo and code = 3", new { mo = books.MoAId });

        var update = await books.AdminB.PutAsJsonAsync($"/api/reference/doctors/{id}", new { family = "Захват", version = 1 });
        var delete = await books.AdminB.DeleteAsync($"/api/reference/doctors/{id}");

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal((false, 1), await RowAsync(id));
    }

    [Fact]
    public async Task An_update_without_the_version_it_was_based_on_is_refused()
    {
        var id = await books.ScalarAsync<int>("select id from doctor where mo_id = @mo and code = 4", new { mo = books.MoAId });

        var response = await books.AdminA.PutAsJsonAsync($"/api/reference/doctors/{id}", new { family = "Без версии" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("version", (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal((false, 1), await RowAsync(id));
    }

    private async Task<(bool Deleted, int Version)> RowAsync(int id)
    {
        await using var conn = books.Hub.OpenConnection();
        return await conn.QuerySingleAsync<(bool, int)>("select deleted, version from doctor where id = @id", new { id });
    }
}
