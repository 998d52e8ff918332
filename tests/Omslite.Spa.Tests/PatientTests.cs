using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class PatientTests(SpaHub hub)
{
    [Fact]
    public async Task A_new_card_is_checked_saved_and_gets_a_new_visit()
    {
        var page = await hub.SignInAsync();
        await page.Locator(".menu").GetByText("Пациенты", new() { Exact = true }).ClickAsync();
        await page.Locator("input[name=fam]").FillAsync("иван");
        await page.Locator("input[name=fam]").PressAsync("Enter");
        await page.Locator("input[name=im]").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await Expect(page.Locator(".pager .count")).ToContainTextAsync("из 12 записей");
        await SpaHub.ShotAsync(page, "patients");

        await page.GetByRole(AriaRole.Button, new() { Name = "Новая карта" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Новая карта");
        await page.Locator("input[name=cardNumber]").FillAsync("880001");
        await page.Locator("input[name=fam]").FillAsync("андреева");
        await page.Locator("input[name=im]").FillAsync("ольга");
        await page.Locator("input[name=birthDate]").FillAsync("1985-03-14");
        await page.Locator("input[name=policyNumber]").FillAsync("2598765432109876");
        await Expect(page.Locator("[data-field=policyNumber] .hint")).ToHaveTextAsync("ЕНП 16 цифр");
        await page.Locator("input[name=smo]").FillAsync("25011");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();

        // The sex was left out: the hub's message stands at the field, nothing is saved.
        await Expect(page.Locator("[data-field=sex] .error")).ToHaveTextAsync("Не указан пол");
        await page.Locator("input[name=sex][value=ж]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Карта 880001 создана");
        await Expect(page.Locator("input[name=fam]")).ToHaveValueAsync("АНДРЕЕВА");
        await SpaHub.ShotAsync(page, "patient-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Новый талон" }).ClickAsync();
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync("Талон № новый");
        await Expect(page.Locator(".patient-panel h2")).ToContainTextAsync("880001");
        await Expect(page.Locator("input[name=istFin]")).ToHaveValueAsync("1");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "ПМУ" })).ToBeDisabledAsync();
        await page.Locator("input[name=docSpec]").FillAsync("63");
        await page.Locator("input[name=docCode]").FillAsync("1");
        await page.Locator("input[name=ds1]").FillAsync("R91");
        await SpaHub.ShotAsync(page, "visit-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();

        // The patient is attached elsewhere: the radiologist needs a referral, and the editor opens its tab.
        await Expect(page.Locator("[data-field=nprNumber] .error")).ToHaveTextAsync("Укажите направление на консультацию специалиста 63");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Направление" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Locator("input[name=nprMo]").FillAsync("028");
        await page.Locator("input[name=nprSpec]").FillAsync("76");
        await page.Locator("input[name=nprNumber]").FillAsync("228022021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToContainTextAsync("создан");
        await Expect(page.Locator(".editor-title .state")).ToHaveTextAsync("открыт");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "ПМУ" })).ToBeEnabledAsync();

        await page.Locator(".patient-panel h2 a").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Талоны (1)" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.grid tbody tr")).ToContainTextAsync("R91");
    }

    [Fact]
    public async Task Patient_visits_open_in_the_review_list_across_months_and_the_filter_is_cleared_back_to_the_month()
    {
        var visit = await SeedData.VisitAsync(hub, "770077", "МНОГОМЕСЯЧНАЯ");
        var earlier = SeedData.Today.AddMonths(-2);
        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            await conn.ExecuteAsync(
                """
                insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ist_fin, purpose, usl_ok,
                                   doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, status)
                values (@MoId, @PatientId, @earlier, @earlier, @year, @month, 1, 4, 3, 63, 1, 'M51.1', 1, 4, 14, 1, 2)
                """,
                new { hub.MoId, visit.PatientId, earlier, year = earlier.Year, month = earlier.Month });
        }

        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/patients/{visit.PatientId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Талоны (2)" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Случаи пациента" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Случаи");
        await Expect(page.GetByTestId("patient-filter")).ToContainTextAsync("карта № 770077 МНОГОМЕСЯЧНАЯ ТЕСТ ПЕТРОВНА — за все месяцы");
        var rows = page.Locator("table.grid tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "M51.1" })).ToContainTextAsync($"{earlier.Month:00}.{earlier.Year}");
        await Expect(page.Locator(".pager")).ToContainTextAsync("все месяцы");
        await SpaHub.ShotAsync(page, "patient-visits");

        await page.GetByRole(AriaRole.Button, new() { Name = "Показать все случаи месяца" }).ClickAsync();
        await Expect(page.GetByTestId("patient-filter")).ToHaveCountAsync(0);
        await Expect(page.Locator(".pager .count").First).Not.ToHaveTextAsync("1–2 из 2 записей");
        await Expect(rows).ToHaveCountAsync(50);
    }

    [Fact]
    public async Task Enter_walks_the_card_like_tab_a_radio_group_is_one_stop_and_read_only_fields_are_passed()
    {
        var visit = await SeedData.VisitAsync(hub, "7301", "КЛАВИШИНА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/patients/{visit.PatientId}");
        await Expect(page.Locator("input[name=cardNumber]")).ToHaveAttributeAsync("readonly", ""); // the card has a visit

        // From the read-only card number Enter goes on to the surname; the sex radios are one stop (the checked one);
        // after the last field it wraps to the first editable one.
        string[] card =
        [
            "cardNumber", "fam", "im", "ot", "birthDate", "sex=ж", "snils", "dulType", "dulSeries", "dulNumber", "dulDate", "ufmsCode",
            "dulIssuer", "policySeries", "policyNumber", "smo", "smoOkato", "moAtt", "city", "street", "house", "building", "flat",
            "phoneMobile", "phoneContact", "fam",
        ];
        Assert.Equal(card, await Keyboard.EnterWalkAsync(page, "input[name=cardNumber]", card.Length));
    }
}
