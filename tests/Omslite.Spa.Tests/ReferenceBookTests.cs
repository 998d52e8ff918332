using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class ReferenceBookTests(SpaHub hub)
{
    private const string V006 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <packet>
          <zglv><type>V006</type><version>2.0</version></zglv>
          <zap><IDUMP>1</IDUMP><UMPNAME>Стационарно</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
          <zap><IDUMP>2</IDUMP><UMPNAME>В дневном стационаре</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
          <zap><IDUMP>3</IDUMP><UMPNAME>Амбулаторно</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
        </packet>
        """;

    [Fact]
    public async Task An_admin_uploads_an_nsi_book_and_sees_the_result_message()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.Locator(".menu").GetByText("Справочники", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Справочники");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "V006.xml", MimeType = "text/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(V006),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
        var message = page.GetByTestId("task-message");
        await Expect(message).ToContainTextAsync("Файл: V006.xml. Справочник V006: записей 3");
        await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("done"));
        await SpaHub.ShotAsync(page, "reference-books");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "V006.xml", MimeType = "text/xml", Buffer = System.Text.Encoding.UTF8.GetBytes("<packet><zap><IDUMP>1</IDUMP>"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
        await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed"));
        await Expect(message).ToContainTextAsync("V006.xml");
        await SpaHub.ShotAsync(page, "reference-upload-error");
    }

    [Fact]
    public async Task An_operator_sees_the_books_but_no_upload()
    {
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/reference");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Справочники");
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);

        // Editing is an admin's: an operator sees the doctors but no Добавить, no edit link and no delete.
        await page.Locator("nav.side").GetByRole(AriaRole.Link, new() { Name = "Врачи" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody tr").First).ToContainTextAsync("Рентгенолог");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить" })).ToHaveCountAsync(0);
        await Expect(page.Locator("table.grid button.edit-link")).ToHaveCountAsync(0);
        await Expect(page.Locator("table.grid button.minus")).ToHaveCountAsync(0);
        await Expect(page.Locator(".book")).ToContainTextAsync("Изменять справочник может администратор МО.");

        // The book list comes from GET /api/reference; a book opens as a searchable table.
        var side = page.Locator("nav.side");
        await side.GetByRole(AriaRole.Link, new() { Name = "МКБ-10" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("МКБ-10");
        await Expect(page.Locator("table.grid tbody tr").First).Not.ToContainTextAsync("Загрузка");
        await page.Locator("input[name=q]").FillAsync("ы52");
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.grid tbody tr")).ToContainTextAsync("S52.5");
        await page.Locator("input[name=q]").FillAsync("");
        await Expect(page.Locator("table.grid tbody tr")).Not.ToHaveCountAsync(1);
        await SpaHub.ShotAsync(page, "reference-book-table");
    }

    [Fact]
    public async Task An_admin_adds_a_doctor_past_a_validation_error_edits_and_deletes_it()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.GotoAsync($"{hub.BaseUrl}/reference/doctors");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Врачи");
        var rows = page.Locator("table.grid tbody tr");
        await Expect(rows.First).ToContainTextAsync("Рентгенолог");

        // Добавить: the form comes from the API (ui.md §2.1 order); a short SNILS and an unknown specialty are refused
        // with the hub's messages at their fields, and nothing is saved.
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        var dialog = page.Locator(".book-dialog");
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("Врачи (Добавить)");
        await Expect(dialog.Locator("input[name=family]")).ToBeFocusedAsync();
        await dialog.Locator("input[name=family]").FillAsync("Захарова Вера Ильинична");
        await dialog.Locator("input[name=snils]").FillAsync("123-456");
        await dialog.Locator("input[name=code]").FillAsync("77");
        await dialog.Locator("input[name=spec]").FillAsync("99");
        await dialog.Locator("input[name=spec]").PressAsync("Enter");
        await Expect(dialog.Locator("[data-field=snils] .error")).ToHaveTextAsync("Укажите СНИЛС врача (11 цифр)");
        await Expect(dialog.Locator("[data-field=spec] .error")).ToHaveTextAsync("Специальность 99 не найдена в справочнике «Специальности»");
        await Expect(dialog.Locator(".message.error")).ToHaveTextAsync("Исправьте ошибки в отмеченных полях");
        await SpaHub.ShotAsync(page, "reference-book-validation");
        Assert.Equal(0, await DoctorsAsync("Захарова Вера Ильинична"));

        await dialog.Locator("input[name=snils]").FillAsync("112-233-445 95");
        await dialog.Locator("input[name=spec]").FillAsync("63");
        await Expect(dialog.Locator("[data-field=spec] .hint")).ToHaveTextAsync("Рентгенолог");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var added = rows.Filter(new() { HasText = "Захарова Вера Ильинична" });
        await Expect(added).ToContainTextAsync("11223344595");

        // Изменить: a click on the row; the district is set, the page reloaded, and the change is still there.
        await added.ClickAsync();
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("Врачи (Изменить)");
        await Expect(dialog.Locator("input[name=snils]")).ToHaveValueAsync("11223344595");
        await dialog.Locator("input[name=district]").FillAsync("12");
        await SpaHub.ShotAsync(page, "reference-book-edit");
        await dialog.Locator("input[name=district]").PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(added.Locator("td").Nth(7)).ToHaveTextAsync("12");

        // Someone else saves the doctor while the dialog is open: the save is refused (409) with a readable message,
        // and "Загрузить текущую запись" brings their version, which can then be changed.
        await added.ClickAsync();
        await dialog.Locator("input[name=tabid]").FillAsync("501");
        var id = (await added.Locator("td").First.InnerTextAsync()).Trim();
        using (var other = await hub.ApiAsync(SpaHub.AdminLogin, SpaHub.AdminPassword))
        {
            var row = await other.GetFromJsonAsync<JsonElement>($"/api/reference/doctors/{id}");
            var put = await other.PutAsJsonAsync($"/api/reference/doctors/{id}", new { division = 4, version = row.GetProperty("version").GetInt32() });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Изменить" }).ClickAsync();
        await Expect(dialog.Locator(".message.warn")).ToContainTextAsync("Изменено другим пользователем");
        await SpaHub.ShotAsync(page, "reference-book-conflict");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Загрузить текущую запись" }).ClickAsync();
        await Expect(dialog.Locator("input[name=division]")).ToHaveValueAsync("4");
        await Expect(dialog.Locator("input[name=tabid]")).ToHaveValueAsync("");
        await dialog.Locator("input[name=tabid]").FillAsync("501");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Изменить" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(added.Locator("td").Nth(8)).ToHaveTextAsync("501");
        await Expect(added.Locator("td").Nth(6)).ToHaveTextAsync("4");

        // Удалить (soft): gone from the list, kept in the database as deleted.
        await added.Locator("button.minus").ClickAsync();
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("Врачи (Удалить)");
        await Expect(dialog.Locator("input[name=family]")).ToHaveAttributeAsync("readonly", "");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Удалить" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(added).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(rows.First).ToContainTextAsync("Рентгенолог");
        await Expect(added).ToHaveCountAsync(0);
        await using var conn = await hub.Database.OpenConnectionAsync();
        Assert.True(await conn.ExecuteScalarAsync<bool>("select deleted from doctor where id = @id", new { id = int.Parse(id) }));
    }

    [Fact]
    public async Task An_admin_changes_a_tariff_price_of_the_version_shown_and_federal_books_stay_read_only()
    {
        // A service no other test's visit uses; its price is put back at the end (the pack tests sum tariffs).
        const string Code = "A05.30.005";
        await using var conn = await hub.Database.OpenConnectionAsync();
        const string PriceSql = "select t.price from tariff t join tariff_version v on v.id = t.version_id where v.mo_id = @mo and t.code = @Code";
        var price = await conn.ExecuteScalarAsync<decimal>(PriceSql, new { mo = hub.MoId, Code });
        try
        {
            var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
            await page.GotoAsync($"{hub.BaseUrl}/reference/tariffs");
            var row = page.Locator("table.grid tbody tr");
            await Expect(row.First).Not.ToContainTextAsync("Загрузка");
            await page.Locator("input[name=q]").FillAsync(Code);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("button.edit-link")).ToHaveTextAsync(Code);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить" })).ToHaveCountAsync(0); // the import brings rows
            await Expect(page.Locator("table.grid button.minus")).ToHaveCountAsync(0);

            await row.Locator("button.edit-link").ClickAsync();
            var dialog = page.Locator(".book-dialog");
            await Expect(dialog.Locator("input[name=price]")).ToBeFocusedAsync();
            await dialog.Locator("input[name=price]").FillAsync("-5");
            await dialog.Locator("input[name=price]").PressAsync("Enter");
            await Expect(dialog.Locator("[data-field=price] .error")).ToHaveTextAsync("Цена не может быть отрицательной");
            await dialog.Locator("input[name=price]").FillAsync("2500,50"); // a decimal comma, as people type it
            await dialog.Locator("input[name=price]").PressAsync("Enter");
            await Expect(dialog).ToHaveCountAsync(0);
            await page.ReloadAsync();
            await Expect(row.First).Not.ToContainTextAsync("Загрузка");
            await page.Locator("input[name=q]").FillAsync(Code);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"2\s500,50"));
            Assert.Equal(2500.50m, await conn.ExecuteScalarAsync<decimal>(PriceSql, new { mo = hub.MoId, Code }));

            await page.GotoAsync($"{hub.BaseUrl}/reference/MKB10");
            await Expect(page.Locator(".book")).ToContainTextAsync("Федеральный справочник: только просмотр");
            await Expect(page.Locator("table.grid tbody tr").First).Not.ToContainTextAsync("Загрузка");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить" })).ToHaveCountAsync(0);
            await Expect(page.Locator("table.grid button.edit-link")).ToHaveCountAsync(0);
        }
        finally
        {
            await conn.ExecuteAsync(
                "update tariff t set price = @price from tariff_version v where v.id = t.version_id and v.mo_id = @mo and t.code = @Code",
                new { price, mo = hub.MoId, Code });
        }
    }

    [Fact]
    public async Task An_admin_adds_a_pmu_group_and_puts_services_in_and_out_of_it()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.GotoAsync($"{hub.BaseUrl}/reference/pmu-groups");
        var rows = page.Locator("table.grid tbody tr");
        await Expect(rows.First).Not.ToContainTextAsync("Загрузка");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        var dialog = page.Locator(".book-dialog");
        await dialog.Locator("input[name=name]").FillAsync("КТ для теста групп");
        await dialog.Locator("input[name=name]").PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        var group = rows.Filter(new() { HasText = "КТ для теста групп" });
        await Expect(group.Locator("td").Last).ToHaveTextAsync("0");

        // ui.md §2.3 group editor: members by code (typed in either layout) or short number, removed with the minus.
        await group.ClickAsync();
        var members = dialog.Locator(".membership tbody tr");
        await Expect(members).ToHaveTextAsync(["Нет"]);
        await dialog.Locator("input[name=member]").FillAsync("ф06.09.005");
        await dialog.Locator("input[name=member]").PressAsync("Enter");
        await Expect(members).ToHaveCountAsync(1);
        await Expect(members).ToContainTextAsync("A06.09.005");
        await Expect(members).ToContainTextAsync("Компьютерная томография органов грудной полости");
        await dialog.Locator("input[name=member]").FillAsync("Z99.99");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        await Expect(dialog.Locator(".membership .message.error")).ToContainTextAsync("Z99.99");
        await Expect(members).ToHaveCountAsync(1);
        await SpaHub.ShotAsync(page, "reference-pmu-group");

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(group.Locator("td").Last).ToHaveTextAsync("1"); // the list reloaded with the member count
        await group.ClickAsync();
        await members.Locator("button.minus").ClickAsync();
        await Expect(members).ToHaveTextAsync(["Нет"]);
    }

    private async Task<long> DoctorsAsync(string family)
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select count(*) from doctor where mo_id = @mo and family = @family", new { mo = hub.MoId, family });
    }
}
