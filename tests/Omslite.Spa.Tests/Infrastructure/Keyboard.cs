namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>Walks a form with the Enter key, the way ui.md §1.3(g) says Clinic forms are filled in.</summary>
public static class Keyboard
{
    /// <summary>
    /// Focuses <paramref name="start"/>, then presses Enter <paramref name="steps"/> − 1 times; answers the name of the
    /// focused field at each step (a radio button as "name=value", "(none)" when the focus was lost).
    /// </summary>
    public static async Task<string[]> EnterWalkAsync(IPage page, string start, int steps)
    {
        await page.Locator(start).FocusAsync();
        var seen = new List<string>();
        for (var i = 0; i < steps; i++)
        {
            if (i > 0)
            {
                await page.Keyboard.PressAsync("Enter");
            }

            seen.Add(await page.EvaluateAsync<string>(
                """
                () => {
                  const e = document.activeElement;
                  if (!e || !e.name) return '(none)';
                  return e.type === 'radio' ? `${e.name}=${e.value}` : e.name;
                }
                """));
        }

        return [.. seen];
    }
}
