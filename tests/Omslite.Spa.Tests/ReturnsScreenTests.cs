using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Omslite.Hub.Demo;
using Omslite.Hub.Security;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

/// <summary>
/// Реестры → Ошибки ФЛК, Счета, МЭК beyond the happy path of the full cycle: refusals in Russian that change nothing,
/// the calculations driven from the keyboard, MEK moves the rules refuse, what a viewer sees.
/// </summary>
[Collection(SpaCollection.Name)]
public sealed class ReturnsScreenTests(SpaHub hub)
{
    [Fact]
    public async Task A_protocol_of_another_mo_or_a_zip_is_refused_with_a_russian_sentence_and_nothing_is_imported()
    {
        var before = await CountAsync("flk_batch");
        var page = await hub.SignInAsync();
        await page.GotoAsync(hub.BaseUrl + "/registries/errors");
        await Expect(page.GetByTestId("flk-errors")).ToContainTextAsync("Нет принятых ошибок");

        // Nothing chosen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Импорт" }).ClickAsync();
        await Expect(page.Locator(".task-status .message.error")).ToHaveTextAsync("Выберите файл протокола ошибок (.xml)");

        // A zipped protocol: unzip it first.
        await page.Locator("input[name=protocol]").SetInputFilesAsync(new FilePayload { Name = "FHT25M250999_26039991.zip", MimeType = "application/zip", Buffer = [0x50, 0x4b] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Импорт" }).ClickAsync();
        await Expect(page.Locator(".task-status .message.error")).ToContainTextAsync("распакуйте архив «FHT25M250999_26039991.zip»");

        // Another MO's protocol: the hub's refusal, in red, and no batch.
        var (name, content) = ReturnFiles.Protocol("250796", new DateOnly(2026, 3, 1), (1, "910", null));
        await page.Locator("input[name=protocol]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/xml", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Импорт" }).ClickAsync();
        var message = page.GetByTestId("task-message");
        await Expect(message).ToContainTextAsync($"Протокол {name} другой МО: 250796 (текущая МО 250999)");
        await Expect(message).ToHaveClassAsync("task-message failed");
        await SpaHub.ShotAsync(page, "flk-refused");
        Assert.Equal(before, await CountAsync("flk_batch"));
    }

    [Fact]
    public async Task A_service_summary_for_a_period_is_filled_in_from_the_keyboard_and_downloaded_as_a_workbook()
    {
        await SeedServiceAsync("9901", "СВОДКИНА", new DateOnly(2026, 4, 14));
        var page = await hub.SignInAsync();
        await page.GotoAsync(hub.BaseUrl + "/registries");
        await page.Locator(".side").GetByText("Расчёты", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Реестры: собственные расчёты");
        var form = page.Locator(".calculations");
        await form.Locator("select[name=kind]").SelectOptionAsync("by-service");
        await Expect(form).ToContainTextAsync("Услуги за месяц, период или год");

        // Enter goes from field to field; Ctrl+Enter runs the calculation.
        await form.Locator("select[name=kind]").PressAsync("Enter");
        await Expect(form.Locator("select[name=span]")).ToBeFocusedAsync();
        await form.Locator("select[name=span]").SelectOptionAsync("period");
        await form.Locator("select[name=span]").PressAsync("Enter");
        await Expect(form.Locator("input[name=dateFrom]")).ToBeFocusedAsync();
        await form.Locator("input[name=dateFrom]").FillAsync("2026-04-30");
        await form.Locator("input[name=dateTo]").FillAsync("2026-04-01");
        await form.Locator("input[name=dateTo]").PressAsync("Control+Enter");
        await Expect(form.Locator(".message.error")).ToHaveTextAsync("Период задан наоборот: 30.04.2026 позже 01.04.2026");

        await form.Locator("input[name=dateFrom]").FillAsync("2026-04-01");
        await form.Locator("input[name=dateTo]").FillAsync("2026-04-30");
        await form.Locator("input[name=dateTo]").PressAsync("Control+Enter");
        await Expect(form.GetByTestId("task-message")).ToContainTextAsync("Расчет Расчет услуг за месяц (год) по МО Записей обработано 1");
        var link = form.GetByTestId("result-file").GetByRole(AriaRole.Button);
        await Expect(link).ToHaveTextAsync(new Regex(@"^by_usl.*\.xlsx$"));
        await SpaHub.ShotAsync(page, "calculations-summary");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"omslite-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(saved);
        try
        {
            using var workbook = ZipFile.OpenRead(saved);
            Assert.Contains(workbook.Entries, e => e.FullName == "xl/workbook.xml");
            var sheets = workbook.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(sheets);
            var text = string.Concat(sheets.Select(s => new StreamReader(s.Open()).ReadToEnd()))
                       + (workbook.GetEntry("xl/sharedStrings.xml") is { } shared ? new StreamReader(shared.Open()).ReadToEnd() : "");
            Assert.Contains("A06.09.005", text);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    [Fact]
    public async Task A_mek_move_backwards_is_refused_and_a_viewer_sees_the_list_without_the_controls_that_change_data()
    {
        var visit = await SeedData.VisitAsync(hub, "9902", "МЭКОВА");
        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update visit set mek = true where id = @Id", new { visit.Id });
        }

        var month = SeedData.Today.ToString("yyyy-MM");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/registries/mek?month={month}");
        var row = page.GetByTestId("mek-list").Locator("tbody tr", new() { HasText = "МЭКОВА" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.Locator("input[name=target]")).ToHaveValueAsync(SeedData.Today.AddMonths(1).ToString("yyyy-MM"));

        // Backwards: the hub's rule, in red; the visit stays.
        await page.Locator("input[name=target]").FillAsync(month);
        await page.GetByRole(AriaRole.Button, new() { Name = "Перенести МЭКи" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Перенести" }).ClickAsync();
        await Expect(page.GetByTestId("task-message")).ToContainTextAsync("Переносить МЭК можно только вперед по месяцам");
        await Expect(page.GetByTestId("task-message")).ToHaveClassAsync("task-message failed");
        await Expect(row).ToHaveCountAsync(1);

        // The CSV of the month (D4): header and the visit, UTF-8 with BOM.
        await page.GetByRole(AriaRole.Button, new() { Name = "Выгрузить в CSV" }).ClickAsync();
        await Expect(page.GetByTestId("task-message")).ToContainTextAsync("МЭК за месяц");
        var link = page.GetByTestId("result-file").GetByRole(AriaRole.Button);
        await Expect(link).ToHaveTextAsync(new Regex(@"^MEK_\d{4}-\d{2}-\d{2}_[A-Za-z0-9]{4}\.csv$"));
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"omslite-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(saved);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(saved));
        File.Delete(saved);
        Assert.StartsWith("\uFEFFtal_num;crd_num;fam;open_date;close_date;usl_ok;ds1\r\n", csv);
        Assert.Contains($"{visit.Number};9902;МЭКОВА;", csv);

        // A viewer: the list and the CSV, no transfer and no imports.
        await new UserAccounts(hub.Database).AddAsync("test", "mek-viewer", Roles.Viewer, "viewer-omslite-1", [DemoSeeder.MoCode], default);
        var viewer = await hub.SignInAsync("mek-viewer", "viewer-omslite-1");
        await viewer.GotoAsync($"{hub.BaseUrl}/registries/mek?month={month}");
        await Expect(viewer.GetByTestId("mek-list").Locator("tbody tr", new() { HasText = "МЭКОВА" })).ToHaveCountAsync(1);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Перенести МЭКи" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByText("Переносить случаи МЭК могут оператор и администратор.")).ToBeVisibleAsync();
        await viewer.Locator(".side").GetByText("Счета", new() { Exact = true }).ClickAsync();
        await Expect(viewer.GetByText("Загружать счета могут оператор и администратор.")).ToBeVisibleAsync();
        await Expect(viewer.Locator("input[name=invoice]")).ToHaveCountAsync(0);
        await viewer.Locator(".side").GetByText("Ошибки ФЛК", new() { Exact = true }).ClickAsync();
        await Expect(viewer.GetByText("Загружать протоколы ошибок могут оператор и администратор.")).ToBeVisibleAsync();
        await Expect(viewer.Locator("input[name=protocol]")).ToHaveCountAsync(0);
    }

    private async Task<int> CountAsync(string table)
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>($"select count(*) from {table}");
    }

    /// <summary>A card with one visit of the day, a CT of the chest at the demo tariff, referred by MO 228.</summary>
    private async Task SeedServiceAsync(string card, string fam, DateOnly day)
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        var patientId = await conn.ExecuteScalarAsync<long>(
            """
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato, mo_att)
            values (@MoId, @card, @fam, 'АННА', 'ИВАНОВНА', 'ж', '1980-02-03', 3, @enp, '25011', '05000', '228')
            returning id
            """,
            new { hub.MoId, card, fam, enp = "251234567890" + card });
        var visitId = await conn.ExecuteScalarAsync<long>(
            """
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, status, ist_fin, purpose, usl_ok,
                               for_pom, doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, npr_mo, npr_number, npr_date)
            values (@MoId, @patientId, @day, @day, @year, @month, 1, 1, 4, 3, 3, 63, 1, 'R91', 1, 4, 14, 1, '228', '228000321', @day)
            returning id
            """,
            new { hub.MoId, patientId, day, year = day.Year, month = day.Month });
        await conn.ExecuteAsync(
            "insert into visit_service (visit_id, code, quantity, service_date, exec_podr) values (@visitId, 'A06.09.005', 1, @day, 221)",
            new { visitId, day });
    }
}
