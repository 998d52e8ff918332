using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class ReviewListTests(SpaHub hub)
{
    [Fact]
    public async Task The_review_list_pages_by_50_sorts_and_finds_by_surname_card_or_number()
    {
        var page = await hub.SignInAsync();
        await page.Locator(".menu").GetByText("Случаи", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".pager .count").First).ToContainTextAsync("1–50 из");
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(50);
        await SpaHub.ShotAsync(page, "visits");

        await page.GetByRole(AriaRole.Button, new() { Name = "Следующая страница" }).First.ClickAsync();
        await Expect(page.Locator(".pager .count").First).ToContainTextAsync("51–100 из");

        // Sorting by name starts descending (ui.md §1.3(a)) and goes back to the first page.
        await page.Locator("th").GetByRole(AriaRole.Button, new() { Name = "ФИО" }).ClickAsync();
        await Expect(page.Locator(".pager .count").First).ToContainTextAsync("1–50 из");
        await Expect(page.Locator("table.grid tbody tr").First.Locator("td.fio")).ToContainTextAsync("СМИРНОВА");

        await page.Locator("input[name=q]").FillAsync("смирн");
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".pager .count").First).ToHaveTextAsync("1–1 из 1 запись");

        await page.Locator("input[name=q]").FillAsync("1001");
        await Expect(page.Locator("table.grid tbody tr td.fio").First).ToContainTextAsync("ПЕТРОВА");

        // The state filter: every tenth seeded visit is closed.
        await page.Locator("input[name=q]").FillAsync("");
        await page.Locator("select[name=state]").SelectOptionAsync("closed");
        await Expect(page.Locator("table.grid tbody tr").First.Locator(".badge")).ToHaveTextAsync("закрыт");

        // A click on a row opens the visit.
        await page.Locator("table.grid tbody tr").First.Locator("td").Nth(2).ClickAsync();
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync("закрыт");
    }
}
